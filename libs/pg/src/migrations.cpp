#include "ecn/pg/migrations.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

namespace ecn::pg {
namespace {

// golang-migrate's naming scheme, restricted to names that are safe as file and C++ tokens.
const std::regex kFileName(R"(^([0-9]+)_([A-Za-z0-9][A-Za-z0-9_-]*)\.(up|down)\.sql$)");

struct ParsedName {
  std::int64_t version;
  std::string name;
  bool up;
};

ParsedName parse_file_name(std::string_view file_name) {
  const std::string text(file_name);
  std::smatch match;
  if (!std::regex_match(text, match, kFileName)) {
    throw MigrationError("migration file '" + text +
                         "' must be named NNNNNN_name.up.sql or NNNNNN_name.down.sql (name: "
                         "letters, digits, '_' and '-')");
  }
  const std::string digits = match[1].str();
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc{} || end != digits.data() + digits.size()) {
    throw MigrationError("migration file '" + text + "': version " + digits +
                         " does not fit in a 64-bit integer");
  }
  return {version, match[2].str(), match[3].str() == "up"};
}

// Both halves of one version while files are being paired.
struct Pending {
  std::string name;
  std::string first_file;
  std::optional<std::string> up;
  std::optional<std::string> down;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationError("cannot read migration file " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::vector<Migration> migrations_from_files(std::span<const MigrationSource> files) {
  std::map<std::int64_t, Pending> by_version;
  for (const auto& file : files) {
    const ParsedName parsed = parse_file_name(file.file_name);
    auto [it, inserted] = by_version.try_emplace(parsed.version);
    Pending& pending = it->second;
    if (inserted) {
      pending.name = parsed.name;
      pending.first_file = std::string(file.file_name);
    } else if (pending.name != parsed.name) {
      throw MigrationError("duplicate migration version " + std::to_string(parsed.version) + ": '" +
                           pending.first_file + "' and '" + std::string(file.file_name) + "'");
    }
    auto& slot = parsed.up ? pending.up : pending.down;
    if (slot) {
      throw MigrationError("migration file '" + std::string(file.file_name) + "' appears twice");
    }
    slot = std::string(file.sql);
  }

  std::vector<Migration> migrations;
  migrations.reserve(by_version.size());
  for (auto& [version, pending] : by_version) {
    if (!pending.up || !pending.down) {
      const char* missing = pending.up ? ".down.sql" : ".up.sql";
      throw MigrationError("migration '" + pending.first_file + "' has no matching " + missing +
                           " file: every migration needs both");
    }
    migrations.push_back({version, pending.name, std::move(*pending.up), std::move(*pending.down)});
  }
  return migrations;
}

std::vector<Migration> load_migrations(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw MigrationError("migrations directory " + dir.string() + " does not exist");
  }
  std::vector<std::string> names;
  std::vector<std::string> contents;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    names.push_back(entry.path().filename().string());
    contents.push_back(read_file(entry.path()));
  }
  std::vector<MigrationSource> files;
  files.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) files.push_back({names[i], contents[i]});
  return migrations_from_files(files);
}

}  // namespace ecn::pg
