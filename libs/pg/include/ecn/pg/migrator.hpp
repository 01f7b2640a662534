#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/pg/migrations.hpp"

namespace ecn::pg {

// The one row of schema_migrations: the version last set and whether its migration failed
// part-way (dirty). golang-migrate reads and writes the same table.
struct MigrationState {
  std::int64_t version = 0;
  bool dirty = false;

  bool operator==(const MigrationState&) const = default;
};

// Refusal to migrate a database left dirty by a failed migration; the message says how to
// repair it (fix the schema by hand, then `<binary> migrate force <version>`).
class DirtyDatabase : public MigrationError {
 public:
  DirtyDatabase(std::int64_t version, const std::string& message)
      : MigrationError(message), version_(version) {}
  std::int64_t version() const { return version_; }

 private:
  std::int64_t version_;
};

// Applies migrations to one database the way golang-migrate does, so either tool can take
// over from the other: schema_migrations(version bigint primary key, dirty boolean) in the
// current schema holds one row (none before the first migration). Before migration V runs the
// row becomes (V, dirty); the migration and the row's (V, clean) commit in one transaction.
// Every call that writes holds golang-migrate's session advisory lock (migration_lock_key) on a
// dedicated connection, so replicas starting together apply each migration exactly once.
class Migrator {
 public:
  // Throws MigrationError when two migrations share a version or a version is negative.
  Migrator(std::string url, std::vector<Migration> migrations);

  // Applies every migration above the current version; returns how many ran. A database at a
  // version newer than all known migrations (an older binary during a rollout) is left alone.
  // Throws DirtyDatabase when dirty, MigrationError when a migration fails (leaving it dirty).
  std::size_t up();
  // Reverts up to n migrations from the current version down; returns how many ran.
  std::size_t down(std::size_t n);
  // Marks the schema as being at `version` (-1: before the first migration) and clean, without
  // running anything: the repair step after fixing a failed migration by hand.
  void force(std::int64_t version);
  // The current state, or none when no migration has been applied.
  std::optional<MigrationState> version();

  const std::vector<Migration>& migrations() const { return migrations_; }

 private:
  std::string url_;
  std::vector<Migration> migrations_;  // sorted by version
};

// The advisory lock key golang-migrate's postgres driver uses for a migrations table:
// crc32(schema NUL table NUL database) * 1486364155, modulo 2^32.
std::int64_t migration_lock_key(std::string_view database, std::string_view schema,
                                std::string_view table = "schema_migrations");

}  // namespace ecn::pg
