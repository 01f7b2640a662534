#include "redis_subscriber.hpp"

#include <hiredis/hiredis.h>

#include <stdexcept>

namespace ecn::notification::testing {

RedisSubscriber::RedisSubscriber(const std::string& redis_url, const std::string& channel) {
  auto rest = redis_url.substr(redis_url.find("://") + 3);
  rest = rest.substr(0, rest.find('/'));
  const auto colon = rest.rfind(':');
  context_ = redisConnect(rest.substr(0, colon).c_str(), std::stoi(rest.substr(colon + 1)));
  if (context_ == nullptr || context_->err) throw std::runtime_error("cannot connect to Redis");
  auto* reply = static_cast<redisReply*>(
      redisCommand(context_, "SUBSCRIBE %b", channel.data(), channel.size()));
  if (reply == nullptr) throw std::runtime_error("SUBSCRIBE failed");
  freeReplyObject(reply);
}

RedisSubscriber::~RedisSubscriber() {
  if (context_ != nullptr) redisFree(context_);
}

std::optional<std::string> RedisSubscriber::next(std::chrono::milliseconds timeout) {
  const timeval tv{.tv_sec = static_cast<time_t>(timeout.count() / 1000),
                   .tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  redisSetTimeout(context_, tv);
  void* raw = nullptr;
  if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) return std::nullopt;
  auto* reply = static_cast<redisReply*>(raw);
  std::optional<std::string> payload;
  if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3) {
    payload = std::string(reply->element[2]->str, reply->element[2]->len);
  }
  freeReplyObject(reply);
  return payload;
}

}  // namespace ecn::notification::testing
