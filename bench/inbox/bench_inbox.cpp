// bench/inbox: the inbox queries of notification-service at 10,000,000 notifications. The rows
// are generated set-based into a database migrated by the real binary; the queries are run by
// the service's own storage functions, and PostgreSQL's auto_explain reports each one's plan
// with EXPLAIN (ANALYZE, BUFFERS) detail, sent to this client as a NOTICE. See README.md.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <optional>
#include <pqxx/pqxx>
#include <regex>
#include <string>
#include <vector>

#include "bench_database.hpp"
#include "bench_env.hpp"
#include "storage/notification_store.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Collects the plans auto_explain sends to this connection.
class PlanCollector final : public pqxx::errorhandler {
 public:
  explicit PlanCollector(pqxx::connection& connection) : pqxx::errorhandler(connection) {}
  bool operator()(const char message[]) noexcept override {
    try {
      plans.emplace_back(message);
    } catch (...) {
    }
    return false;
  }
  std::vector<std::string> plans;
};

// The statement's database time from an auto_explain report ("duration: 0.123 ms").
double duration_ms(const std::string& plan) {
  static const std::regex pattern(R"(duration: ([0-9.]+) ms)");
  std::smatch match;
  return std::regex_search(plan, match, pattern) ? std::stod(match[1]) : -1;
}

double seconds_since(Clock::time_point begin) {
  return std::chrono::duration<double>(Clock::now() - begin).count();
}

// `users` users with `per_user` notifications each (all but the newest 7 read), one user with
// `heavy_unread` unread, one with 100 of which 3 unread (by default 10,000,100 rows), numbered per
// user as the service numbers them, with unread counters to match.
void generate(pqxx::connection& db, std::int64_t users, std::int64_t per_user,
              std::int64_t heavy_unread) {
  const auto run = [&](const std::string& what, const std::string& sql) {
    const auto begin = Clock::now();
    pqxx::work tx(db);
    const auto result = tx.exec(sql);
    tx.commit();
    fmt::print(stderr, "generate: {} ({} rows) in {:.1f} s\n", what, result.affected_rows(),
               seconds_since(begin));
  };
  const std::string columns =
      "INSERT INTO notifications (id, user_id, type, title, body, data, created_at, read_at, seq) ";
  // Rounds of one notification per user, in time order, as they would have arrived.
  run("regular users",
      columns +
          fmt::format("SELECT uuid_v7(), md5('user' || u)::uuid, 1, 'Your order is now SHIPPED', "
                      "'Your order ' || md5('order' || u || '-' || s)::uuid || ' is now SHIPPED.', "
                      "jsonb_build_object('order_id', md5('order' || u || '-' || s)::uuid, "
                      "'status', 'SHIPPED'), "
                      "now() - interval '1 second' * ({0} * {1} - (s - 1) * {0} - u), "
                      "CASE WHEN s <= {1} - 7 THEN now() END, s "
                      "FROM generate_series(1, {1}) AS s, generate_series(1, {0}) AS u "
                      "ORDER BY s, u",
                      users, per_user));
  run("the heavy user",
      columns + fmt::format("SELECT uuid_v7(), md5('heavy')::uuid, 3, 'Notice ' || s, 'body', "
                            "'{{}}', now() - interval '1 second' * ({0} - s), NULL, s "
                            "FROM generate_series(1, {0}) AS s",
                            heavy_unread));
  run("the light user",
      columns +
          "SELECT uuid_v7(), md5('light')::uuid, 3, 'Notice ' || s, 'body', '{}', "
          "now() - interval '1 second' * (100 - s), CASE WHEN s <= 97 THEN now() END, s "
          "FROM generate_series(1, 100) AS s");
  run("unread counters",
      "INSERT INTO unread_counters (user_id, unread, last_seq) "
      "SELECT user_id, count(*) FILTER (WHERE read_at IS NULL), max(seq) FROM notifications "
      "GROUP BY user_id");
  const auto begin = Clock::now();
  pqxx::nontransaction tx(db);
  tx.exec("VACUUM (ANALYZE) notifications");
  tx.exec("VACUUM (ANALYZE) unread_counters");
  fmt::print(stderr, "generate: vacuum analyze in {:.1f} s\n", seconds_since(begin));
}

