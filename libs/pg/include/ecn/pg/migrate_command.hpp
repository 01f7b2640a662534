#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "ecn/pg/migrations.hpp"

namespace ecn::pg {

// Exit codes of run_migrate_command.
inline constexpr int kMigrateOk = 0;
inline constexpr int kMigrateFailed = 1;
inline constexpr int kMigrateUsage = 2;

// The `migrate` subcommand every service binary has. `args` are the words after the program
// name, starting with "migrate":
//   migrate up          apply all pending migrations
//   migrate down N      revert the last N migrations
//   migrate version     print the current version ("none", "3" or "3 (dirty)")
//   migrate force V     mark version V (-1: none) as applied and clean, running nothing
// Results go to `out`, errors and usage to `err`. Returns kMigrateOk, kMigrateFailed (the
// database refused or failed) or kMigrateUsage (bad arguments; nothing was touched).
//   if (argc > 1 && std::string_view(argv[1]) == "migrate")
//     return run_migrate_command(std::vector<std::string>(argv + 1, argv + argc), url,
//                                migrations(), std::cout, std::cerr);
int run_migrate_command(std::span<const std::string> args, const std::string& url,
                        std::vector<Migration> migrations, std::ostream& out, std::ostream& err);

}  // namespace ecn::pg
