// build/bin/notification-service killed with SIGKILL in the middle of a campaign's fan-out, then
// restarted: the campaign resumes and ends with exactly the opted-in, category-matching set.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <csignal>
#include <pqxx/pqxx>
#include <regex>

#include "ecn/kafka/admin.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"
#include "storage/schema.hpp"

namespace {

namespace pb = ecommerce::notification::v1;
using ecn::testing::ChildProcess;
using namespace std::chrono_literals;

constexpr int kSubscribers = 10'000;

std::uint16_t logged_grpc_port(const std::string& log) {
  std::smatch match;
  if (!std::regex_search(log, match, std::regex(R"(gRPC [^ ]+ \(port (\d+)\))"))) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

class CampaignCrash : public ::testing::Test {
 protected:
  CampaignCrash() {
    ecn::pg::Migrator(database_.url(), ecn::notification::storage::migrations()).up();
    std::vector<ecn::kafka::TopicSpec> specs;
    for (const auto& topic : topics_) specs.push_back({.name = topic, .partitions = 1});
    ecn::kafka::ensure_topics(ecn::testing::kafka_brokers(), specs);
  }
  ~CampaignCrash() override { ecn::kafka::delete_topics(ecn::testing::kafka_brokers(), topics_); }

  // A fresh consumer group each time: the killed process stays a member of its group until the
  // session times out, and a consumer closing during that rebalance holds up the shutdown.
  std::unique_ptr<ChildProcess> start_service() {
    auto service = std::make_unique<ChildProcess>(
        NOTIFICATION_SERVICE_BINARY, std::vector<std::string>{},
        std::map<std::string, std::string>{
            {"DATABASE_URL", database_.url()},
            {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
            {"GRPC_ADDR", "127.0.0.1:0"},
            {"OPS_ADDR", "127.0.0.1:0"},
            {"CONSUMER_GROUP", ecn::testing::unique_name("crash_group")},
            {"USER_EVENTS_TOPIC", topics_[0]},
            {"PRODUCT_EVENTS_TOPIC", topics_[1]},
            {"ORDER_EVENTS_TOPIC", topics_[2]},
            {"REDIS_URL", ecn::testing::redis_url()},
            // Small batches: the fan-out lasts long enough to be
            // killed in the middle.
            {"CAMPAIGN_BATCH_SIZE", "20"},
            {"LOG_FORMAT", "json"}});
    EXPECT_TRUE(service->await_stderr("notification-service started", 60s))
        << service->stderr_text();
    return service;
  }

  std::int64_t scalar(const std::string& sql) {
    pqxx::connection connection(database_.url());
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }

  std::string status_of(const std::string& id) {
    pqxx::connection connection(database_.url());
    pqxx::nontransaction tx(connection);
    return tx.exec_params1("SELECT status FROM campaigns WHERE id = $1::uuid", id)[0]
        .as<std::string>();
  }

  ecn::testing::TempDatabase database_;
  const std::vector<std::string> topics_ = {ecn::testing::unique_name("crash_users"),
                                            ecn::testing::unique_name("crash_products"),
                                            ecn::testing::unique_name("crash_orders")};
};

TEST_F(CampaignCrash, SigkillMidCampaignThenRestartReachesExactlyTheMatchingSetOnce) {
  {
    pqxx::connection connection(database_.url());
    pqxx::work tx(connection);
    // Promotions off when i % 3 == 0; categories by i % 4: {}, {books}, {toys}, {books,garden}.
    tx.exec_params(
        "INSERT INTO subscribers (id, name, email, order_updates, promotions, categories, "
        "updated_at) "
        "SELECT gen_random_uuid(), 's' || i, 's' || i || '@example.com', true, i % 3 <> 0, "
        "  (ARRAY['{}', '{books}', '{toys}', '{books,garden}'])[i % 4 + 1]::text[], now() "
        "FROM generate_series(0, $1 - 1) AS i",
        kSubscribers);
    tx.commit();
  }
  std::int64_t want = 0;
  for (int i = 0; i < kSubscribers; ++i) {
    if (i % 3 != 0 && i % 4 != 2) ++want;  // opted in, and {} / {books} / {books,garden}
  }

  auto service = start_service();
  auto stub = pb::NotificationService::NewStub(ecn::rpc::make_channel(
      "127.0.0.1:" + std::to_string(logged_grpc_port(service->stderr_text()))));
  pb::CreatePromotionCampaignRequest request;
  request.set_title("Books week");
  request.set_body("Two for one");
  request.set_category("books");
  pb::PromotionCampaign campaign;
  {
    grpc::ClientContext context;
    ecn::rpc::prepare_call(context, 10s);
    const auto status = stub->CreatePromotionCampaign(&context, request, &campaign);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return scalar("SELECT count(*) FROM notifications") > 0; }, 30s, 2ms));
  service->signal(SIGKILL);
  service->wait_for_exit(10s);

  const auto at_crash = scalar("SELECT count(*) FROM notifications");
  ASSERT_EQ(status_of(campaign.id()), "RUNNING") << "the fan-out ended before the kill";
  ASSERT_LT(at_crash, want);
  EXPECT_EQ(scalar("SELECT recipient_count FROM campaigns"), at_crash);

  auto restarted = start_service();
  ASSERT_TRUE(
      ecn::testing::wait_until([&] { return status_of(campaign.id()) == "COMPLETED"; }, 60s))
      << restarted->stderr_text();

  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), want);
  EXPECT_EQ(scalar("SELECT count(DISTINCT user_id) FROM notifications"), want);
  EXPECT_EQ(scalar("SELECT recipient_count FROM campaigns"), want);
  // Nobody outside the set: opted out, or a category list without books.
  EXPECT_EQ(
      scalar("SELECT count(*) FROM notifications n JOIN subscribers s ON s.id = n.user_id "
             "WHERE NOT s.promotions OR NOT (s.categories = '{}' OR 'books' = ANY (s.categories))"),
      0);
  EXPECT_EQ(scalar("SELECT sum(unread) FROM unread_counters"), want);

  restarted->signal(SIGTERM);
  EXPECT_EQ(restarted->wait_for_exit(10s), 0) << restarted->stderr_text();
}

TEST(NotificationBinaryConfig, BadPromotionCronStopsTheStartWithTheVariablesName) {
  const auto result = ecn::testing::run_program(NOTIFICATION_SERVICE_BINARY, {},
                                                {{"PROMOTION_CRON", "0 25 * * *"}}, 30s);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("PROMOTION_CRON: hour: 25 is out of range 0-23"), std::string::npos)
      << result.err;
}

}  // namespace
