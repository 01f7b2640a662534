#include "ecn/pg/migrate_command.hpp"

#include <cerrno>
#include <charconv>
#include <optional>
#include <ostream>

#include "ecn/pg/migrator.hpp"

namespace ecn::pg {
namespace {

std::optional<std::int64_t> parse_integer(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int usage(std::ostream& err, const std::string& problem) {
  const std::string prog = program_invocation_short_name;
  err << prog << ": " << problem << "\n"
      << "usage: " << prog << " migrate up | down N | version | force V\n"
      << "  up         apply all pending migrations\n"
      << "  down N     revert the last N migrations (N >= 1)\n"
      << "  version    print the current migration version\n"
      << "  force V    mark version V (-1: none) as applied and clean without running it,\n"
      << "             after repairing a failed migration by hand\n";
  return kMigrateUsage;
}

std::string describe(const std::optional<MigrationState>& state) {
  if (!state) return "none";
  return std::to_string(state->version) + (state->dirty ? " (dirty)" : "");
}

}  // namespace

int run_migrate_command(std::span<const std::string> args, const std::string& url,
                        std::vector<Migration> migrations, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "migrate") return usage(err, "expected the word 'migrate'");
  if (args.size() < 2) return usage(err, "migrate needs a command");
  const std::string& command = args[1];
  const auto operand = [&]() -> std::optional<std::int64_t> {
    return args.size() == 3 ? parse_integer(args[2]) : std::nullopt;
  };

  std::optional<std::int64_t> number;
  if (command == "up" || command == "version") {
    if (args.size() != 2) return usage(err, "migrate " + command + " takes no argument");
  } else if (command == "down") {
    number = operand();
    if (!number || *number < 1) return usage(err, "migrate down needs a count N >= 1");
  } else if (command == "force") {
    number = operand();
    if (!number || *number < -1) return usage(err, "migrate force needs a version V >= -1");
  } else {
    return usage(err, "unknown migrate command '" + command + "'");
  }

  try {
    Migrator migrator(url, std::move(migrations));
    if (command == "up") {
      const auto applied = migrator.up();
      out << "applied " << applied << " migration(s); version " << describe(migrator.version())
          << "\n";
    } else if (command == "down") {
      const auto reverted = migrator.down(static_cast<std::size_t>(*number));
      out << "reverted " << reverted << " migration(s); version " << describe(migrator.version())
          << "\n";
    } else if (command == "force") {
      migrator.force(*number);
      out << "forced version " << describe(migrator.version()) << "\n";
    } else {
      out << describe(migrator.version()) << "\n";
    }
    return kMigrateOk;
  } catch (const std::exception& e) {
    err << "migrate " << command << " failed: " << e.what() << "\n";
    return kMigrateFailed;
  }
}

}  // namespace ecn::pg
