#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <latch>
#include <pqxx/pqxx>
#include <thread>

#include "ecn/pg/migrator.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"

namespace ecn::pg {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Optional;

std::vector<Migration> three_migrations() {
  return {
      {1, "create_a", "CREATE TABLE a (id int PRIMARY KEY);", "DROP TABLE a;"},
      {2, "create_b", "CREATE TABLE b (id int PRIMARY KEY);\nINSERT INTO b VALUES (1);",
       "DROP TABLE b;"},
      {3, "add_c", "ALTER TABLE a ADD COLUMN c text;", "ALTER TABLE a DROP COLUMN c;"},
  };
}

class MigratorTest : public ::testing::Test {
 protected:
  // Runs one query on a fresh connection and returns the first column of the first row.
  template <typename T>
  T query(const std::string& sql) {
    pqxx::connection conn(db_.url());
    pqxx::nontransaction tx(conn);
    return tx.exec1(sql)[0].as<T>();
  }

  bool has_table(const std::string& name) {
    return query<bool>("SELECT to_regclass('" + name + "') IS NOT NULL");
  }

  bool has_column(const std::string& table, const std::string& column) {
    return query<int>("SELECT count(*) FROM information_schema.columns WHERE table_name = '" +
                      table + "' AND column_name = '" + column + "'") == 1;
  }

  int version_rows() { return query<int>("SELECT count(*) FROM schema_migrations"); }

  template <typename Exception>
  std::string error_of(const std::function<void()>& action) {
    try {
      action();
    } catch (const Exception& e) {
      return e.what();
    }
    ADD_FAILURE() << "expected an exception";
    return "";
  }

