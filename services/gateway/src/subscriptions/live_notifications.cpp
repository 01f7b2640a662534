#include "subscriptions/live_notifications.hpp"

#include <boost/asio/this_coro.hpp>

#include "resolvers/proto_json.hpp"
#include "subscriptions/notification_stream.hpp"

namespace ecn::gateway::subscriptions {
namespace {

namespace asio = boost::asio;
namespace notification_v1 = ecommerce::notification::v1;
using graphql::execution::FieldError;

std::string user_channel(const std::string& user_id) {
  return "notifications:user:" + user_id;
}

}  // namespace

LiveNotifications::LiveNotifications(redis::RedisPubSub& pubsub,
                                     const upstream::Upstreams& upstreams, int replay_page_size)
    : pubsub_(pubsub), upstreams_(upstreams), replay_page_size_(replay_page_size) {}

asio::awaitable<StreamResult> LiveNotifications::open(const std::string& user_id,
                                                      const std::optional<std::string>& after,
                                                      const upstream::CallOptions& options) {
  auto* stub = upstreams_.notifications.get();
  ReplayFetch fetch = [stub, user_id, options, page_size = replay_page_size_](
                          const std::string& cursor) -> asio::awaitable<ReplayResult> {
    notification_v1::ListNotificationsAfterRequest request;
    request.set_user_id(user_id);
    request.set_after(cursor);
    request.set_first(page_size);
    auto* async = stub->async();
    auto pending = upstream::call<notification_v1::ListNotificationsResponse>(
        {"notification-service", "ListNotificationsAfter"},
        [async](auto... a) { async->ListNotificationsAfter(a...); }, std::move(request), options);
    auto reply = co_await std::move(pending);
    if (!reply) {
      ReplayResult failed(boost::system::in_place_error, reply.error());
      co_return failed;
    }
    ReplayPage page;
    for (const auto& item : reply->notifications()) {
      page.notifications.push_back(resolvers::to_json(item));
    }
    page.has_more = reply->page_info().has_next_page();
    ReplayResult done(boost::system::in_place_value, std::move(page));
    co_return done;
  };
  const auto executor = co_await asio::this_coro::executor;
  auto stream = NotificationStream::create(executor, std::move(fetch));
  std::weak_ptr<NotificationStream> weak = stream;
  redis::PubSubListener listener{.on_message =
                                     [weak](std::string_view message) {
                                       if (auto live = weak.lock()) live->push_live(message);
                                     },
                                 .on_resubscribed =
                                     [weak] {
                                       if (auto live = weak.lock()) live->resync();
                                     }};
  auto subscribing = pubsub_.subscribe(user_channel(user_id), std::move(listener));
  auto handle = co_await std::move(subscribing);
  if (!handle) {
    StreamResult failed(boost::system::in_place_error,
                        FieldError{"live notifications are unavailable right now", "UNAVAILABLE"});
    co_return failed;
  }
  stream->attach(std::move(*handle));
  if (after) {
    auto replaying = stream->start_replay(*after);
    if (auto error = co_await std::move(replaying)) {
      stream->close();
      StreamResult failed(boost::system::in_place_error, std::move(*error));
      co_return failed;
    }
  }
  StreamResult opened(boost::system::in_place_value, std::move(stream));
  co_return opened;
}

}  // namespace ecn::gateway::subscriptions
