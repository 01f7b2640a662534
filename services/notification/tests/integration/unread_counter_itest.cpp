// The unread counter against the truth (count(*)) under concurrent writers.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ecn/core/uuid.hpp"
#include "inbox_fixture.hpp"

namespace ecn::notification::testing {
namespace {

TEST_F(InboxTest, UnreadCounterNeverDriftsUnderConcurrentInsertsAndMarks) {
  std::vector<std::string> users;
  for (int i = 0; i < 3; ++i) users.push_back(core::new_uuid_v7());

  constexpr int kPosters = 3;
  constexpr int kPostsEach = 60;
  std::atomic<bool> posting{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kPosters; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPostsEach; ++i) {
        const auto& user = users[static_cast<std::size_t>((t + i) % 3)];
        auto stored =
            inbox_->post({.user_id = user, .type = 3, .title = "n", .body = "", .data_json = ""});
        EXPECT_TRUE(stored);
      }
    });
  }
  // Readers race the posters: single MarkRead of the newest unread, and MarkAllRead.
  std::atomic<int> marked_one{0};
  std::atomic<std::int64_t> marked_all{0};
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      int round = 0;
      while (posting.load()) {
        const auto& user = users[static_cast<std::size_t>(round++ % 3)];
        if (t == 0) {
          auto page = inbox_->list(user, true, 5, "");
          ASSERT_TRUE(page);
          for (const auto& n : page->notifications) {
            // Rows may already be read by MarkAllRead; that must not move the counter.
            if (inbox_->mark_read(user, n.id)) ++marked_one;
          }
        } else if (round % 7 == 0) {
          auto count = inbox_->mark_all_read(user);
          ASSERT_TRUE(count);
          marked_all += *count;
        }
      }
    });
  }
  for (int t = 0; t < kPosters; ++t) threads[static_cast<std::size_t>(t)].join();
  posting = false;
  for (std::size_t t = kPosters; t < threads.size(); ++t) threads[t].join();

  EXPECT_GT(marked_one.load(), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), kPosters * kPostsEach);
  for (const auto& user : users) {
    const auto truth = scalar(
        "SELECT count(*) FROM notifications WHERE read_at IS NULL "
        "AND user_id = '" +
        user + "'");
    EXPECT_EQ(unread_count(user), truth) << user;
  }
  EXPECT_EQ(scalar("SELECT coalesce(sum(unread), 0) FROM unread_counters"),
            scalar("SELECT count(*) FROM notifications WHERE read_at IS NULL"));
  // Each user's numbers are 1..n without gaps (unique by index), the counter's last_seq is n.
  EXPECT_EQ(
      scalar("SELECT count(*) FROM (SELECT user_id, count(*) AS c, min(seq) AS lo, max(seq) AS hi "
             "FROM notifications GROUP BY user_id) t JOIN unread_counters u USING (user_id) "
             "WHERE t.lo <> 1 OR t.hi <> t.c OR u.last_seq <> t.hi"),
      0);
}

}  // namespace
}  // namespace ecn::notification::testing
