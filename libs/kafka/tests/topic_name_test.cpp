#include <gtest/gtest.h>

#include <string>

#include "ecn/kafka/admin.hpp"

namespace ecn::kafka {
namespace {

TEST(TopicName, AcceptsWhatKafkaAccepts) {
  for (const auto* name : {"order-status-updated", "user-events", "env_2.product-events", "a"}) {
    EXPECT_EQ(topic_name_problem(name), std::nullopt) << name;
  }
  EXPECT_EQ(topic_name_problem(std::string(200, 'x')), std::nullopt);
}

TEST(TopicName, RefusesWhatKafkaRefusesOrLeavesNoRoomForTheDeadLetterTopic) {
  EXPECT_NE(topic_name_problem(""), std::nullopt);
  EXPECT_NE(topic_name_problem("."), std::nullopt);
  EXPECT_NE(topic_name_problem(".."), std::nullopt);
  EXPECT_NE(topic_name_problem(std::string(201, 'x')), std::nullopt);
  const auto slash = topic_name_problem("orders/eu");
  ASSERT_TRUE(slash.has_value());
  EXPECT_NE(slash->find("'/'"), std::string::npos) << *slash;
  EXPECT_NE(topic_name_problem("with space"), std::nullopt);
  EXPECT_NE(topic_name_problem("caf\xc3\xa9"), std::nullopt);
}

}  // namespace
}  // namespace ecn::kafka
