#include "header_codec.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ecn::kafka::detail {
namespace {

TEST(HeaderCodec, RoundTripKeepsOrderAndRepeatedNames) {
  const Headers headers = {{"b", "2"}, {"a", "1"}, {"b", "3"}};
  EXPECT_EQ(decode_headers(encode_headers(headers)), headers);
}

TEST(HeaderCodec, RoundTripEscapesQuotesBackslashesControlAndUnicode) {
  const Headers headers = {{"q\"uote", "back\\slash"},
                           {"ctl", "tab\tnl\n\x01"},
                           {"unicode", "caf\xc3\xa9 \xe2\x82\xac"}};
  EXPECT_EQ(decode_headers(encode_headers(headers)), headers);
}

TEST(HeaderCodec, EmptyIsAnEmptyArray) {
  EXPECT_EQ(encode_headers({}), "[]");
  EXPECT_TRUE(decode_headers("[]").empty());
}

TEST(HeaderCodec, EncodesPairsAsTwoElementArrays) {
  EXPECT_EQ(encode_headers({{"event-type", "user-upserted"}}),
            R"([["event-type","user-upserted"]])");
}

TEST(HeaderCodec, RejectsOtherShapes) {
  EXPECT_THROW(decode_headers(R"({"a":"b"})"), std::invalid_argument);
  EXPECT_THROW(decode_headers(R"([["a"]])"), std::invalid_argument);
  EXPECT_THROW(decode_headers(R"([["a", 1]])"), std::invalid_argument);
  EXPECT_THROW(decode_headers(R"([["a","b","c"]])"), std::invalid_argument);
  EXPECT_THROW(decode_headers("not json"), std::invalid_argument);
}

}  // namespace
}  // namespace ecn::kafka::detail
