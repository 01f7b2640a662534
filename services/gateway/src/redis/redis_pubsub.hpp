#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"
#include "redis/redis_options.hpp"

namespace ecn::gateway::redis {

// What a pub/sub subscriber is told. Both are called on the pub/sub connection's strand: keep
// them short and hand work to your own executor.
struct PubSubListener {
  std::function<void(std::string_view message)> on_message;
  // The connection broke and has been re-established and the channel subscribed again:
  // messages published in between were lost (catch up from the source of truth).
  std::function<void()> on_resubscribed;
};

class RedisPubSub;

// Keeps one listener on one channel; destroying (or reset()) removes it, and the last listener
// of a channel unsubscribes it. Movable; may be destroyed on any thread.
class PubSubHandle {
 public:
  PubSubHandle() = default;
  ~PubSubHandle();
  PubSubHandle(PubSubHandle&& other) noexcept;
  PubSubHandle& operator=(PubSubHandle&& other) noexcept;
  PubSubHandle(const PubSubHandle&) = delete;
  PubSubHandle& operator=(const PubSubHandle&) = delete;

  void reset();
  explicit operator bool() const { return id_ != 0; }

 private:
  friend class RedisPubSub;
  struct Owner;
  PubSubHandle(std::weak_ptr<Owner> owner, std::string channel, std::uint64_t id);

  std::weak_ptr<Owner> owner_;
  std::string channel_;
  std::uint64_t id_ = 0;
};

// One Redis pub/sub connection per process, multiplexing every channel anyone listens to:
// SUBSCRIBE when a channel gets its first listener, UNSUBSCRIBE when it loses its last, so
// thousands of idle listeners cost a map entry each, not a connection. Reconnects with backoff
// and re-subscribes every channel (listeners then get on_resubscribed). Thread-safe.
class RedisPubSub {
 public:
  RedisPubSub(boost::asio::any_io_executor executor, RedisOptions options);
  ~RedisPubSub();
  RedisPubSub(const RedisPubSub&) = delete;
  RedisPubSub& operator=(const RedisPubSub&) = delete;

  void start();
  void stop();

  // Adds `listener` to `channel` and completes once Redis has confirmed the subscription, so
  // every message published after that reaches the listener. UNAVAILABLE when Redis is away
  // (nothing stays registered). GCC 12: name the awaitable before co_await.
  boost::asio::awaitable<core::Result<PubSubHandle>> subscribe(std::string channel,
                                                               PubSubListener listener);

  // Channels currently subscribed at Redis (or being subscribed), for tests and metrics.
  std::size_t channel_count() const;
  bool connected() const;

 private:
  std::shared_ptr<PubSubHandle::Owner> impl_;
};

}  // namespace ecn::gateway::redis
