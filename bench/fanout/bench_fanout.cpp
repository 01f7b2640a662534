// bench/fanout: one promotion campaign to SUBSCRIBERS opted-in subscribers through the real
// notification-service (CreatePromotionCampaign over gRPC; the service fans out in batches with
// unread counters, per-user numbers, resume cursor and live push) against the bare
// INSERT … SELECT of the same rows into a copy of the notifications table (same columns,
// constraints and indexes, also empty) in the same database and run. See README.md.
#include <fmt/core.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "bench_database.hpp"
#include "bench_env.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"
#include "process_cpu.hpp"
#include "service_under_test.hpp"

namespace {

namespace pb = ecommerce::notification::v1;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point begin) {
  return std::chrono::duration<double>(Clock::now() - begin).count();
}

// `recipients` subscribers with promotions on (every category) and `opted_out` with them off.
void seed_subscribers(pqxx::connection& db, std::int64_t recipients, std::int64_t opted_out) {
  pqxx::work tx(db);
  tx.exec_params(
      "INSERT INTO subscribers (id, name, email, order_updates, promotions, updated_at) "
      "SELECT gen_random_uuid(), 'user ' || i, 'user' || i || '@example.com', true, "
      "i <= $1::bigint, now() FROM generate_series(1, $1::bigint + $2::bigint) AS i",
      recipients, opted_out);
  tx.commit();
  pqxx::nontransaction vacuum(db);
  vacuum.exec("VACUUM (ANALYZE) subscribers");
}

// CPU seconds used so far by the server processes of the other connections to this database.
double other_backends_cpu(pqxx::connection& db) {
  pqxx::read_transaction tx(db);
  std::vector<pid_t> pids;
  for (const auto& row : tx.exec("SELECT pid FROM pg_stat_activity WHERE datname = "
                                 "current_database() AND pid <> pg_backend_pid()")) {
    pids.push_back(row[0].as<pid_t>());
  }
  return ecn::bench::processes_cpu_seconds(pids);
}

double own_backend_cpu(pqxx::connection& db) {
  pqxx::read_transaction tx(db);
  return ecn::bench::process_cpu_seconds(tx.exec1("SELECT pg_backend_pid()")[0].as<pid_t>());
}

}  // namespace

