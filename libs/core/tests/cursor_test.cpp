#include "ecn/core/cursor.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::core::decode_cursor;
using ecn::core::encode_cursor;
using ecn::core::ErrorCode;
using ecn::core::KeysetCursor;

TEST(CursorTest, RoundTripsAndIsOpaqueUrlSafeText) {
  const KeysetCursor cursor{1764129600123456, "0192f0c1-7a2b-7c3d-8e4f-001122334455"};
  const std::string text = encode_cursor(cursor);
  EXPECT_EQ(
      text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find(cursor.id), std::string::npos);  // opaque, not the id in clear
  const auto back = decode_cursor(text);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, cursor);
}

TEST(CursorTest, RejectsWhatItDidNotMakeNamingTheField) {
  for (const char* bad : {"", "not base64!", "aGVsbG8", "azE6MTIzOm5vdC1hLXV1aWQ",
                          "azE6eHl6OjAxOTJmMGMxLTdhMmItN2MzZC04ZTRmLTAwMTEyMjMzNDQ1NQ"}) {
    const auto result = decode_cursor(bad, "after");
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(result.error().message.starts_with("after:")) << result.error().message;
  }
}

TEST(CursorTest, PageSizeDefaultsCapsAndRejectsNegatives) {
  EXPECT_EQ(*ecn::core::page_size(0), 20);
  EXPECT_EQ(*ecn::core::page_size(7), 7);
  EXPECT_EQ(*ecn::core::page_size(100), 100);
  EXPECT_EQ(*ecn::core::page_size(1000), 100);
  const auto negative = ecn::core::page_size(-1, "first");
  ASSERT_FALSE(negative);
  EXPECT_NE(negative.error().message.find("first"), std::string::npos);
}

}  // namespace
