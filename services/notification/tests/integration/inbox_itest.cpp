// The inbox RPCs through gRPC against the real PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "ecn/core/uuid.hpp"
#include "inbox_fixture.hpp"

namespace ecn::notification::testing {
namespace {

TEST_F(InboxTest, PostStoresTheNotificationAndPushesItAfterCommit) {
  const auto user = core::new_uuid_v7();
  pb::Notification reply;
  const auto status = post(user, pb::ORDER_UPDATE, "Shipped", "Your order is on its way",
                           R"({"order_id": "o-1", "status": "SHIPPED"})", &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(core::is_uuid(reply.id()));
  EXPECT_EQ(reply.user_id(), user);
  EXPECT_EQ(reply.type(), pb::ORDER_UPDATE);
  EXPECT_EQ(reply.title(), "Shipped");
  EXPECT_EQ(reply.body(), "Your order is on its way");
  EXPECT_EQ(boost::json::parse(reply.data_json()),
            boost::json::parse(R"({"order_id": "o-1", "status": "SHIPPED"})"));
  EXPECT_FALSE(reply.read());
  EXPECT_FALSE(reply.has_read_at());
  EXPECT_GT(reply.created_at().seconds(), 1'700'000'000);
  EXPECT_FALSE(reply.cursor().empty());
  EXPECT_EQ(unread_count(user), 1);

  const auto pushed = live_.published();
  ASSERT_EQ(pushed.size(), 1u);
  EXPECT_EQ(pushed[0].id, reply.id());
}

TEST_F(InboxTest, InvalidPostsNameTheFieldAndWriteNothing) {
  const auto user = core::new_uuid_v7();
  pb::Notification reply;
  struct Case {
    std::string user_id;
    pb::NotificationType type;
    std::string title;
    std::string body;
    std::string data;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"nope", pb::SYSTEM, "t", "", "", "user_id:"},
      {user, pb::NOTIFICATION_TYPE_UNSPECIFIED, "t", "", "", "type:"},
      {user, pb::SYSTEM, "", "", "", "title:"},
      {user, pb::SYSTEM, std::string(201, 't'), "", "", "title:"},
      {user, pb::SYSTEM, "t", std::string(2001, 'b'), "", "body:"},
      {user, pb::SYSTEM, "t", "", "[]", "data_json:"},
      {user, pb::SYSTEM, "t", "", "{\"k\":\"" + std::string(16 * 1024, 'x') + "\"}", "data_json:"},
  };
  for (const auto& c : cases) {
    const auto status = post(c.user_id, c.type, c.title, c.body, c.data, &reply);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(status.error_message().rfind(c.field, 0), 0u) << status.error_message();
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM unread_counters"), 0);
  EXPECT_TRUE(live_.published().empty());
}

TEST_F(InboxTest, ListsNewestFirstAcrossPagesWithoutGapsOrRepeats) {
  const auto user = core::new_uuid_v7();
  const auto other = core::new_uuid_v7();
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(posted(user, "n" + std::to_string(i)).id());
  posted(other, "not mine");

  std::vector<std::string> seen;
  std::string after;
  int pages = 0;
  for (;;) {
    pb::ListNotificationsResponse page;
    const auto status = list(user, false, 3, after, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ++pages;
    for (const auto& n : page.notifications()) {
      EXPECT_EQ(n.user_id(), user);
      seen.push_back(n.id());
    }
    if (!page.page_info().has_next_page()) break;
    after = page.page_info().end_cursor();
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  const std::vector<std::string> newest_first(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, newest_first);
}

TEST_F(InboxTest, UnreadOnlyListsOnlyUnread) {
  const auto user = core::new_uuid_v7();
  const auto a = posted(user, "a");
  const auto b = posted(user, "b");
  const auto c = posted(user, "c");
  pb::Notification marked;
  ASSERT_TRUE(mark_read(user, b.id(), &marked).ok());

  pb::ListNotificationsResponse page;
  ASSERT_TRUE(list(user, true, 0, "", &page).ok());
  ASSERT_EQ(page.notifications_size(), 2);
  EXPECT_EQ(page.notifications(0).id(), c.id());
  EXPECT_EQ(page.notifications(1).id(), a.id());
  EXPECT_FALSE(page.page_info().has_next_page());

  // The unread page continues from a cursor too.
  pb::ListNotificationsResponse first;
  ASSERT_TRUE(list(user, true, 1, "", &first).ok());
  pb::ListNotificationsResponse second;
  ASSERT_TRUE(list(user, true, 1, first.page_info().end_cursor(), &second).ok());
  ASSERT_EQ(second.notifications_size(), 1);
  EXPECT_EQ(second.notifications(0).id(), a.id());
}

TEST_F(InboxTest, ListRejectsBadArguments) {
  pb::ListNotificationsResponse page;
  auto status = list("x", false, 0, "", &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("user_id:", 0), 0u);
  status = list(core::new_uuid_v7(), false, 0, "garbage!", &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("page.after", 0), 0u) << status.error_message();
  status = list(core::new_uuid_v7(), false, -1, "", &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("page.first", 0), 0u) << status.error_message();
}

TEST_F(InboxTest, FirstIsCappedAtOneHundred) {
  const auto user = core::new_uuid_v7();
  ASSERT_TRUE(pool_->transact([&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO notifications (id, user_id, type, title, seq) "
        "SELECT gen_random_uuid(), $1::uuid, 3, 't' || g, g FROM generate_series(1, 105) g",
        user);
    return true;
  }));
  pb::ListNotificationsResponse page;
  ASSERT_TRUE(list(user, false, 500, "", &page).ok());
  EXPECT_EQ(page.notifications_size(), 100);
  EXPECT_TRUE(page.page_info().has_next_page());
}

TEST_F(InboxTest, ListAfterReplaysOldestFirstFromACursor) {
  const auto user = core::new_uuid_v7();
  std::vector<pb::Notification> posted_in_order;
  for (int i = 0; i < 5; ++i) posted_in_order.push_back(posted(user, "n" + std::to_string(i)));

  pb::ListNotificationsResponse all;
  ASSERT_TRUE(list_after(user, "", 0, &all).ok());
  ASSERT_EQ(all.notifications_size(), 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(all.notifications(i).id(), posted_in_order[i].id());

  pb::ListNotificationsResponse rest;
  ASSERT_TRUE(list_after(user, posted_in_order[1].cursor(), 2, &rest).ok());
  ASSERT_EQ(rest.notifications_size(), 2);
  EXPECT_EQ(rest.notifications(0).id(), posted_in_order[2].id());
  EXPECT_EQ(rest.notifications(1).id(), posted_in_order[3].id());
  EXPECT_TRUE(rest.page_info().has_next_page());
  EXPECT_EQ(rest.page_info().end_cursor(), posted_in_order[3].cursor());
}

TEST_F(InboxTest, MarkReadOnlyTheOwnersAndKeepsTheFirstReadAt) {
  const auto owner = core::new_uuid_v7();
  const auto stranger = core::new_uuid_v7();
  const auto n = posted(owner, "mine");

  pb::Notification reply;
  auto status = mark_read(stranger, n.id(), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = mark_read(owner, core::new_uuid_v7(), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = mark_read(owner, "bad", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(unread_count(owner), 1);

  pb::Notification first;
  ASSERT_TRUE(mark_read(owner, n.id(), &first).ok());
  EXPECT_TRUE(first.read());
  ASSERT_TRUE(first.has_read_at());
  EXPECT_EQ(unread_count(owner), 0);

  pb::Notification second;
  ASSERT_TRUE(mark_read(owner, n.id(), &second).ok());
  EXPECT_EQ(second.read_at().seconds(), first.read_at().seconds());
  EXPECT_EQ(second.read_at().nanos(), first.read_at().nanos());
  EXPECT_EQ(unread_count(owner), 0);
}

TEST_F(InboxTest, MarkAllReadReturnsHowManyAndZeroesTheCount) {
  const auto user = core::new_uuid_v7();
  const auto other = core::new_uuid_v7();
  for (int i = 0; i < 4; ++i) posted(user, "n");
  posted(other, "other");
  pb::Notification one;
  ASSERT_TRUE(mark_read(user, posted(user, "x").id(), &one).ok());

  pb::MarkAllReadResponse reply;
  ASSERT_TRUE(mark_all_read(user, &reply).ok());
  EXPECT_EQ(reply.count(), 4);
  EXPECT_EQ(unread_count(user), 0);
  EXPECT_EQ(unread_count(other), 1);
  ASSERT_TRUE(mark_all_read(user, &reply).ok());
  EXPECT_EQ(reply.count(), 0);
  EXPECT_EQ(unread_count(core::new_uuid_v7()), 0);  // never notified
}

}  // namespace
}  // namespace ecn::notification::testing
