#include "ecn/core/env_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ecn::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(EnvFileTest, ReadsAssignmentsCommentsAndBlankLines) {
  const EnvFile file = parse_env_file(
      "# comment\n"
      "\n"
      "A=1\n"
      "  B = two words  \n"
      "export C=3\n"
      "D=\n");
  EXPECT_THAT(file.errors, IsEmpty());
  EXPECT_THAT(file.assignments,
              ElementsAre(Pair("A", "1"), Pair("B", "two words"), Pair("C", "3"), Pair("D", "")));
}

TEST(EnvFileTest, HandlesQuotes) {
  const EnvFile file = parse_env_file(
      "S='literal \\n $x # not a comment'\n"
      "D=\"line\\nbreak \\\"q\\\" back\\\\slash\"\n"
      "E=\"keep \\x unknown\"  # trailing comment\n"
      "F='' \n");
  EXPECT_THAT(file.errors, IsEmpty());
  EXPECT_THAT(file.assignments, ElementsAre(Pair("S", "literal \\n $x # not a comment"),
                                            Pair("D", "line\nbreak \"q\" back\\slash"),
                                            Pair("E", "keep \\x unknown"), Pair("F", "")));
}

TEST(EnvFileTest, InlineCommentNeedsALeadingBlank) {
  const EnvFile file = parse_env_file("URL=http://x/#anchor\nN=5 # five\nH=#hash\n");
  EXPECT_THAT(file.assignments,
              ElementsAre(Pair("URL", "http://x/#anchor"), Pair("N", "5"), Pair("H", "#hash")));
}

TEST(EnvFileTest, ToleratesCrlfAndByteOrderMark) {
  const EnvFile file = parse_env_file(
      "\xEF\xBB\xBF"
      "A=1\r\nB=\"2\"\r\n");
  EXPECT_THAT(file.errors, IsEmpty());
  EXPECT_THAT(file.assignments, ElementsAre(Pair("A", "1"), Pair("B", "2")));
}

TEST(EnvFileTest, ReportsEachMalformedLineWithItsNumberAndWithoutItsText) {
  const EnvFile file = parse_env_file(
      "OK=1\n"
      "just words\n"
      "1ABC=x\n"
      "BAD-NAME=x\n"
      "Q=\"open\n"
      "R='open\n"
      "T=\"closed\"junk\n"
      "=value\n");
  EXPECT_THAT(file.assignments, ElementsAre(Pair("OK", "1")));
  ASSERT_EQ(file.errors.size(), 7U);
  const int expected_lines[] = {2, 3, 4, 5, 6, 7, 8};
  for (std::size_t i = 0; i < file.errors.size(); ++i) {
    EXPECT_EQ(file.errors[i].line, expected_lines[i]);
  }
  EXPECT_EQ(file.errors[0].message, "expected KEY=value");
  EXPECT_EQ(file.errors[3].message, "unterminated double-quoted value");
  EXPECT_EQ(file.errors[4].message, "unterminated single-quoted value");
  EXPECT_EQ(file.errors[5].message, "unexpected text after the closing quote");
  for (const auto& error : file.errors) {
    EXPECT_EQ(error.message.find("open"), std::string::npos);
  }
}

TEST(EnvFileTest, ExportWithoutAssignmentIsMalformed) {
  const EnvFile file = parse_env_file("export\nexportFOO=1\n");
  ASSERT_EQ(file.errors.size(), 1U);
  EXPECT_EQ(file.errors[0].line, 1);
  // "exportFOO" is an ordinary name, not the export keyword.
  EXPECT_THAT(file.assignments, ElementsAre(Pair("exportFOO", "1")));
}

}  // namespace
}  // namespace ecn::core
