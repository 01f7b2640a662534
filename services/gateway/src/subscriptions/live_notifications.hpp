#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>
#include <memory>
#include <optional>
#include <string>

#include "ecn/graphql/execution/resolver.hpp"
#include "redis/redis_pubsub.hpp"
#include "upstream/grpc_call.hpp"
#include "upstream/upstreams.hpp"

namespace ecn::gateway::subscriptions {

using StreamResult = boost::system::result<std::shared_ptr<graphql::execution::EventStream>,
                                           graphql::execution::FieldError>;

// Opens `notificationAdded` streams: Redis channel `notifications:user:<id>` for live events,
// notification-service's ListNotificationsAfter for the replay. Shared by every connection.
class LiveNotifications {
 public:
  // Both must outlive this object and every stream it opened.
  LiveNotifications(redis::RedisPubSub& pubsub, const upstream::Upstreams& upstreams,
                    int replay_page_size = 100);

  // Subscribes to the user's channel FIRST (awaiting Redis' confirmation), then, with `after`,
  // reads the first replay page; the stream lives on the caller's executor. UNAVAILABLE when
  // Redis or notification-service cannot be reached, BAD_USER_INPUT for a malformed cursor.
  boost::asio::awaitable<StreamResult> open(const std::string& user_id,
                                            const std::optional<std::string>& after,
                                            const upstream::CallOptions& options);

 private:
  redis::RedisPubSub& pubsub_;
  const upstream::Upstreams& upstreams_;
  int replay_page_size_;
};

}  // namespace ecn::gateway::subscriptions
