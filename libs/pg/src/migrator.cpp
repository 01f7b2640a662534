#include "ecn/pg/migrator.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <pqxx/pqxx>

namespace ecn::pg {
namespace {

constexpr std::int64_t kNilVersion = -1;  // golang-migrate's "no migration applied"
constexpr std::string_view kTable = "schema_migrations";
constexpr std::string_view kNoTransactionMarker = "-- ecn:no-transaction";

std::string program() {
  return program_invocation_short_name;
}

bool runs_outside_transaction(std::string_view sql) {
  std::size_t start = 0;
  while (start < sql.size()) {
    auto end = sql.find('\n', start);
    if (end == std::string_view::npos) end = sql.size();
    std::string_view line = sql.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line == kNoTransactionMarker) return true;
    start = end + 1;
  }
  return false;
}

std::uint32_t crc32_ieee(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A dedicated connection holding the migration lock for its whole life. The lock belongs to
// the server session, so every statement that relies on it first checks that it still runs
// in that session (libpqxx may reconnect a broken connection behind our back).
class LockedSession {
 public:
  explicit LockedSession(const std::string& url) : conn_(url) {
    pqxx::nontransaction tx(conn_);
    const auto row = tx.exec1("SELECT current_database(), current_schema(), pg_backend_pid()");
    if (row[1].is_null()) {
      throw MigrationError("no current schema for schema_migrations: search_path names none");
    }
    const auto database = row[0].as<std::string>();
    const auto schema = row[1].as<std::string>();
    backend_pid_ = row[2].as<int>();
    table_ = tx.quote_name(schema) + "." + tx.quote_name(std::string(kTable));
    key_ = migration_lock_key(database, schema);
    tx.exec("SELECT pg_advisory_lock(" + std::to_string(key_) + ")");
    tx.exec("CREATE TABLE IF NOT EXISTS " + table_ +
            " (version bigint not null primary key, dirty boolean not null)");
  }

  ~LockedSession() {
    try {
      pqxx::nontransaction tx(conn_);
      tx.exec("SELECT pg_advisory_unlock(" + std::to_string(key_) + ")");
    } catch (const std::exception&) {
      // The server drops a session's advisory locks when the session ends, which is next.
    }
  }

  LockedSession(const LockedSession&) = delete;
  LockedSession& operator=(const LockedSession&) = delete;

  pqxx::connection& conn() { return conn_; }

  void check_same_session(pqxx::transaction_base& tx) const {
    if (tx.exec1("SELECT pg_backend_pid()")[0].as<int>() != backend_pid_) {
      throw MigrationError("lost the connection holding the migration lock; start again");
    }
  }

  std::optional<MigrationState> state() {
    pqxx::nontransaction tx(conn_);
    const auto rows = tx.exec("SELECT version, dirty FROM " + table_ + " LIMIT 1");
    if (rows.empty()) return std::nullopt;
    return MigrationState{rows[0][0].as<std::int64_t>(), rows[0][1].as<bool>()};
  }

  // golang-migrate's SetVersion: the table holds exactly the one row, or none for a clean
  // "before the first migration".
  void set_version(pqxx::transaction_base& tx, std::int64_t version, bool dirty) const {
    check_same_session(tx);
    tx.exec("TRUNCATE " + table_);
    if (version != kNilVersion || dirty) {
      tx.exec("INSERT INTO " + table_ + " (version, dirty) VALUES (" + std::to_string(version) +
              ", " + (dirty ? "true" : "false") + ")");
    }
  }

 private:
  pqxx::connection conn_;
  std::string table_;
  std::int64_t key_ = 0;
  int backend_pid_ = 0;
};

std::string dirty_message(std::int64_t version, std::int64_t previous) {
  const std::string prog = program();
  return "schema_migrations is dirty at version " + std::to_string(version) +
         ": the migration that set it failed part-way, so no migration runs until it is "
         "repaired. Fix the schema by hand, then run `" +
         prog +
         " migrate force <version the "
         "schema now matches>`: `" +
         prog + " migrate force " + std::to_string(previous) +
         "` if the failed migration left nothing behind (a migration in a transaction is "
         "rolled back whole), or `" +
         prog + " migrate force " + std::to_string(version) + "` if you completed it by hand.";
}

std::string failure_message(const Migration& m, bool up, std::int64_t from, std::int64_t target,
                            bool in_transaction, const std::string& error) {
  const std::string prog = program();
  std::string message = "migration " + std::to_string(m.version) + "_" + m.name + " (" +
                        (up ? "up" : "down") + ") failed: " + error +
                        "\nschema_migrations is now dirty at version " + std::to_string(target) +
                        ". ";
  if (in_transaction) {
    message +=
        "The migration ran in one transaction, which was rolled back: the schema is "
        "still at version " +
        std::to_string(from) + ". Fix the migration, run `" + prog + " migrate force " +
        std::to_string(from) + "`, then migrate again.";
  } else {
    message +=
        "The migration ran outside a transaction and may be partly applied. Fix the "
        "schema by hand so it matches version " +
        std::to_string(from) + " or " + std::to_string(target) + ", then run `" + prog +
        " migrate force <that version>`.";
  }
  return message;
}

}  // namespace

std::int64_t migration_lock_key(std::string_view database, std::string_view schema,
                                std::string_view table) {
  constexpr std::uint32_t kSalt = 1486364155u;
  std::string joined;
  joined.append(schema).push_back('\0');
  joined.append(table).push_back('\0');
  joined.append(database);
  return static_cast<std::int64_t>(static_cast<std::uint32_t>(crc32_ieee(joined) * kSalt));
}

Migrator::Migrator(std::string url, std::vector<Migration> migrations)
    : url_(std::move(url)), migrations_(std::move(migrations)) {
  std::sort(migrations_.begin(), migrations_.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < migrations_.size(); ++i) {
    if (migrations_[i].version < 0) {
      throw MigrationError("migration version " + std::to_string(migrations_[i].version) +
                           " is negative");
    }
    if (i > 0 && migrations_[i].version == migrations_[i - 1].version) {
      throw MigrationError("duplicate migration version " + std::to_string(migrations_[i].version));
    }
  }
}

namespace {

// Index of `version` in sorted `migrations`, or none.
std::optional<std::size_t> index_of(const std::vector<Migration>& migrations,
                                    std::int64_t version) {
  const auto it =
      std::lower_bound(migrations.begin(), migrations.end(), version,
                       [](const Migration& m, std::int64_t v) { return m.version < v; });
  if (it == migrations.end() || it->version != version) return std::nullopt;
  return static_cast<std::size_t>(it - migrations.begin());
}

std::int64_t version_before(const std::vector<Migration>& migrations, std::int64_t version) {
  std::int64_t previous = kNilVersion;
  for (const auto& m : migrations) {
    if (m.version >= version) break;
    previous = m.version;
  }
  return previous;
}

// Runs one migration in one direction, bracketed by golang-migrate's bookkeeping.
void run_step(LockedSession& session, const Migration& m, bool up, std::int64_t from,
              std::int64_t target) {
  const std::string& sql = up ? m.up_sql : m.down_sql;
  const bool in_transaction = !runs_outside_transaction(sql);
  spdlog::info("migrate: {} {}_{}", up ? "applying" : "reverting", m.version, m.name);
  {
    pqxx::work tx(session.conn());
    session.set_version(tx, target, true);
    tx.commit();
  }
  try {
    if (in_transaction) {
      pqxx::work tx(session.conn());
      session.check_same_session(tx);
      tx.exec(sql);
      session.set_version(tx, target, false);
      tx.commit();
    } else {
      {
        pqxx::nontransaction tx(session.conn());
        session.check_same_session(tx);
        tx.exec(sql);
      }
      pqxx::work tx(session.conn());
      session.set_version(tx, target, false);
      tx.commit();
    }
  } catch (const std::exception& e) {
    std::string error = e.what();
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    throw MigrationError(failure_message(m, up, from, target, in_transaction, error));
  }
}

}  // namespace

std::size_t Migrator::up() {
  LockedSession session(url_);
  const auto state = session.state();
  if (state && state->dirty) {
    throw DirtyDatabase(state->version,
                        dirty_message(state->version, version_before(migrations_, state->version)));
  }
  std::int64_t current = state ? state->version : kNilVersion;
  if (state && !index_of(migrations_, current)) {
    if (migrations_.empty() || current > migrations_.back().version) {
      spdlog::warn(
          "migrate: database is at version {}, newer than this binary's migrations; "
          "leaving it as it is",
          current);
      return 0;
    }
    throw MigrationError("database is at version " + std::to_string(current) +
                         ", which is not among this binary's migrations");
  }
  std::size_t applied = 0;
  for (const auto& m : migrations_) {
    if (m.version <= current) continue;
    run_step(session, m, true, current, m.version);
    current = m.version;
    ++applied;
  }
  return applied;
}

std::size_t Migrator::down(std::size_t n) {
  LockedSession session(url_);
  const auto state = session.state();
  if (!state) return 0;
  if (state->dirty) {
    throw DirtyDatabase(state->version,
                        dirty_message(state->version, version_before(migrations_, state->version)));
  }
  auto index = index_of(migrations_, state->version);
  if (!index) {
    throw MigrationError("database is at version " + std::to_string(state->version) +
                         ", which is not among this binary's migrations: cannot migrate down");
  }
  std::size_t reverted = 0;
  for (std::size_t i = *index + 1; i-- > 0 && reverted < n;) {
    const std::int64_t target = i == 0 ? kNilVersion : migrations_[i - 1].version;
    run_step(session, migrations_[i], false, migrations_[i].version, target);
    ++reverted;
  }
  return reverted;
}

void Migrator::force(std::int64_t version) {
  if (version != kNilVersion && !index_of(migrations_, version)) {
    throw MigrationError("cannot force version " + std::to_string(version) +
                         ": no migration has that version (use -1 for none applied)");
  }
  LockedSession session(url_);
  pqxx::work tx(session.conn());
  session.set_version(tx, version, false);
  tx.commit();
  spdlog::info("migrate: forced version {}", version);
}

std::optional<MigrationState> Migrator::version() {
  pqxx::connection conn(url_);
  pqxx::nontransaction tx(conn);
  const auto schema = tx.exec1("SELECT current_schema()")[0];
  if (schema.is_null()) return std::nullopt;
  const std::string table =
      tx.quote_name(schema.as<std::string>()) + "." + tx.quote_name(std::string(kTable));
  if (tx.exec1("SELECT to_regclass(" + tx.quote(table) + ") IS NULL")[0].as<bool>()) {
    return std::nullopt;
  }
  const auto rows = tx.exec("SELECT version, dirty FROM " + table + " LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return MigrationState{rows[0][0].as<std::int64_t>(), rows[0][1].as<bool>()};
}

}  // namespace ecn::pg
