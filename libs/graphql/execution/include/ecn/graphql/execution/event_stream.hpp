#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace ecn::graphql::execution {

// The source of a subscription (spec 6.2.3 "source stream"): what a subscription field's
// subscribe resolver returns. Each event becomes the root value of one execution of the
// subscription's selection set.
class EventStream {
 public:
  virtual ~EventStream() = default;
  // The next event, or nullopt once the stream has ended or was closed. Throwing ends the
  // subscription with that error.
  virtual boost::asio::awaitable<std::optional<boost::json::value>> next() = 0;
  // Stops the stream and releases its source (unsubscribes); a pending next() returns nullopt.
  // Called once, when the subscription ends for any reason.
  virtual void close() = 0;
};

// An EventStream fed by push() from any thread (a Redis pub/sub reader, a test). The consumer
// awaits next() on `executor`, which must be a strand or a single-threaded context. Holds at
// most `max_buffered` events: a slow consumer loses the oldest, never blocks the producer.
class EventQueue final : public EventStream, public std::enable_shared_from_this<EventQueue> {
 public:
  static std::shared_ptr<EventQueue> create(boost::asio::any_io_executor executor,
                                            std::size_t max_buffered = 1024);

  // Adds an event; false once the queue is finished or closed.
  bool push(boost::json::value event);
  // Ends the stream after the events already pushed.
  void finish();
  // Events dropped because the consumer fell behind.
  std::size_t dropped() const;

  boost::asio::awaitable<std::optional<boost::json::value>> next() override;
  void close() override;

 private:
  EventQueue(boost::asio::any_io_executor executor, std::size_t max_buffered);
  void wake();

  mutable std::mutex mutex_;
  std::deque<boost::json::value> events_;
  std::size_t max_buffered_;
  std::size_t dropped_ = 0;
  bool finished_ = false;
  bool closed_ = false;
  boost::asio::steady_timer signal_;  // touched on the executor only
};

}  // namespace ecn::graphql::execution