struct Query {
  std::string name;
  std::function<void(pqxx::transaction_base&)> run;
};

}  // namespace

int main() try {
  namespace storage = ecn::notification::storage;
  const auto servers = ecn::bench::servers_from_env(NOTIFICATION_SERVICE_BINARY);
  const auto users = ecn::bench::env_count("USERS", 100000);
  const auto per_user = ecn::bench::env_count("PER_USER", 97);
  const auto heavy_unread = ecn::bench::env_count("HEAVY_UNREAD", 300000);
  const auto repeats = ecn::bench::env_count("REPEATS", 20);

  ecn::bench::BenchDatabase database(servers.pg_admin_url, "bench_inbox");
  if (!database.migrate_up(servers.service_binary)) return 1;
  pqxx::connection db(database.url());
  const auto generate_begin = Clock::now();
  generate(db, users, per_user, heavy_unread);
  std::string table_size;
  std::int64_t rows = 0;
  {
    pqxx::read_transaction tx(db);
    rows = tx.exec1("SELECT count(*) FROM notifications")[0].as<std::int64_t>();
    table_size = tx.exec1("SELECT pg_size_pretty(pg_total_relation_size('notifications'))")[0]
                     .as<std::string>();
  }
  fmt::print("bench/inbox: {} notifications rows ({} with indexes), generated in {:.0f} s\n", rows,
             table_size, seconds_since(generate_begin));

  std::string heavy_id;
  std::string light_id;
  std::string regular_id;
  {
    pqxx::read_transaction tx(db);
    heavy_id = tx.exec1("SELECT md5('heavy')::uuid::text")[0].as<std::string>();
    light_id = tx.exec1("SELECT md5('light')::uuid::text")[0].as<std::string>();
    regular_id = tx.exec1("SELECT md5('user42')::uuid::text")[0].as<std::string>();
  }
  const std::vector<Query> queries = {
      {fmt::format("first unread page (20), user with {} unread", heavy_unread),
       [&](auto& tx) { storage::list_newest_first(tx, heavy_id, true, std::nullopt, 20); }},
      {"first unread page (20), user with 3 unread of 100",
       [&](auto& tx) { storage::list_newest_first(tx, light_id, true, std::nullopt, 20); }},
      {fmt::format("first page (20), all notifications, user with {}", per_user),
       [&](auto& tx) { storage::list_newest_first(tx, regular_id, false, std::nullopt, 20); }},
      {fmt::format("UnreadCount, user with {} unread", heavy_unread),
       [&](auto& tx) { storage::unread_count(tx, heavy_id); }},
      {"UnreadCount, user with 3 unread", [&](auto& tx) { storage::unread_count(tx, light_id); }},
  };

  PlanCollector collector(db);
  {
    pqxx::nontransaction tx(db);
    tx.exec("LOAD 'auto_explain'");
    tx.exec("SET auto_explain.log_min_duration = 0");
    tx.exec("SET auto_explain.log_analyze = on");
    tx.exec("SET auto_explain.log_buffers = on");
    tx.exec("SET auto_explain.log_timing = on");
    tx.exec("SET auto_explain.log_level = notice");
    tx.exec("SET client_min_messages = notice");
  }
  fmt::print("database time per query over {} runs (auto_explain duration, ms):\n", repeats);
  std::vector<std::string> last_plans;
  for (const auto& query : queries) {
    std::vector<double> durations;
    for (std::int64_t i = 0; i < repeats; ++i) {
      collector.plans.clear();
      pqxx::read_transaction tx(db);
      query.run(tx);
      tx.commit();
      for (const auto& plan : collector.plans) {
        if (const auto ms = duration_ms(plan); ms >= 0) durations.push_back(ms);
      }
    }
    if (durations.empty() || collector.plans.empty()) {
      std::cerr << "auto_explain reported nothing for: " << query.name << "\n";
      return 1;
    }
    const double first = durations.front();
    std::sort(durations.begin(), durations.end());
    fmt::print("  {}: first {:.3f}, median {:.3f}, max {:.3f}\n", query.name, first,
               durations[durations.size() / 2], durations.back());
    last_plans.push_back(query.name + "\n" + collector.plans.back());
  }
  for (const auto& plan : last_plans) fmt::print("\n{}", plan);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_inbox: " << e.what() << "\n";
  return 1;
}
