#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecn::kafka {

// Kafka record headers in wire order. A list, not a map: Kafka allows a name twice, and the
// last occurrence is the one readers honour (see last_header).
using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the last header called `name`, if any.
std::optional<std::string_view> last_header(const Headers& headers, std::string_view name);

// One partition of one topic: the unit of ordering, assignment and commit.
struct TopicPartition {
  std::string topic;
  std::int32_t partition = -1;
  auto operator<=>(const TopicPartition&) const = default;
};

// A consumed record, copied out of librdkafka so it outlives the poll that fetched it.
// A null key or payload reads as an empty string.
struct Message {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::string key;
  std::string payload;
  Headers headers;
  std::chrono::system_clock::time_point timestamp;
};

}  // namespace ecn::kafka
