#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "resolvers/proto_json.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;
namespace notification_v1 = ecommerce::notification::v1;
using boost::asio::awaitable;

awaitable<ResolverResult> post_notification(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  if (auto denied = require_admin(scope.auth())) co_return *denied;
  const auto& input = info.args.at("input").as_object();
  notification_v1::PostNotificationRequest request;
  request.set_user_id(string_arg(input, "userId"));
  notification_v1::NotificationType type{};
  notification_v1::NotificationType_Parse(string_arg(input, "type"), &type);
  request.set_type(type);
  request.set_title(string_arg(input, "title"));
  request.set_body(string_arg(input, "body"));
  if (has_arg(input, "data")) request.set_data_json(json::serialize(input.at("data")));
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::Notification>(
      {"notification-service", "PostNotification"},
      [stub](auto... a) { stub->PostNotification(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(to_json(*reply));
}

awaitable<ResolverResult> mark_read(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  auto user = require_user(scope.auth());
  if (!user) co_return user.error();
  notification_v1::MarkReadRequest request;
  request.set_user_id(*user);
  request.set_id(string_arg(info.args, "id"));
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::Notification>(
      {"notification-service", "MarkRead"}, [stub](auto... a) { stub->MarkRead(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(to_json(*reply));
}

awaitable<ResolverResult> mark_all_read(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  auto user = require_user(scope.auth());
  if (!user) co_return user.error();
  notification_v1::MarkAllReadRequest request;
  request.set_user_id(*user);
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::MarkAllReadResponse>(
      {"notification-service", "MarkAllRead"}, [stub](auto... a) { stub->MarkAllRead(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(reply->count());
}

}  // namespace

awaitable<ResolverResult> list_notifications(RequestScope& scope, const std::string& user_id,
                                             const json::object& args) {
  if (auto bad = check_first(args)) co_return *bad;
  notification_v1::ListNotificationsRequest request;
  request.set_user_id(user_id);
  if (const auto* unread = args.if_contains("unreadOnly"); unread && unread->is_bool()) {
    request.set_unread_only(unread->get_bool());
  }
  *request.mutable_page() = page_arg(args);
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::ListNotificationsResponse>(
      {"notification-service", "ListNotifications"},
      [stub](auto... a) { stub->ListNotifications(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  json::array nodes;
  std::vector<std::string> cursors;
  for (const auto& item : reply->notifications()) {
    nodes.push_back(to_json(item));
    cursors.push_back(item.cursor());
  }
  co_return json::value(connection(std::move(nodes), cursors, reply->page_info()));
}

awaitable<ResolverResult> unread_count(RequestScope& scope, const std::string& user_id) {
  notification_v1::UnreadCountRequest request;
  request.set_user_id(user_id);
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::UnreadCountResponse>(
      {"notification-service", "UnreadCount"}, [stub](auto... a) { stub->UnreadCount(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(reply->count());
}

void register_notification_resolvers(gql::ResolverMap& map) {
  map.on_async("Mutation.postNotification", post_notification);
  map.on_async("Mutation.markNotificationRead", mark_read);
  map.on_async("Mutation.markAllNotificationsRead", mark_all_read);
  map.on_async("Query.notifications",
               [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
                 auto& scope = scope_of(info);
                 auto user = require_user(scope.auth());
                 if (!user) co_return user.error();
                 co_return co_await list_notifications(scope, *user, info.args);
               });
  map.on_async("Query.unreadNotificationCount",
               [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
                 auto& scope = scope_of(info);
                 auto user = require_user(scope.auth());
                 if (!user) co_return user.error();
                 co_return co_await unread_count(scope, *user);
               });
}

}  // namespace ecn::gateway::resolvers
