#include "ecn/pg/migrations.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "embedded_migrations.hpp"

namespace ecn::pg {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

const std::filesystem::path kTestData = ECN_PG_TESTDATA_DIR;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A scratch directory of migration files, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("ecn_pg_migrations_" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir& add(const std::string& name, const std::string& content = "SELECT 1;") {
    std::ofstream(path_ / name, std::ios::binary) << content;
    return *this;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string load_error(const std::filesystem::path& dir) {
  try {
    load_migrations(dir);
  } catch (const MigrationError& e) {
    return e.what();
  }
  return "no error";
}

TEST(LoadMigrations, ReadsPairsSortedNumericallyAndIgnoresOtherFiles) {
  const auto dir = kTestData / "embedded";
  const auto migrations = load_migrations(dir);
  EXPECT_THAT(migrations, ElementsAre(Field(&Migration::version, 1), Field(&Migration::version, 2),
                                      Field(&Migration::version, 10)));
  EXPECT_EQ(migrations[0].name, "create_items");
  EXPECT_EQ(migrations[2].name, "index_labels");
  EXPECT_EQ(migrations[0].up_sql, read(dir / "1_create_items.up.sql"));
  EXPECT_EQ(migrations[0].down_sql, read(dir / "1_create_items.down.sql"));
  EXPECT_EQ(migrations[1].up_sql, read(dir / "2_seed_items.up.sql"));
}

TEST(EmbeddedMigrations, EqualWhatLoadMigrationsReadsFromTheSameDirectory) {
  const auto embedded = ecn::pg::testdata::migrations();
  ASSERT_EQ(embedded.size(), 3u);
  EXPECT_EQ(embedded, load_migrations(kTestData / "embedded"));
  // The first file holds )ecnsql" and )ecnsql1", CMake-looking text and non-ASCII bytes.
  EXPECT_THAT(embedded[0].up_sql, HasSubstr(")ecnsql1\" force"));
  EXPECT_THAT(embedded[0].up_sql, HasSubstr("${NOT_A_CMAKE_VAR}, @ALSO_NOT@, semicolons;"));
  EXPECT_THAT(embedded[0].up_sql, HasSubstr("caf\xc3\xa9"));
}

TEST(LoadMigrations, MissingDirectory) {
  EXPECT_THAT(load_error(kTestData / "no-such-dir"), HasSubstr("does not exist"));
}

TEST(LoadMigrations, RejectsBadlyNamedSqlFiles) {
  for (const std::string name :
       {"1_x.sql", "abc_x.up.sql", "1_.up.sql", "1-x.up.sql", "1_x.sideways.sql", "1_x y.up.sql"}) {
    ScratchDir dir;
    dir.add(name);
    EXPECT_THAT(load_error(dir.path()), HasSubstr("must be named NNNNNN_name.up.sql")) << name;
  }
}

TEST(LoadMigrations, RejectsAnUpWithoutDownAndTheReverse) {
  ScratchDir up_only;
  up_only.add("000001_a.up.sql").add("000001_a.down.sql").add("000002_b.up.sql");
  EXPECT_THAT(load_error(up_only.path()), HasSubstr("'000002_b.up.sql' has no matching .down.sql"));

  ScratchDir down_only;
  down_only.add("000003_c.down.sql");
  EXPECT_THAT(load_error(down_only.path()),
              HasSubstr("'000003_c.down.sql' has no matching .up.sql"));
}

TEST(LoadMigrations, RejectsTwoMigrationsWithOneVersion) {
  ScratchDir dir;
  dir.add("000001_a.up.sql").add("000001_a.down.sql").add("1_b.up.sql").add("1_b.down.sql");
  const auto error = load_error(dir.path());
  EXPECT_THAT(error, HasSubstr("duplicate migration version 1"));
}

TEST(LoadMigrations, RejectsAVersionBeyond64Bits) {
  ScratchDir dir;
  dir.add("99999999999999999999_big.up.sql").add("99999999999999999999_big.down.sql");
  EXPECT_THAT(load_error(dir.path()), HasSubstr("does not fit in a 64-bit integer"));
}

TEST(MigrationsFromFiles, RejectsTheSameFileTwice) {
  const MigrationSource files[] = {{"1_a.up.sql", "x"}, {"1_a.up.sql", "y"}, {"1_a.down.sql", ""}};
  EXPECT_THROW(
      {
        try {
          migrations_from_files(files);
        } catch (const MigrationError& e) {
          EXPECT_THAT(e.what(), HasSubstr("appears twice"));
          throw;
        }
      },
      MigrationError);
}

TEST(MigrationsFromFiles, KeepsEmptyDownFiles) {
  const MigrationSource files[] = {{"7_irreversible.down.sql", ""}, {"7_irreversible.up.sql", "A"}};
  EXPECT_THAT(migrations_from_files(files), ElementsAre(Migration{7, "irreversible", "A", ""}));
}

}  // namespace
}  // namespace ecn::pg
