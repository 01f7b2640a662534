#pragma once

#include <chrono>
#include <optional>
#include <string>

struct redisContext;

namespace ecn::notification::testing {

// A blocking Redis pub/sub subscriber of one channel, for tests.
class RedisSubscriber {
 public:
  RedisSubscriber(const std::string& redis_url, const std::string& channel);
  ~RedisSubscriber();
  RedisSubscriber(const RedisSubscriber&) = delete;
  RedisSubscriber& operator=(const RedisSubscriber&) = delete;
  // The next message's payload, or nullopt after `timeout`.
  std::optional<std::string> next(std::chrono::milliseconds timeout);

 private:
  redisContext* context_ = nullptr;
};

}  // namespace ecn::notification::testing
