#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "ecn/graphql/execution/event_stream.hpp"

namespace ecn::graphql::execution {

namespace asio = boost::asio;

std::shared_ptr<EventQueue> EventQueue::create(asio::any_io_executor executor,
                                               std::size_t max_buffered) {
  return std::shared_ptr<EventQueue>(new EventQueue(std::move(executor), max_buffered));
}

EventQueue::EventQueue(asio::any_io_executor executor, std::size_t max_buffered)
    : max_buffered_(max_buffered == 0 ? 1 : max_buffered),
      signal_(std::move(executor), asio::steady_timer::time_point::max()) {}

bool EventQueue::push(boost::json::value event) {
  {
    std::lock_guard lock(mutex_);
    if (finished_ || closed_) return false;
    if (events_.size() >= max_buffered_) {
      events_.pop_front();
      ++dropped_;
    }
    events_.push_back(std::move(event));
  }
  wake();
  return true;
}

void EventQueue::finish() {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  wake();
}

void EventQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    events_.clear();
  }
  wake();
}

std::size_t EventQueue::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

// The timer belongs to the consumer's executor, so producers on other threads hand the wake-up
// over to it instead of touching the timer themselves.
void EventQueue::wake() {
  asio::post(signal_.get_executor(), [self = shared_from_this()] { self->signal_.cancel(); });
}

asio::awaitable<std::optional<boost::json::value>> EventQueue::next() {
  const auto self = shared_from_this();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (closed_) co_return std::nullopt;
      if (!events_.empty()) {
        boost::json::value event = std::move(events_.front());
        events_.pop_front();
        co_return event;
      }
      if (finished_) co_return std::nullopt;
    }
    // A wake-up posted after the check above runs after this wait starts (same executor),
    // so it cannot be lost.
    signal_.expires_at(asio::steady_timer::time_point::max());
    co_await signal_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace ecn::graphql::execution
