#include "commit_positions.hpp"

#include <algorithm>

namespace ecn::kafka::detail {

std::map<TopicPartition, std::int64_t> commit_positions(std::span<const Message> batch,
                                                        const std::set<TopicPartition>& owned) {
  std::map<TopicPartition, std::int64_t> positions;
  for (const auto& message : batch) {
    TopicPartition tp{message.topic, message.partition};
    if (!owned.contains(tp)) continue;
    auto [it, inserted] = positions.emplace(std::move(tp), message.offset + 1);
    if (!inserted) it->second = std::max(it->second, message.offset + 1);
  }
  return positions;
}

}  // namespace ecn::kafka::detail