int main() try {
  const auto servers = ecn::bench::servers_from_env(NOTIFICATION_SERVICE_BINARY);
  const auto recipients = ecn::bench::env_count("SUBSCRIBERS", 1000000);
  const auto opted_out = ecn::bench::env_count("OPTED_OUT", 100000);

  ecn::bench::BenchDatabase database(servers.pg_admin_url, "bench_fanout");
  if (!database.migrate_up(servers.service_binary)) return 1;
  pqxx::connection db(database.url());
  seed_subscribers(db, recipients, opted_out);
  {
    pqxx::nontransaction tx(db);
    tx.exec("CREATE TABLE bare_notifications (LIKE notifications INCLUDING ALL)");
    tx.exec("CHECKPOINT");
  }

  // 1. The service's fan-out.
  const auto suffix = ecn::testing::unique_name("bench");
  ecn::bench::ServiceUnderTest service(servers.service_binary,
                                       {{"DATABASE_URL", database.url()},
                                        {"KAFKA_BROKERS", servers.kafka_brokers},
                                        {"REDIS_URL", servers.redis_url},
                                        {"CONSUMER_GROUP", suffix},
                                        {"ORDER_EVENTS_TOPIC", "order-status-updated." + suffix},
                                        {"USER_EVENTS_TOPIC", "user-events." + suffix},
                                        {"PRODUCT_EVENTS_TOPIC", "product-events." + suffix}});
  auto stub = pb::NotificationService::NewStub(
      ecn::rpc::make_channel("127.0.0.1:" + std::to_string(service.grpc_port())));
  const double cpu_before = ecn::bench::process_cpu_seconds(service.pid());
  const double backends_before = other_backends_cpu(db);
  const auto begin = Clock::now();
  pb::PromotionCampaign campaign;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 30s);
    pb::CreatePromotionCampaignRequest request;
    request.set_title("Winter sale");
    request.set_body("Everything 20 % off this week.");
    if (const auto status = stub->CreatePromotionCampaign(&context, request, &campaign);
        !status.ok()) {
      std::cerr << "CreatePromotionCampaign: " << status.error_message() << "\n";
      return 1;
    }
  }
  for (;;) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 30s);
    pb::GetCampaignRequest request;
    request.set_id(campaign.id());
    if (const auto status = stub->GetCampaign(&context, request, &campaign); !status.ok()) {
      std::cerr << "GetCampaign: " << status.error_message() << "\n";
      return 1;
    }
    if (campaign.status() == pb::COMPLETED || campaign.status() == pb::FAILED) break;
    if (seconds_since(begin) > 1800) {
      std::cerr << "the campaign did not finish within 30 minutes\n";
      return 1;
    }
    std::this_thread::sleep_for(50ms);
  }
  const double observed_seconds = seconds_since(begin);
  const double service_cpu = ecn::bench::process_cpu_seconds(service.pid()) - cpu_before;
  // Connections the pool opened during the run started from zero, so the sum is an upper bound.
  const double service_backends_cpu = other_backends_cpu(db) - backends_before;
  if (campaign.status() != pb::COMPLETED || campaign.recipient_count() != recipients) {
    std::cerr << "campaign ended " << pb::CampaignStatus_Name(campaign.status()) << " with "
              << campaign.recipient_count() << " recipients, expected " << recipients << "\n";
    return 1;
  }
  double service_seconds = 0;
  std::int64_t stored = 0;
  {
    pqxx::read_transaction tx(db);
    const auto row = tx.exec_params1(
        "SELECT extract(epoch FROM completed_at - created_at)::float8, "
        "(SELECT count(*) FROM notifications WHERE campaign_id = $1::uuid) "
        "FROM campaigns WHERE id = $1::uuid",
        campaign.id());
    service_seconds = row[0].as<double>();
    stored = row[1].as<std::int64_t>();
  }
  service.stop(30s);
  if (stored != recipients) {
    std::cerr << "found " << stored << " campaign rows, expected " << recipients << "\n";
    return 1;
  }
  {
    pqxx::nontransaction tx(db);
    tx.exec("CHECKPOINT");
  }

  // 2. The same rows by one bare statement, into the empty copy of the table.
  const double bare_cpu_before = own_backend_cpu(db);
  const auto bare_begin = Clock::now();
  std::int64_t bare_rows = 0;
  {
    pqxx::work tx(db);
    bare_rows = static_cast<std::int64_t>(
        tx.exec_params("INSERT INTO bare_notifications (id, user_id, type, campaign_id, seq) "
                       "SELECT uuid_v7(), s.id, 2, $1::uuid, 1 FROM subscribers s "
                       "WHERE s.promotions",
                       campaign.id())
            .affected_rows());
    tx.commit();
  }
  const double bare_seconds = seconds_since(bare_begin);
  const double bare_cpu = own_backend_cpu(db) - bare_cpu_before;
  if (bare_rows != recipients) {
    std::cerr << "the bare insert wrote " << bare_rows << " rows, expected " << recipients << "\n";
    return 1;
  }

  fmt::print("bench/fanout: {} recipients ({} subscribers opted out), CAMPAIGN_BATCH_SIZE {}\n",
             recipients, opted_out, ecn::bench::env_or("CAMPAIGN_BATCH_SIZE", "5000 (default)"));
  fmt::print(
      "service fan-out: {:.2f} s (campaign created_at to completed_at; {:.2f} s as the "
      "client saw it), {:.0f} rows/s; CPU: service {:.1f} s, its PostgreSQL backends {:.1f} s\n",
      service_seconds, observed_seconds, static_cast<double>(recipients) / service_seconds,
      service_cpu, service_backends_cpu);
  fmt::print(
      "bare INSERT … SELECT: {:.2f} s, {:.0f} rows/s; CPU: its PostgreSQL backend {:.1f} s\n",
      bare_seconds, static_cast<double>(recipients) / bare_seconds, bare_cpu);
  fmt::print("ratio service / bare: {:.2f}x wall, {:.2f}x PostgreSQL CPU\n",
             service_seconds / bare_seconds, service_backends_cpu / bare_cpu);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_fanout: " << e.what() << "\n";
  return 1;
}
