#include "domain/inbox_cursor.hpp"

#include <gtest/gtest.h>

#include "ecn/core/cursor.hpp"

namespace ecn::notification::domain {
namespace {

TEST(InboxCursor, RoundTripsTheSequenceNumber) {
  for (const std::int64_t seq : {std::int64_t{1}, std::int64_t{42}, INT64_MAX}) {
    const auto position = decode_inbox_cursor(encode_inbox_cursor(seq), "after");
    ASSERT_TRUE(position) << position.error();
    EXPECT_EQ(position->seq, seq);
    EXPECT_TRUE(position->legacy_id.empty());
  }
}

TEST(InboxCursor, IsOpaqueBase64Url) {
  const auto cursor = encode_inbox_cursor(7);
  EXPECT_EQ(
      cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos)
      << cursor;
  EXPECT_EQ(cursor.find('7'), std::string::npos) << cursor;
}

TEST(InboxCursor, AcceptsACursorOfTheFormerCreatedAtIdForm) {
  const std::string id = "01890a5d-ac96-774b-bcce-b302099a8057";
  const auto position = decode_inbox_cursor(
      core::encode_cursor({.created_at_us = 1'700'000'000'000'000, .id = id}), "after");
  ASSERT_TRUE(position) << position.error();
  EXPECT_EQ(position->legacy_id, id);
  EXPECT_EQ(position->seq, 0);
}

TEST(InboxCursor, RejectsAnythingElseNamingTheField) {
  // "n1:0", "n1:-3", "n1:", "n1:12x", "x1:5" in base64url, then not base64 at all, then too long.
  const std::vector<std::string> bad_cursors = {"bjE6MA", "bjE6LTM", "bjE6", "bjE6MTJ4",
                                                "eDE6NQ", "n1:5",    "%%",   std::string(300, 'A')};
  for (const auto& bad : bad_cursors) {
    const auto position = decode_inbox_cursor(bad, "page.after");
    ASSERT_FALSE(position) << bad;
    EXPECT_EQ(position.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(position.error().message.rfind("page.after: ", 0), 0u) << position.error().message;
  }
}

}  // namespace
}  // namespace ecn::notification::domain
