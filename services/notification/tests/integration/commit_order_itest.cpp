// Subscription replay (ListNotificationsAfter) in commit order: a client that has seen one
// notification and replays after its cursor gets every notification committed after it, even
// one whose transaction started earlier (created_at is a transaction's start).
#include <gtest/gtest.h>

#include <future>
#include <pqxx/pqxx>

#include "domain/inbox_cursor.hpp"
#include "ecn/core/cursor.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/testing/environment.hpp"
#include "inbox_fixture.hpp"
#include "storage/notification_store.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

domain::NewNotification system_notification(const std::string& user, const std::string& title) {
  return {.user_id = user, .type = domain::NotificationType::kSystem, .title = title};
}

std::vector<std::string> ids_of(const app::Page& page) {
  std::vector<std::string> ids;
  for (const auto& n : page.notifications) ids.push_back(n.id);
  return ids;
}

TEST_F(InboxTest, ReplayAfterACursorReturnsOneStartedEarlierButCommittedLater) {
  const auto user = core::new_uuid_v7();
  const auto first = posted(user, "first");

  pqxx::connection early_connection(database_.url());
  pqxx::connection late_connection(database_.url());
  pqxx::work early(early_connection);
  early.exec("SELECT now()");  // its rows' created_at: this moment
  pqxx::work late(late_connection);
  const auto late_row = storage::insert_notifications(late, {system_notification(user, "late")});

  // The early transaction's insert waits for the user's counter row, which `late` holds.
  auto early_insert = std::async(std::launch::async, [&] {
    auto rows = storage::insert_notifications(early, {system_notification(user, "early")});
    early.commit();
    return rows;
  });
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] {
        return pool_->transact([&](pqxx::work& tx) {
          return tx
              .exec_params1(
                  "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 "
                  "AND wait_event_type = 'Lock'",
                  early_connection.backendpid())[0]
              .as<int>();
        }) == 1;
      },
      10s));
  late.commit();  // a client now sees "late" (live push carries its cursor) ...
  const auto early_row = early_insert.get();  // ... and "early" commits after it

  ASSERT_LT(early_row.front().created_at_us, late_row.front().created_at_us)
      << "the scenario needs the later commit to have the earlier created_at";
  auto replay = inbox_->list_after(user, app::cursor_of(late_row.front()), 10);
  ASSERT_TRUE(replay) << replay.error();
  EXPECT_EQ(ids_of(*replay), std::vector<std::string>{early_row.front().id});

  // The whole inbox oldest first is commit order, and newest first its reverse.
  auto all = inbox_->list_after(user, "", 10);
  ASSERT_TRUE(all) << all.error();
  EXPECT_EQ(ids_of(*all),
            (std::vector<std::string>{first.id(), late_row.front().id, early_row.front().id}));
  auto newest = inbox_->list(user, false, 10, "");
  ASSERT_TRUE(newest) << newest.error();
  EXPECT_EQ(ids_of(*newest),
            (std::vector<std::string>{early_row.front().id, late_row.front().id, first.id()}));
}

TEST_F(InboxTest, ANotificationsCursorContinuesBothListings) {
  const auto user = core::new_uuid_v7();
  std::vector<pb::Notification> in_order;
  for (int i = 0; i < 5; ++i) in_order.push_back(posted(user, "n" + std::to_string(i)));
  const auto& middle = in_order[2];

  pb::ListNotificationsResponse older;
  ASSERT_TRUE(list(user, false, 10, middle.cursor(), &older).ok());
  ASSERT_EQ(older.notifications_size(), 2);
  EXPECT_EQ(older.notifications(0).id(), in_order[1].id());
  EXPECT_EQ(older.notifications(1).id(), in_order[0].id());

  pb::ListNotificationsResponse newer;
  ASSERT_TRUE(list_after(user, middle.cursor(), 10, &newer).ok());
  ASSERT_EQ(newer.notifications_size(), 2);
  EXPECT_EQ(newer.notifications(0).id(), in_order[3].id());
  EXPECT_EQ(newer.notifications(1).id(), in_order[4].id());

  // A page's end cursor is its last notification's cursor, whichever listing made it.
  pb::ListNotificationsResponse page;
  ASSERT_TRUE(list(user, false, 2, "", &page).ok());
  EXPECT_EQ(page.page_info().end_cursor(), in_order[3].cursor());
  ASSERT_TRUE(list_after(user, page.page_info().end_cursor(), 10, &newer).ok());
  ASSERT_EQ(newer.notifications_size(), 1);
  EXPECT_EQ(newer.notifications(0).id(), in_order[4].id());
}

TEST_F(InboxTest, ACursorHandedOutBeforeSequencesStillWorks) {
  const auto user = core::new_uuid_v7();
  std::vector<pb::Notification> in_order;
  for (int i = 0; i < 3; ++i) in_order.push_back(posted(user, "n" + std::to_string(i)));
  // The former cursor form: (created_at, id).
  const auto former = core::encode_cursor(
      {.created_at_us = in_order[1].created_at().seconds() * 1'000'000, .id = in_order[1].id()});

  pb::ListNotificationsResponse newer;
  ASSERT_TRUE(list_after(user, former, 10, &newer).ok());
  ASSERT_EQ(newer.notifications_size(), 1);
  EXPECT_EQ(newer.notifications(0).id(), in_order[2].id());
  pb::ListNotificationsResponse older;
  ASSERT_TRUE(list(user, false, 10, former, &older).ok());
  ASSERT_EQ(older.notifications_size(), 1);
  EXPECT_EQ(older.notifications(0).id(), in_order[0].id());

  // Someone else's notification is no position in this inbox.
  const auto status = list_after(core::new_uuid_v7(), former, 10, &newer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("after: ", 0), 0u) << status.error_message();
}

}  // namespace
}  // namespace ecn::notification::testing