  ecn::testing::TempDatabase db_;
};

TEST_F(MigratorTest, VersionIsNoneOnAFreshDatabaseAndCreatesNothing) {
  Migrator migrator(db_.url(), three_migrations());
  EXPECT_EQ(migrator.version(), std::nullopt);
  EXPECT_FALSE(has_table("schema_migrations"));
}

TEST_F(MigratorTest, UpAppliesAllInOrderAndLeavesOneCleanRowLikeGolangMigrate) {
  Migrator migrator(db_.url(), three_migrations());
  EXPECT_EQ(migrator.up(), 3u);
  EXPECT_THAT(migrator.version(), Optional(MigrationState{3, false}));
  EXPECT_EQ(version_rows(), 1);
  EXPECT_TRUE(has_table("a"));
  EXPECT_TRUE(has_table("b"));
  EXPECT_TRUE(has_column("a", "c"));
  // golang-migrate's exact table: version bigint not null primary key, dirty boolean not null.
  EXPECT_EQ(query<std::string>(
                "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', ' "
                "ORDER BY ordinal_position) FROM information_schema.columns "
                "WHERE table_name = 'schema_migrations'"),
            "version bigint NO, dirty boolean NO");
  EXPECT_EQ(query<std::string>("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON "
                               "a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                               "WHERE i.indrelid = 'schema_migrations'::regclass AND "
                               "i.indisprimary"),
            "version");
}

TEST_F(MigratorTest, UpAgainIsANoOpAndLaterRunsOnlyTheNewMigration) {
  Migrator(db_.url(), three_migrations()).up();
  Migrator again(db_.url(), three_migrations());
  EXPECT_EQ(again.up(), 0u);
  EXPECT_THAT(again.version(), Optional(MigrationState{3, false}));
  EXPECT_EQ(query<int>("SELECT count(*) FROM b"), 1);  // migration 2 did not run twice

  auto more = three_migrations();
  more.push_back({4, "create_d", "CREATE TABLE d ();", "DROP TABLE d;"});
  Migrator newer(db_.url(), more);
  EXPECT_EQ(newer.up(), 1u);
  EXPECT_TRUE(has_table("d"));
  EXPECT_THAT(newer.version(), Optional(MigrationState{4, false}));
}

TEST_F(MigratorTest, DownRevertsTheLastNAndDownPastTheFirstEmptiesTheTable) {
  Migrator migrator(db_.url(), three_migrations());
  migrator.up();
  EXPECT_EQ(migrator.down(2), 2u);
  EXPECT_THAT(migrator.version(), Optional(MigrationState{1, false}));
  EXPECT_FALSE(has_column("a", "c"));
  EXPECT_FALSE(has_table("b"));
  EXPECT_TRUE(has_table("a"));

  EXPECT_EQ(migrator.down(5), 1u);
  EXPECT_EQ(migrator.version(), std::nullopt);
  EXPECT_FALSE(has_table("a"));
  EXPECT_EQ(version_rows(), 0);
  EXPECT_EQ(migrator.down(1), 0u);
  EXPECT_EQ(migrator.up(), 3u);  // and back up again from nothing
}

TEST_F(MigratorTest, AFailedMigrationLeavesItDirtyAndLaterRunsRefuseUntilForced) {
  auto migrations = three_migrations();
  migrations[1].up_sql = "CREATE TABLE b (id int);\nSELECT 1 / 0;";
  Migrator broken(db_.url(), migrations);

  const auto failure = error_of<MigrationError>([&] { broken.up(); });
  EXPECT_THAT(failure, HasSubstr("migration 2_create_b (up) failed"));
  EXPECT_THAT(failure, HasSubstr("division by zero"));
  EXPECT_THAT(failure, HasSubstr("migrate force 1`"));
  EXPECT_THAT(broken.version(), Optional(MigrationState{2, true}));
  EXPECT_EQ(version_rows(), 1);
  EXPECT_TRUE(has_table("a"));
  EXPECT_FALSE(has_table("b"));  // rolled back with its transaction

  Migrator fixed(db_.url(), three_migrations());
  const auto refusal = error_of<DirtyDatabase>([&] { fixed.up(); });
  EXPECT_THAT(refusal, HasSubstr("dirty at version 2"));
  EXPECT_THAT(refusal, HasSubstr("Fix the schema by hand, then run `"));
  EXPECT_THAT(refusal, HasSubstr(" migrate force 1`"));
  EXPECT_THROW(fixed.down(1), DirtyDatabase);
  EXPECT_THAT(fixed.version(), Optional(MigrationState{2, true}));

  fixed.force(1);
  EXPECT_THAT(fixed.version(), Optional(MigrationState{1, false}));
  EXPECT_EQ(fixed.up(), 2u);
  EXPECT_THAT(fixed.version(), Optional(MigrationState{3, false}));
  EXPECT_TRUE(has_table("b"));
}

TEST_F(MigratorTest, AFailedFirstMigrationSuggestsForcingMinusOne) {
  Migrator broken(db_.url(), {{1, "bad", "SELECT * FROM no_such_table;", ""}});
  EXPECT_THAT(error_of<MigrationError>([&] { broken.up(); }), HasSubstr("migrate force -1`"));
  EXPECT_THAT(broken.version(), Optional(MigrationState{1, true}));
  broken.force(-1);
  EXPECT_EQ(broken.version(), std::nullopt);
  EXPECT_EQ(version_rows(), 0);
}

TEST_F(MigratorTest, ForceRejectsVersionsItDoesNotKnow) {
  Migrator migrator(db_.url(), three_migrations());
  EXPECT_THAT(error_of<MigrationError>([&] { migrator.force(42); }),
              HasSubstr("no migration has that version"));
  EXPECT_EQ(migrator.version(), std::nullopt);
}

TEST_F(MigratorTest, AFailedDownLeavesTheTargetVersionDirty) {
  auto migrations = three_migrations();
  migrations[2].down_sql = "ALTER TABLE a DROP COLUMN no_such_column;";
  Migrator migrator(db_.url(), migrations);
  migrator.up();
  EXPECT_THAT(error_of<MigrationError>([&] { migrator.down(1); }),
              HasSubstr("migration 3_add_c (down) failed"));
  EXPECT_THAT(migrator.version(), Optional(MigrationState{2, true}));
  EXPECT_TRUE(has_column("a", "c"));
}

TEST_F(MigratorTest, ADatabaseNewerThanTheBinaryIsLeftAloneButAGapIsAnError) {
  Migrator(db_.url(), three_migrations()).up();
  auto older = three_migrations();
  older.pop_back();
  EXPECT_EQ(Migrator(db_.url(), older).up(), 0u);
  EXPECT_THAT(Migrator(db_.url(), older).version(), Optional(MigrationState{3, false}));

  auto gap = three_migrations();
  gap.erase(gap.begin() + 2);
  gap.push_back({4, "create_d", "CREATE TABLE d ();", "DROP TABLE d;"});
  EXPECT_THAT(error_of<MigrationError>([&] { Migrator(db_.url(), gap).up(); }),
              HasSubstr("version 3, which is not among this binary's migrations"));
}

TEST_F(MigratorTest, RejectsDuplicateVersionsUpFront) {
  auto migrations = three_migrations();
  migrations.push_back(migrations[0]);
  EXPECT_THROW(Migrator(db_.url(), migrations), MigrationError);
}

TEST_F(MigratorTest, ConcurrentMigratorsApplyEachMigrationExactlyOnce) {
  const std::vector<Migration> migrations = {
      {1, "log", "CREATE TABLE applied (version int);\nINSERT INTO applied VALUES (1);", ""},
      // The sleep widens the window in which the other replicas try to migrate too.
      {2, "slow", "INSERT INTO applied VALUES (2);\nSELECT pg_sleep(0.3);", ""},
      {3, "table", "CREATE TABLE z (id int);\nINSERT INTO applied VALUES (3);", ""},
  };
  constexpr int kReplicas = 4;
  std::latch start(kReplicas);
  std::atomic<std::size_t> applied{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> replicas;
  for (int i = 0; i < kReplicas; ++i) {
    replicas.emplace_back([&] {
      Migrator migrator(db_.url(), migrations);
      start.arrive_and_wait();
      try {
        applied += migrator.up();
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : replicas) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(applied, 3u);
  EXPECT_EQ(
      query<std::string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM applied"),
      "1,2,3");
  EXPECT_THAT(Migrator(db_.url(), migrations).version(), Optional(MigrationState{3, false}));
}

TEST_F(MigratorTest, WaitsWhileAnotherProcessHoldsGolangMigratesLock) {
  const auto key = migration_lock_key(db_.name(), "public");
  pqxx::connection other(db_.url());
  pqxx::nontransaction holder(other);
  holder.exec("SELECT pg_advisory_lock(" + std::to_string(key) + ")");

  std::atomic<bool> done{false};
  std::thread migrate([&] {
    Migrator(db_.url(), three_migrations()).up();
    done = true;
  });
  // The migrator must be queued behind exactly that lock, not running.
  const bool waiting = ecn::testing::wait_until(
      [&] {
        return query<int>(
                   "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT "
                   "granted AND objid::bigint = " +
                   std::to_string(key)) == 1;
      },
      10s);
  EXPECT_TRUE(waiting);
  EXPECT_FALSE(done);
  EXPECT_FALSE(has_table("a"));

  holder.exec("SELECT pg_advisory_unlock(" + std::to_string(key) + ")");
  EXPECT_TRUE(ecn::testing::wait_until([&] { return done.load(); }, 20s));
  migrate.join();
  EXPECT_TRUE(has_table("a"));
}

TEST_F(MigratorTest, RunsMarkedFilesOutsideATransaction) {
  // The test data's migration 10 is CREATE INDEX CONCURRENTLY, which PostgreSQL refuses to
  // run inside a transaction block.
  Migrator migrator(db_.url(),
                    load_migrations(std::filesystem::path(ECN_PG_TESTDATA_DIR) / "embedded"));
  EXPECT_EQ(migrator.up(), 3u);
  EXPECT_TRUE(has_table("items_label_idx"));
  EXPECT_EQ(query<int>("SELECT count(*) FROM items"), 2);
  EXPECT_EQ(migrator.down(3), 3u);
  EXPECT_FALSE(has_table("items"));
}

}  // namespace
}  // namespace ecn::pg
