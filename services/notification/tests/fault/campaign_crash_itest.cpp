// build/bin/notification-service killed with SIGKILL in the middle of a campaign's fan-out to
// 100,000 subscribers, then restarted: the campaign resumes and ends with exactly the opted-in,
// category-matching set, each recipient once.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <csignal>
#include <pqxx/pqxx>

#include "campaign_audience.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "service_process.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

namespace pb = ecommerce::notification::v1;
using namespace std::chrono_literals;

constexpr int kSubscribers = 100'000;

class CampaignCrash : public ::testing::Test {
 protected:
  CampaignCrash() { pg::Migrator(database_.url(), storage::migrations()).up(); }

  // A fresh consumer group each time: the killed process stays a member of its group until the
  // session times out, and a consumer closing during that rebalance holds up the shutdown.
  std::unique_ptr<ServiceProcess> start_service() {
    return std::make_unique<ServiceProcess>(
        database_.url(), topics_,
        std::map<std::string, std::string>{
            {"CONSUMER_GROUP", ecn::testing::unique_name("crash_group")},
            // 33 batches: the fan-out lasts long enough to be killed in the middle.
            {"CAMPAIGN_BATCH_SIZE", "2000"}});
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
  TestTopics topics_{"crash"};
};

TEST_F(CampaignCrash, SigkillMidCampaignThenRestartReachesExactlyTheMatchingSetOnce) {
  const auto started = std::chrono::steady_clock::now();
  {
    pqxx::connection connection(database_.url());
    pqxx::work tx(connection);
    add_campaign_subscribers(tx, kSubscribers);
    tx.commit();
  }
  const auto want = static_cast<std::int64_t>(campaign_audience(kSubscribers, "books").size());

  std::string campaign_id;
  std::int64_t at_crash = 0;
  {
    auto service = start_service();
    pb::CreatePromotionCampaignRequest request;
    request.set_title("Books week");
    request.set_body("Two for one");
    request.set_category("books");
    pb::PromotionCampaign campaign;
    grpc::ClientContext context;
    rpc::prepare_call(context, 10s);
    const auto status = service->stub().CreatePromotionCampaign(&context, request, &campaign);
    ASSERT_TRUE(status.ok()) << status.error_message();
    campaign_id = campaign.id();
    ASSERT_TRUE(ecn::testing::wait_until(
        [&] { return scalar("SELECT count(*) FROM notifications") > 0; }, 30s, 2ms));
    service->process().signal(SIGKILL);
    service->process().wait_for_exit(10s);
    at_crash = scalar("SELECT count(*) FROM notifications");
  }
  std::printf("%lld of %lld recipients when killed\n", static_cast<long long>(at_crash),
              static_cast<long long>(want));
  ASSERT_EQ(status_of(campaign_id), "RUNNING") << "the fan-out ended before the kill";
  ASSERT_LT(at_crash, want);
  EXPECT_EQ(scalar("SELECT recipient_count FROM campaigns"), at_crash);

  auto restarted = start_service();
  ASSERT_TRUE(
      ecn::testing::wait_until([&] { return status_of(campaign_id) == "COMPLETED"; }, 120s, 50ms))
      << restarted->process().stderr_text();
  std::printf("100,000 subscribers: seeded, fanned out, killed, resumed and completed in %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), want);
  EXPECT_EQ(scalar("SELECT count(DISTINCT user_id) FROM notifications"), want);
  EXPECT_EQ(scalar("SELECT recipient_count FROM campaigns"), want);
  // Nobody outside the set: opted out, or a category list without books.
  EXPECT_EQ(
      scalar("SELECT count(*) FROM notifications n JOIN subscribers s ON s.id = n.user_id "
             "WHERE NOT s.promotions OR NOT (s.categories = '{}' OR 'books' = ANY (s.categories))"),
      0);
  EXPECT_EQ(scalar("SELECT sum(unread) FROM unread_counters"), want);
  EXPECT_EQ(scalar("SELECT count(*) FROM unread_counters WHERE unread <> 1"), 0);

  restarted->process().signal(SIGTERM);
  EXPECT_EQ(restarted->process().wait_for_exit(10s), 0) << restarted->process().stderr_text();
}

}  // namespace
}  // namespace ecn::notification::testing
