// The migrations compiled into the binary.
#include "storage/schema.hpp"

#include <gtest/gtest.h>

namespace {

TEST(NotificationMigrations, AreNumberedInOrderWithBothDirections) {
  const auto migrations = ecn::notification::storage::migrations();
  ASSERT_EQ(migrations.size(), 6u);
  EXPECT_EQ(migrations[0].name, "create_inbox");
  EXPECT_EQ(migrations[1].name, "create_projections");
  EXPECT_EQ(migrations[2].name, "create_processed_events");
  EXPECT_EQ(migrations[3].name, "create_campaigns");
  EXPECT_EQ(migrations[4].name, "per_user_sequence");
  EXPECT_EQ(migrations[5].name, "processed_events_purge_index");
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<std::int64_t>(i + 1));
    EXPECT_NE(migrations[i].down_sql.find("DROP "), std::string::npos);
  }
  // The unread listing must be served by a partial index.
  EXPECT_NE(migrations[4].up_sql.find("(user_id, seq)\n  WHERE read_at IS NULL"),
            std::string::npos);
  // The fan-out's ON CONFLICT target: nobody gets a campaign twice.
  EXPECT_NE(migrations[3].up_sql.find("ON notifications (campaign_id, user_id)"),
            std::string::npos);
}

}  // namespace
