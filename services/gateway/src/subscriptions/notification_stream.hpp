#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/system/result.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ecn/graphql/execution/event_stream.hpp"
#include "ecn/graphql/execution/resolver.hpp"
#include "redis/redis_pubsub.hpp"

namespace ecn::gateway::subscriptions {

// One page of a user's notifications after a cursor, oldest first (gateway JSON shape).
struct ReplayPage {
  std::vector<boost::json::object> notifications;
  bool has_more = false;
};
using ReplayResult = boost::system::result<ReplayPage, graphql::execution::FieldError>;
// Reads the page after `cursor` (notification-service's ListNotificationsAfter in production).
using ReplayFetch = std::function<boost::asio::awaitable<ReplayResult>(const std::string& cursor)>;

// The events of one `notificationAdded` subscription: first the replay after the client's
// cursor (paged until exhausted), then live notifications from Redis pub/sub, skipping any
// already delivered (the seam: the Redis subscription is made before the replay is read, so a
// notification may arrive both ways). When Redis reconnects, or the buffer overflowed because
// the client read too slowly, it replays again after the last notification it delivered, so
// nothing is lost or repeated. Lives on the consumer's strand; push_live()/resync() may be
// called from any thread.
class NotificationStream final : public graphql::execution::EventStream,
                                 public std::enable_shared_from_this<NotificationStream> {
 public:
  static std::shared_ptr<NotificationStream> create(boost::asio::any_io_executor executor,
                                                    ReplayFetch fetch,
                                                    std::size_t max_buffered = 256);

  // Queues a live message (Redis' JSON); malformed ones are logged and dropped.
  void push_live(std::string_view message);
  // Messages may have been lost: replay after the last delivered one before going on.
  void resync();
  // Keeps the Redis subscription for the life of the stream.
  void attach(redis::PubSubHandle handle) { handle_ = std::move(handle); }
  // Reads the first replay page after `cursor` (so a bad cursor fails the subscribe).
  boost::asio::awaitable<std::optional<graphql::execution::FieldError>> start_replay(
      std::string cursor);

  boost::asio::awaitable<std::optional<boost::json::value>> next() override;
  void close() override;

 private:
  NotificationStream(boost::asio::any_io_executor executor, ReplayFetch fetch,
                     std::size_t max_buffered);
  void take_page(ReplayPage page);
  // False when `notification` was delivered already; else records it as delivered.
  bool first_delivery(const boost::json::object& notification);

  ReplayFetch fetch_;
  std::shared_ptr<graphql::execution::EventQueue> live_;
  redis::PubSubHandle handle_;
  std::deque<boost::json::object> replay_;
  bool replay_more_ = false;
  std::string replay_cursor_;
  std::string last_cursor_;
  std::size_t dropped_seen_ = 0;
  std::unordered_set<std::string> delivered_ids_;
  std::deque<std::string> delivered_order_;  // bounds delivered_ids_
};

// Redis' notification JSON (snake_case, see notification-service) in the gateway's shape (the
// same as a gRPC Notification's), or nullopt when it is not a notification.
std::optional<boost::json::object> notification_from_redis(std::string_view message);

}  // namespace ecn::gateway::subscriptions
