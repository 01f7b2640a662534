#include "ecn/core/text.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::core::ascii_lower;
using ecn::core::has_control_character;
using ecn::core::trim;
using ecn::core::utf8_length;

TEST(TextTest, Utf8LengthCountsCodePointsAndRefusesMalformedText) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Zoë"), 3u);
  EXPECT_EQ(utf8_length("日本語"), 3u);
  EXPECT_EQ(utf8_length("😀"), 1u);
  EXPECT_EQ(utf8_length("\xC3"), std::nullopt);              // truncated
  EXPECT_EQ(utf8_length("a\xE6\x97"), std::nullopt);         // truncated at the end
  EXPECT_EQ(utf8_length("\xC0\xAF"), std::nullopt);          // overlong '/'
  EXPECT_EQ(utf8_length("\xED\xA0\x80"), std::nullopt);      // surrogate
  EXPECT_EQ(utf8_length("\xF4\x90\x80\x80"), std::nullopt);  // past U+10FFFF
  EXPECT_EQ(utf8_length("\x80"), std::nullopt);              // stray continuation
}

TEST(TextTest, TrimLowerAndControls) {
  EXPECT_EQ(trim("  a b\t\r\n"), "a b");
  EXPECT_EQ(trim(" \n "), "");
  EXPECT_EQ(ascii_lower("MiXeD Ö"), "mixed Ö");
  EXPECT_TRUE(has_control_character("a\tb"));
  EXPECT_TRUE(has_control_character("a\x7F"));
  EXPECT_FALSE(has_control_character("plain ö"));
}

}  // namespace
