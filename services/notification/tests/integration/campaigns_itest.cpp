// Promotion campaigns against the real PostgreSQL: who gets them, exactly once, and the
// scheduler's one run per tick.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/promotion_scheduler.hpp"
#include "campaign_audience.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "inbox_fixture.hpp"
#include "storage/campaign_store.hpp"

namespace ecn::notification::testing {
namespace {

using std::chrono::system_clock;

constexpr int kSubscribers = 250;  // 3 batches of the fixture's 100 and a short one

class CampaignsTest : public InboxTest {
 protected:
  void add_subscribers() {
    pool_->transact([](pqxx::work& tx) { add_campaign_subscribers(tx, kSubscribers); });
  }

  static std::multiset<std::string> expected(const std::optional<std::string>& category) {
    return campaign_audience(kSubscribers, category);
  }

  // Who received the campaign, once per row (duplicates would show).
  std::multiset<std::string> recipients(const std::string& campaign_id) {
    return pool_->transact([&](pqxx::work& tx) {
      std::multiset<std::string> names;
      for (const auto& row : tx.exec_params("SELECT s.name FROM notifications n "
                                            "JOIN subscribers s ON s.id = n.user_id "
                                            "WHERE n.campaign_id = $1::uuid",
                                            campaign_id)) {
        names.insert(row[0].as<std::string>());
      }
      return names;
    });
  }

  domain::Campaign created(std::optional<std::string_view> category) {
    auto campaign =
        campaigns_->create({.title = "Spring sale", .body = "20% off", .category = category});
    EXPECT_TRUE(campaign.has_value());
    return *campaign;
  }

  domain::Campaign stored(const std::string& id) { return *campaigns_->get(id); }

  grpc::Status create_rpc(const pb::CreatePromotionCampaignRequest& request,
                          pb::PromotionCampaign* reply) {
    grpc::ClientContext context;
    rpc::prepare_call(context, std::chrono::seconds(10));
    return stub_->CreatePromotionCampaign(&context, request, reply);
  }

  grpc::Status get_rpc(const std::string& id, pb::PromotionCampaign* reply) {
    grpc::ClientContext context;
    rpc::prepare_call(context, std::chrono::seconds(10));
    pb::GetCampaignRequest request;
    request.set_id(id);
    return stub_->GetCampaign(&context, request, reply);
  }

