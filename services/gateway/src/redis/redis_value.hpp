#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/core/status.hpp"

namespace ecn::gateway::redis {

// One Redis reply (RESP2, as hiredis 0.14 reads it): nil, an integer, a string (bulk or
// status) or an array. Redis' error replies are not values: they arrive as a core::Error (see
// RedisReply).
struct RedisValue {
  enum class Kind { kNil, kInteger, kString, kArray };

  Kind kind = Kind::kNil;
  std::int64_t integer = 0;
  std::string string;
  std::vector<RedisValue> elements;

  bool is_nil() const { return kind == Kind::kNil; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_integer() const { return kind == Kind::kInteger; }
  bool is_array() const { return kind == Kind::kArray; }
};

// A reply or why there is none. Codes: FAILED_PRECONDITION for an error reply from Redis
// (message "redis: <its text>", e.g. WRONGTYPE); UNAVAILABLE when Redis cannot be reached or the
// connection broke before the reply; DEADLINE_EXCEEDED when the reply took longer than the
// command timeout.
using RedisReply = core::Result<RedisValue>;

}  // namespace ecn::gateway::redis
