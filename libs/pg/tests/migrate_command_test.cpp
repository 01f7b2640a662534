#include "ecn/pg/migrate_command.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace ecn::pg {
namespace {

using ::testing::HasSubstr;

// Nothing listens on port 1, so any attempt to reach the database fails at once.
const std::string kUnreachable = "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2";

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = run_migrate_command(args, kUnreachable, {}, out, err);
  return {code, out.str(), err.str()};
}

TEST(RunMigrateCommand, BadArgumentsAreUsageErrorsThatNeverTouchTheDatabase) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"up"},
      {"migrate"},
      {"migrate", "sideways"},
      {"migrate", "up", "extra"},
      {"migrate", "version", "1"},
      {"migrate", "down"},
      {"migrate", "down", "0"},
      {"migrate", "down", "two"},
      {"migrate", "down", "1", "2"},
      {"migrate", "force"},
      {"migrate", "force", "-2"},
      {"migrate", "force", "3x"},
  };
  for (const auto& args : cases) {
    const auto outcome = run(args);
    EXPECT_EQ(outcome.code, kMigrateUsage) << ::testing::PrintToString(args);
    EXPECT_THAT(outcome.err, HasSubstr("usage: ")) << ::testing::PrintToString(args);
    EXPECT_EQ(outcome.out, "");
  }
}

TEST(RunMigrateCommand, AnUnreachableDatabaseIsAFailureNotAUsageError) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"migrate", "up"},
                                                                {"migrate", "version"},
                                                                {"migrate", "down", "1"},
                                                                {"migrate", "force", "-1"}}) {
    const auto outcome = run(args);
    EXPECT_EQ(outcome.code, kMigrateFailed) << args[1];
    EXPECT_THAT(outcome.err, HasSubstr("migrate " + args[1] + " failed: ")) << args[1];
  }
}

}  // namespace
}  // namespace ecn::pg
