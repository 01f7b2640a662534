// bench/pipeline: order-status-updated events through the real notification-service binary into
// the notifications table. Phase 1 (flood): EVENTS events are produced before the service
// starts (several instances: once all have partitions), so the service finds a full topic;
// throughput is rows committed per second between the first and the last committing transaction
// (PostgreSQL commit timestamps). Phase 2 (paced): PACED_RATE events/s for PACED_SECONDS into the
// caught-up service; latency is each event's produce time to its row's commit time. See README.md.
#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench_database.hpp"
#include "bench_env.hpp"
#include "ecn/core/time.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "latency_stats.hpp"
#include "process_cpu.hpp"
#include "service_under_test.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ecn::bench::env_count;

constexpr const char* kFloodStatus = "SHIPPED";
constexpr const char* kPacedStatus = "DELIVERED";

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string order_event(const std::string& order_id, const std::string& user_id,
                        const char* status) {
  return boost::json::serialize(
      boost::json::object{{"event_id", ecn::core::new_uuid_v4()},
                          {"order_id", order_id},
                          {"user_id", user_id},
                          {"old_status", "PAID"},
                          {"new_status", status},
                          {"occurred_at", ecn::core::to_rfc3339(std::chrono::system_clock::now())},
                          {"total", {{"amount", "19.99"}, {"currency_code", "EUR"}}}});
}

// Subscribers with order updates on, as the user-events projection stores them.
std::vector<std::string> seed_subscribers(pqxx::connection& db, std::int64_t count) {
  pqxx::work tx(db);
  tx.exec_params(
      "INSERT INTO subscribers (id, name, email, order_updates, promotions, updated_at) "
      "SELECT gen_random_uuid(), 'user ' || i, 'user' || i || '@example.com', true, true, now() "
      "FROM generate_series(1, $1::bigint) AS i",
      count);
  std::vector<std::string> ids;
  for (const auto& row : tx.exec("SELECT id::text FROM subscribers")) {
    ids.push_back(row[0].as<std::string>());
  }
  tx.commit();
  return ids;
}

// Counts delivery failures of a producer's asynchronous records.
struct DeliveryTally {
  std::atomic<std::int64_t> failed{0};
  std::atomic<std::int64_t> delivered{0};
};

// Waits until the service's order consumer has committed `records` records; false when its
// count stopped moving for a minute.
using Services = std::vector<std::unique_ptr<ecn::bench::ServiceUnderTest>>;
bool await_consumed(const Services& services, double records) {
  double last = -1;
  auto last_change = Clock::now();
  for (;;) {
    double now = 0;
    for (const auto& service : services) {
      now += service->metric("kafka_consumer_records_total", "order-updates");
    }
    if (now >= records) return true;
    if (now != last) {
      last = now;
      last_change = Clock::now();
    } else if (Clock::now() - last_change > 60s) {
      std::cerr << "the service stopped consuming at " << now << " of " << records << "\n";
      return false;
    }
    std::this_thread::sleep_for(100ms);
  }
}

// Commit time (µs since the epoch) of every row with this status, one entry per transaction.
struct CommitGroup {
  std::int64_t commit_us = 0;
  std::int64_t rows = 0;
};
std::vector<CommitGroup> commit_groups(pqxx::connection& db, const char* status) {
  pqxx::read_transaction tx(db);
  std::vector<CommitGroup> groups;
  for (const auto& row : tx.exec_params(
           "SELECT (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint AS c, "
           "count(*) FROM notifications WHERE data->>'status' = $1 GROUP BY c ORDER BY c",
           std::string(status))) {
    groups.push_back({row[0].as<std::int64_t>(), row[1].as<std::int64_t>()});
  }
  return groups;
}

// The server processes serving the service's connections to `database` (not this one's).
std::vector<pid_t> backend_pids(pqxx::connection& db) {
  pqxx::read_transaction tx(db);
  std::vector<pid_t> pids;
  for (const auto& row :
       tx.exec("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
               "AND pid <> pg_backend_pid()")) {
    pids.push_back(row[0].as<pid_t>());
  }
  return pids;
}

bool require_commit_timestamps(const std::string& admin_url) {
  pqxx::connection admin(admin_url);
  pqxx::nontransaction tx(admin);
  if (tx.exec1("SHOW track_commit_timestamp")[0].as<std::string>() == "on") return true;
  std::cerr << "PostgreSQL must run with track_commit_timestamp = on (rows are timed by their "
               "commit): ALTER SYSTEM SET track_commit_timestamp = on, then restart it "
               "(bench/pipeline/run.sh does this for the servers it manages).\n";
  return false;
}

}  // namespace