  void add_product(const std::string& name, const std::string& category) {
    pool_->transact([&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO products (id, name, category, price_amount, currency_code, created_at) "
          "VALUES (gen_random_uuid(), $1, $2, 19.99, 'EUR', now())",
          name, category);
    });
  }
};

TEST_F(CampaignsTest, FanOutReachesExactlyTheOptedInCategoryMatchingSet) {
  add_subscribers();
  const auto campaign = created("books");
  EXPECT_EQ(campaign.status, domain::CampaignStatus::kPending);

  campaigns_->run(campaign.id);

  const auto want = expected("books");
  ASSERT_GT(want.size(), 100u);
  EXPECT_EQ(recipients(campaign.id), want);
  const auto done = stored(campaign.id);
  EXPECT_EQ(done.status, domain::CampaignStatus::kCompleted);
  EXPECT_EQ(done.recipient_count, static_cast<std::int64_t>(want.size()));
  EXPECT_TRUE(done.completed_at_us.has_value());
  // Counters moved with the rows; each pushed once, after commit, with the campaign's text.
  EXPECT_EQ(scalar("SELECT sum(unread) FROM unread_counters"),
            static_cast<std::int64_t>(want.size()));
  const auto pushed = live_.published();
  ASSERT_EQ(pushed.size(), want.size());
  std::set<std::string> pushed_users;
  for (const auto& n : pushed) {
    EXPECT_EQ(n.title, "Spring sale");
    EXPECT_EQ(n.type, domain::NotificationType::kPromotion);
    EXPECT_EQ(n.id.at(14), '7') << n.id;  // UUIDv7, made by uuid_v7() in SQL
    pushed_users.insert(n.user_id);
  }
  EXPECT_EQ(pushed_users.size(), want.size());
}

TEST_F(CampaignsTest, RecipientsSeeTheCampaignTextInTheirInbox) {
  add_subscribers();
  const auto campaign = created("toys");
  campaigns_->run(campaign.id);
  const auto user_id = live_.published().at(0).user_id;
  pb::ListNotificationsResponse page;
  ASSERT_TRUE(list(user_id, true, 10, "", &page).ok());
  ASSERT_EQ(page.notifications_size(), 1);
  EXPECT_EQ(page.notifications(0).title(), "Spring sale");
  EXPECT_EQ(page.notifications(0).body(), "20% off");
  EXPECT_EQ(page.notifications(0).type(), pb::PROMOTION);
  EXPECT_NE(page.notifications(0).data_json().find(campaign.id), std::string::npos);
  EXPECT_EQ(unread_count(user_id), 1);
}

TEST_F(CampaignsTest, CreateOverGrpcThenGetReachesCompletedWithTheRecipientCount) {
  add_subscribers();
  campaigns_->start();
  pb::CreatePromotionCampaignRequest request;
  request.set_title("Everything must go");
  request.set_body("Today only");
  pb::PromotionCampaign reply;
  ASSERT_TRUE(create_rpc(request, &reply).ok());
  EXPECT_TRUE(reply.status() == pb::PENDING || reply.status() == pb::RUNNING);
  EXPECT_FALSE(reply.has_category());

  pb::PromotionCampaign got;
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return get_rpc(reply.id(), &got).ok() && got.status() == pb::COMPLETED; },
      std::chrono::seconds(20)));
  EXPECT_EQ(got.recipient_count(), static_cast<std::int64_t>(expected(std::nullopt).size()));
  EXPECT_EQ(got.title(), "Everything must go");
  EXPECT_TRUE(got.has_completed_at());
  EXPECT_EQ(recipients(reply.id()), expected(std::nullopt));
}

TEST_F(CampaignsTest, InvalidRequestsNameTheFieldAndStoreNothing) {
  pb::CreatePromotionCampaignRequest request;
  request.set_title(" ");
  request.set_body("b");
  pb::PromotionCampaign reply;
  auto status = create_rpc(request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "title: required");

  request.set_title("t");
  request.set_product_id("nope");
  status = create_rpc(request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "product_id: must be a UUID");
  EXPECT_EQ(scalar("SELECT count(*) FROM campaigns"), 0);

  EXPECT_EQ(get_rpc("nope", &reply).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(get_rpc("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CampaignsTest, ResumingAfterACrashMidCampaignSendsNobodyTheCampaignTwice) {
  add_subscribers();
  const auto campaign = created("books");
  // The crash: one batch committed, then the process died.
  const auto first =
      pool_->transact([&](pqxx::work& tx) { return storage::fan_out_batch(tx, campaign.id, 100); });
  EXPECT_EQ(first.inserted.size(), 100u);
  EXPECT_FALSE(first.finished);
  EXPECT_EQ(stored(campaign.id).status, domain::CampaignStatus::kRunning);
  // Even a lost cursor (the worst case) must not duplicate: the unique index guards.
  scalar("WITH u AS (UPDATE campaigns SET fanout_after = NULL RETURNING 1) SELECT count(*) FROM u");

  EXPECT_EQ(campaigns_->resume_unfinished(), 1u);
  campaigns_->start();
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return stored(campaign.id).status == domain::CampaignStatus::kCompleted; },
      std::chrono::seconds(20)));
  const auto want = expected("books");
  EXPECT_EQ(recipients(campaign.id), want);
  EXPECT_EQ(stored(campaign.id).recipient_count, static_cast<std::int64_t>(want.size()));
  EXPECT_EQ(scalar("SELECT sum(unread) FROM unread_counters"),
            static_cast<std::int64_t>(want.size()));

  // A rerun of a finished campaign changes nothing.
  campaigns_->run(campaign.id);
  EXPECT_EQ(recipients(campaign.id), want);
  EXPECT_EQ(campaigns_->resume_unfinished(), 0u);
}

