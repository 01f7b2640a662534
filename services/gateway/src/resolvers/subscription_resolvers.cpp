#include "resolvers/resolvers.hpp"
#include "subscriptions/live_notifications.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace gql = graphql::execution;
using boost::asio::awaitable;
using StreamResult = subscriptions::StreamResult;

awaitable<StreamResult> notification_added(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  auto user = require_user(scope.auth());
  // Results built as named locals: GCC 12 garbles a result co_returned as a temporary.
  if (!user) {
    StreamResult refused(boost::system::in_place_error, user.error());
    co_return refused;
  }
  auto* live = scope.live_notifications();
  if (live == nullptr) {
    StreamResult refused(boost::system::in_place_error,
                         FieldError{"subscriptions are served over WebSocket", "BAD_REQUEST"});
    co_return refused;
  }
  std::optional<std::string> after;
  if (has_arg(info.args, "after")) after = string_arg(info.args, "after");
  auto opening = live->open(*user, after, scope.call_options());
  auto opened = co_await std::move(opening);
  co_return opened;
}

}  // namespace

void register_subscription_resolvers(gql::ResolverMap& map) {
  map.on_subscribe("Subscription.notificationAdded", notification_added);
  // Each event is the notification itself.
  map.on("Subscription.notificationAdded",
         [](const gql::ResolveInfo& info) { return ResolverResult(info.parent); });
}

}  // namespace ecn::gateway::resolvers