int main() try {
  const auto servers = ecn::bench::servers_from_env(NOTIFICATION_SERVICE_BINARY);
  const auto events = env_count("EVENTS", 200000);
  const auto subscribers = env_count("SUBSCRIBERS", 100000);
  const auto paced_rate = env_count("PACED_RATE", 1000);
  const auto paced_seconds = env_count("PACED_SECONDS", 30);
  const auto partitions = static_cast<int>(env_count("PARTITIONS", 6));
  const auto instances = env_count("SERVICE_INSTANCES", 1);
  if (!require_commit_timestamps(servers.pg_admin_url)) return 2;

  ecn::bench::BenchDatabase database(servers.pg_admin_url, "bench_pipeline");
  if (!database.migrate_up(servers.service_binary)) return 1;
  pqxx::connection db(database.url());
  const auto users = seed_subscribers(db, subscribers);
  std::string settings;
  {
    pqxx::nontransaction tx(db);
    settings = fmt::format("synchronous_commit={}, shared_buffers={}",
                           tx.exec1("SHOW synchronous_commit")[0].as<std::string>(),
                           tx.exec1("SHOW shared_buffers")[0].as<std::string>());
  }

  const auto suffix = ecn::testing::unique_name("bench");
  const std::string order_topic = "order-status-updated." + suffix;
  const std::string user_topic = "user-events." + suffix;
  const std::string product_topic = "product-events." + suffix;
  const std::vector<std::string> topics = {order_topic,         user_topic,
                                           product_topic,       order_topic + ".dlq",
                                           user_topic + ".dlq", product_topic + ".dlq"};
  std::vector<ecn::kafka::TopicSpec> specs;
  for (const auto& topic : topics) specs.push_back({.name = topic, .partitions = partitions});
  ecn::kafka::ensure_topics(servers.kafka_brokers, specs);

  ecn::kafka::Producer producer({.brokers = servers.kafka_brokers, .client_id = "bench-pipeline"});
  DeliveryTally tally;
  auto on_delivery = [&tally](const ecn::kafka::DeliveryReport& report) {
    (report.ok() ? tally.delivered : tally.failed)++;
  };
  auto produce = [&](const std::string& user, const char* status) {
    const auto order_id = ecn::core::new_uuid_v7();
    for (;;) {
      try {
        producer.produce(order_topic, order_id, order_event(order_id, user, status), {},
                         on_delivery);
        return order_id;
      } catch (const std::exception&) {
        // The local queue is full: let deliveries drain it.
        std::this_thread::sleep_for(5ms);
      }
    }
  };

  // Phase 1: a full topic. One instance starts after it is filled; several start first and
  // wait for their partitions, or the rebalance as each joins would pause the flood.
  double produce_seconds = 0;
  auto fill_topic = [&] {
    const auto produce_begin = Clock::now();
    for (std::int64_t i = 0; i < events; ++i) {
      produce(users[static_cast<std::size_t>(i) % users.size()], kFloodStatus);
    }
    const bool flushed = producer.flush(120s) && tally.failed == 0;
    produce_seconds = std::chrono::duration<double>(Clock::now() - produce_begin).count();
    if (!flushed) std::cerr << "producing failed: " << tally.failed << " records not delivered\n";
    return flushed;
  };
  if (instances == 1 && !fill_topic()) return 1;

  const auto service_begin = Clock::now();
  Services services;
  std::vector<pid_t> service_pids;
  for (std::int64_t i = 0; i < instances; ++i) {
    services.push_back(std::make_unique<ecn::bench::ServiceUnderTest>(
        servers.service_binary,
        std::map<std::string, std::string>{{"DATABASE_URL", database.url()},
                                           {"KAFKA_BROKERS", servers.kafka_brokers},
                                           {"REDIS_URL", servers.redis_url},
                                           {"CONSUMER_GROUP", suffix},
                                           {"ORDER_EVENTS_TOPIC", order_topic},
                                           {"USER_EVENTS_TOPIC", user_topic},
                                           {"PRODUCT_EVENTS_TOPIC", product_topic}}));
    service_pids.push_back(services.back()->pid());
  }
  if (instances > 1) {
    const auto assigned = [&] {
      return std::all_of(services.begin(), services.end(), [&](const auto& service) {
        return service->log().find("assigned " + order_topic) != std::string::npos;
      });
    };
    if (!ecn::testing::wait_until(assigned, 120s, 100ms)) {
      std::cerr << "the service instances did not all get partitions of " << order_topic << "\n";
      return 1;
    }
    if (!fill_topic()) return 1;
  }
  const std::vector<pid_t> server_pids = {static_cast<pid_t>(env_count("BENCH_KAFKA_PID", 1)),
                                          static_cast<pid_t>(env_count("BENCH_REDIS_PID", 1))};
  const double service_cpu_start = ecn::bench::processes_cpu_seconds(service_pids);
  const double kafka_cpu_start = ecn::bench::process_cpu_seconds(server_pids[0]);
  const double redis_cpu_start = ecn::bench::process_cpu_seconds(server_pids[1]);
  if (!await_consumed(services, static_cast<double>(events))) return 1;
  const double service_cpu = ecn::bench::processes_cpu_seconds(service_pids) - service_cpu_start;
  const double backend_cpu = ecn::bench::processes_cpu_seconds(backend_pids(db));
  const double kafka_cpu = ecn::bench::process_cpu_seconds(server_pids[0]) - kafka_cpu_start;
  const double redis_cpu = ecn::bench::process_cpu_seconds(server_pids[1]) - redis_cpu_start;
  const double wall_seconds = std::chrono::duration<double>(Clock::now() - service_begin).count();
  const auto flood = commit_groups(db, kFloodStatus);
  std::int64_t flood_rows = 0;
  std::int64_t largest_tx = 0;
  for (const auto& group : flood) {
    flood_rows += group.rows;
    largest_tx = std::max(largest_tx, group.rows);
  }
  if (flood_rows != events || flood.size() < 2) {
    std::cerr << "expected " << events << " rows, found " << flood_rows << "\n";
    return 1;
  }
  // The first transaction's rows were committed at the start of the interval, not during it.
  const double span_seconds =
      static_cast<double>(flood.back().commit_us - flood.front().commit_us) / 1e6;
  const double rows_per_second =
      static_cast<double>(flood_rows - flood.front().rows) / span_seconds;

  // Phase 2: a paced stream into the caught-up service.
  const auto paced_events = paced_rate * paced_seconds;
  std::unordered_map<std::string, std::int64_t> produced_at;
  produced_at.reserve(static_cast<std::size_t>(paced_events));
  const auto interval = std::chrono::nanoseconds(1'000'000'000 / paced_rate);
  const auto paced_begin = Clock::now();
  for (std::int64_t i = 0; i < paced_events; ++i) {
    std::this_thread::sleep_until(paced_begin + i * interval);
    const auto at = now_us();
    produced_at.emplace(
        produce(users[static_cast<std::size_t>(i * 7919) % users.size()], kPacedStatus), at);
  }
  if (!producer.flush(60s) || tally.failed > 0) {
    std::cerr << "producing failed: " << tally.failed << " records not delivered\n";
    return 1;
  }
  if (!await_consumed(services, static_cast<double>(events + paced_events))) return 1;
  ecn::bench::LatencyStats latency;
  {
    pqxx::read_transaction tx(db);
    for (const auto& row :
         tx.exec_params("SELECT data->>'order_id', "
                        "(extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint "
                        "FROM notifications WHERE data->>'status' = $1",
                        std::string(kPacedStatus))) {
      const auto found = produced_at.find(row[0].as<std::string>());
      if (found == produced_at.end()) continue;
      latency.add(static_cast<double>(row[1].as<std::int64_t>() - found->second) / 1000.0);
    }
  }
  if (static_cast<std::int64_t>(latency.count()) != paced_events) {
    std::cerr << "expected " << paced_events << " paced rows, found " << latency.count() << "\n";
    return 1;
  }
  std::vector<std::optional<std::chrono::milliseconds>> shutdowns;
  for (auto& service : services) shutdowns.push_back(service->stop(30s));

  fmt::print(
      "bench/pipeline: {} subscribers, {} partitions, {} service instance(s), batch {} "
      "(CONSUMER_BATCH_SIZE), {}\n",
      subscribers, partitions, instances,
      ecn::bench::env_or("CONSUMER_BATCH_SIZE", "2000 (default)"), settings);
  fmt::print(
      "flood: {} events produced in {:.1f} s {}\n", events, produce_seconds,
      instances == 1 ? "before the service started" : "after every instance had its partitions");
  fmt::print(
      "flood: {} rows in {} transactions (largest {}), first to last commit {:.2f} s: "
      "{:.0f} rows/s\n",
      flood_rows, flood.size(), largest_tx, span_seconds, rows_per_second);
  const auto per_thousand = [&](double seconds) {
    return seconds * 1000 / static_cast<double>(events);
  };
  fmt::print(
      "flood: CPU s per 1,000 events: notification-service {:.3f}, its PostgreSQL "
      "backends {:.3f}, Kafka broker {:.3f}, Redis {:.3f}\n",
      per_thousand(service_cpu), per_thousand(backend_cpu), per_thousand(kafka_cpu),
      per_thousand(redis_cpu));
  fmt::print("flood: service start to last row {:.2f} s (includes start-up and group join)\n",
             wall_seconds);
  fmt::print("paced: {} events at {}/s; event to committed row, ms: {}\n", paced_events, paced_rate,
             latency.summary());
  for (const auto& shutdown : shutdowns) {
    if (shutdown) {
      fmt::print("shutdown: SIGTERM to exit {} ms\n", shutdown->count());
    } else {
      fmt::print("shutdown: did not exit within 30 s of SIGTERM\n");
    }
  }
  ecn::kafka::delete_topics(servers.kafka_brokers, topics);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_pipeline: " << e.what() << "\n";
  return 1;
}
