#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <span>

#include "ecn/kafka/message.hpp"

namespace ecn::kafka::detail {

// The offsets to commit after processing `batch`: per partition the offset following its last
// record (Kafka's committed offset is the next one to read), only for `owned` partitions.
std::map<TopicPartition, std::int64_t> commit_positions(std::span<const Message> batch,
                                                        const std::set<TopicPartition>& owned);

}  // namespace ecn::kafka::detail
