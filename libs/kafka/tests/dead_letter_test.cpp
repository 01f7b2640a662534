#include "ecn/kafka/dead_letter.hpp"

#include <gtest/gtest.h>

namespace ecn::kafka {
namespace {

Message original() {
  Message m;
  m.topic = "order-status-updated";
  m.partition = 4;
  m.offset = 1234567890123;
  m.key = "order-1";
  m.payload = "{\"bad\":";
  m.headers = {{"trace", "abc"}, {"error", "from upstream"}};
  return m;
}

TEST(DeadLetter, TopicIsSourceDotDlq) {
  EXPECT_EQ(dead_letter_topic("product-events"), "product-events.dlq");
}

TEST(DeadLetter, HeadersKeepTheOriginalsThenAddTheReasonAndSource) {
  const Headers expected = {{"trace", "abc"},
                            {"error", "from upstream"},
                            {"error", "invalid JSON at 7"},
                            {"source-topic", "order-status-updated"},
                            {"source-partition", "4"},
                            {"source-offset", "1234567890123"}};
  EXPECT_EQ(dead_letter_headers(original(), "invalid JSON at 7"), expected);
}

TEST(DeadLetter, LastHeaderOfANameIsOurs) {
  const auto headers = dead_letter_headers(original(), "boom");
  EXPECT_EQ(last_header(headers, "error"), "boom");
  EXPECT_EQ(last_header(headers, "trace"), "abc");
  EXPECT_EQ(last_header(headers, "missing"), std::nullopt);
}

}  // namespace
}  // namespace ecn::kafka
