#include "commit_positions.hpp"

#include <gtest/gtest.h>

namespace ecn::kafka::detail {
namespace {

Message at(std::string topic, std::int32_t partition, std::int64_t offset) {
  Message m;
  m.topic = std::move(topic);
  m.partition = partition;
  m.offset = offset;
  return m;
}

TEST(CommitPositions, NextOffsetAfterTheLastRecordOfEachPartition) {
  const std::vector<Message> batch = {at("t", 0, 5), at("t", 1, 3), at("t", 0, 6), at("u", 0, 10),
                                      at("t", 0, 7)};
  const auto positions = commit_positions(batch, {{"t", 0}, {"t", 1}, {"u", 0}});
  const std::map<TopicPartition, std::int64_t> expected = {
      {{"t", 0}, 8}, {{"t", 1}, 4}, {{"u", 0}, 11}};
  EXPECT_EQ(positions, expected);
}

TEST(CommitPositions, HighestOffsetWinsWhateverTheOrder) {
  const std::vector<Message> batch = {at("t", 0, 9), at("t", 0, 2)};
  const auto positions = commit_positions(batch, {{"t", 0}});
  EXPECT_EQ(positions.at({"t", 0}), 10);
}

TEST(CommitPositions, PartitionsNoLongerOwnedAreLeftOut) {
  const std::vector<Message> batch = {at("t", 0, 1), at("t", 1, 1), at("t", 2, 1)};
  const auto positions = commit_positions(batch, {{"t", 1}});
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions.begin()->first, (TopicPartition{"t", 1}));
}

TEST(CommitPositions, EmptyBatchCommitsNothing) {
  EXPECT_TRUE(commit_positions({}, {{"t", 0}}).empty());
}

}  // namespace
}  // namespace ecn::kafka::detail