TEST_F(CampaignsTest, TwoRunnersOfOneCampaignTakeTurns) {
  add_subscribers();
  const auto campaign = created(std::nullopt);
  std::thread other([&] { campaigns_->run(campaign.id); });
  campaigns_->run(campaign.id);
  other.join();
  EXPECT_EQ(recipients(campaign.id), expected(std::nullopt));
  EXPECT_EQ(stored(campaign.id).recipient_count,
            static_cast<std::int64_t>(expected(std::nullopt).size()));
}

TEST_F(CampaignsTest, SchedulerCreatesOneCampaignPerNewProductPersonalizedByCategory) {
  add_subscribers();
  app::PromotionScheduler scheduler(*pool_, *campaigns_, *domain::CronSchedule::parse("0 * * * *"));
  const auto t0 = system_clock::now();
  // The first run only records its mark: products from before it are not news.
  add_product("Old book", "books");
  EXPECT_TRUE(scheduler.tick(t0).campaign_ids.empty());

  add_product("Dune", "books");
  add_product("Lego", "toys");
  const auto run = scheduler.tick(t0 + std::chrono::hours(1));
  EXPECT_EQ(run.outcome, app::TickResult::Outcome::kRan);
  ASSERT_EQ(run.campaign_ids.size(), 2u);
  for (const auto& id : run.campaign_ids) campaigns_->run(id);
  const auto dune = stored(run.campaign_ids[0]);
  const auto lego = stored(run.campaign_ids[1]);
  EXPECT_EQ(dune.title, "New in books: Dune");
  EXPECT_EQ(dune.category, "books");
  EXPECT_EQ(recipients(dune.id), expected("books"));
  EXPECT_EQ(lego.title, "New in toys: Lego");
  EXPECT_EQ(recipients(lego.id), expected("toys"));

  // The next run takes no product twice.
  const auto next = scheduler.tick(t0 + std::chrono::hours(2));
  EXPECT_EQ(next.outcome, app::TickResult::Outcome::kRan);
  EXPECT_TRUE(next.campaign_ids.empty());
  EXPECT_EQ(scalar("SELECT count(*) FROM campaigns"), 2);
}

TEST_F(CampaignsTest, TwoSchedulersOnOneTickRunOnce) {
  app::PromotionScheduler first(*pool_, *campaigns_, *domain::CronSchedule::parse("0 * * * *"));
  app::PromotionScheduler second(*pool_, *campaigns_, *domain::CronSchedule::parse("0 * * * *"));
  const auto t0 = system_clock::now();
  first.tick(t0);
  add_product("Dune", "books");
  const auto slot = t0 + std::chrono::hours(1);

  // While one replica holds the lock, the other skips.
  pool_->transact([&](pqxx::work& tx) {
    ASSERT_TRUE(storage::try_lock_scheduler(tx));
    EXPECT_EQ(second.tick(slot).outcome, app::TickResult::Outcome::kLockedElsewhere);
  });
  // Same tick, both replicas, at the same moment: one run.
  std::atomic<int> ran{0};
  std::atomic<int> campaigns{0};
  auto tick = [&](app::PromotionScheduler& scheduler) {
    const auto result = scheduler.tick(slot);
    if (result.outcome == app::TickResult::Outcome::kRan) ++ran;
    campaigns += static_cast<int>(result.campaign_ids.size());
  };
  std::thread other([&] { tick(second); });
  tick(first);
  other.join();
  EXPECT_EQ(ran.load(), 1);
  EXPECT_EQ(campaigns.load(), 1);
  // A replica that comes late to the same tick does nothing either.
  EXPECT_EQ(first.tick(slot).outcome, app::TickResult::Outcome::kAlreadyRun);
  EXPECT_EQ(second.tick(slot).outcome, app::TickResult::Outcome::kAlreadyRun);
  EXPECT_EQ(scalar("SELECT count(*) FROM campaigns"), 1);
}

}  // namespace
}  // namespace ecn::notification::testing
