#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "ecn/pg/migrate_command.hpp"
#include "ecn/testing/temp_database.hpp"

namespace ecn::pg {
namespace {

using ::testing::HasSubstr;

std::vector<Migration> migrations(bool second_fails = false) {
  return {
      {1, "one", "CREATE TABLE one ();", "DROP TABLE one;"},
      {2, "two", second_fails ? "SELECT 1 / 0;" : "CREATE TABLE two ();", "DROP TABLE two;"},
      {3, "three", "CREATE TABLE three ();", "DROP TABLE three;"},
  };
}

class MigrateCommandTest : public ::testing::Test {
 protected:
  struct Outcome {
    int code;
    std::string out;
    std::string err;
  };

  Outcome run(std::vector<std::string> args, bool second_fails = false) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = run_migrate_command(args, db_.url(), migrations(second_fails), out, err);
    return {code, out.str(), err.str()};
  }

  ecn::testing::TempDatabase db_;
};

TEST_F(MigrateCommandTest, UpDownVersionForce) {
  auto r = run({"migrate", "version"});
  EXPECT_EQ(r.code, kMigrateOk);
  EXPECT_EQ(r.out, "none\n");

  r = run({"migrate", "up"});
  EXPECT_EQ(r.code, kMigrateOk) << r.err;
  EXPECT_EQ(r.out, "applied 3 migration(s); version 3\n");

  r = run({"migrate", "down", "2"});
  EXPECT_EQ(r.code, kMigrateOk) << r.err;
  EXPECT_EQ(r.out, "reverted 2 migration(s); version 1\n");

  r = run({"migrate", "force", "3"});
  EXPECT_EQ(r.code, kMigrateOk) << r.err;
  EXPECT_EQ(r.out, "forced version 3\n");
  EXPECT_EQ(run({"migrate", "version"}).out, "3\n");
}

TEST_F(MigrateCommandTest, AFailedMigrationExitsOneAndTheOperatorCanRepairIt) {
  auto r = run({"migrate", "up"}, true);
  EXPECT_EQ(r.code, kMigrateFailed);
  EXPECT_THAT(r.err, HasSubstr("migrate up failed: migration 2_two (up) failed"));
  EXPECT_THAT(r.err, HasSubstr("migrate force 1`"));
  EXPECT_EQ(run({"migrate", "version"}).out, "2 (dirty)\n");

  r = run({"migrate", "up"});
  EXPECT_EQ(r.code, kMigrateFailed);
  EXPECT_THAT(r.err, HasSubstr("dirty at version 2"));

  EXPECT_EQ(run({"migrate", "force", "1"}).code, kMigrateOk);
  r = run({"migrate", "up"});
  EXPECT_EQ(r.code, kMigrateOk) << r.err;
  EXPECT_EQ(r.out, "applied 2 migration(s); version 3\n");
}

}  // namespace
}  // namespace ecn::pg
