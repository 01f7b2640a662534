#include <boost/json/array.hpp>

#include "resolvers/proto_json.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;
namespace order_v1 = ecommerce::order::v1;
using boost::asio::awaitable;

awaitable<ResolverResult> order(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  std::optional<std::string> viewer;
  if (!scope.auth().is_admin) {
    auto user = require_user(scope.auth());
    if (!user) co_return user.error();
    viewer = *user;
  }
  if (auto bad = check_id(info.args, "id")) co_return *bad;
  auto found = null_if_not_found(co_await scope.orders().load(string_arg(info.args, "id")));
  if (!found || found->is_null() || !viewer) co_return found;
  if (found->as_object().at("userId").as_string() != *viewer) {
    co_return FieldError{"forbidden: this order belongs to another user", "FORBIDDEN"};
  }
  co_return found;
}

awaitable<ResolverResult> orders_by_user(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  std::string user_id = string_arg(info.args, "userId");
  if (auto denied = require_self_or_admin(scope.auth(), user_id)) co_return *denied;
  co_return co_await list_orders(scope, user_id, info.args);
}

awaitable<ResolverResult> create_order(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  auto user = require_user(scope.auth());
  if (!user) co_return user.error();
  order_v1::CreateOrderRequest request;
  request.set_user_id(*user);
  for (const auto& item : info.args.at("input").as_object().at("items").as_array()) {
    auto* line = request.add_items();
    line->set_product_id(string_arg(item.as_object(), "productId"));
    line->set_quantity(
        static_cast<std::int32_t>(item.as_object().at("quantity").to_number<std::int64_t>()));
  }
  auto* stub = scope.upstreams().orders->async();
  auto pending = upstream::call<order_v1::Order>(
      {"order-service", "CreateOrder"}, [stub](auto... a) { stub->CreateOrder(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(to_json(*reply));
}

awaitable<ResolverResult> update_order_status(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  if (auto denied = require_admin(scope.auth())) co_return *denied;
  order_v1::UpdateOrderStatusRequest request;
  request.set_id(string_arg(info.args, "id"));
  order_v1::OrderStatus status{};
  order_v1::OrderStatus_Parse(string_arg(info.args, "status"), &status);
  request.set_status(status);
  auto* stub = scope.upstreams().orders->async();
  auto pending = upstream::call<order_v1::Order>(
      {"order-service", "UpdateOrderStatus"}, [stub](auto... a) { stub->UpdateOrderStatus(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  scope.orders().clear(reply->id());
  co_return json::value(to_json(*reply));
}

}  // namespace

awaitable<ResolverResult> list_orders(RequestScope& scope, const std::string& user_id,
                                      const json::object& args) {
  if (auto bad = check_first(args)) co_return *bad;
  order_v1::ListOrdersByUserRequest request;
  request.set_user_id(user_id);
  *request.mutable_page() = page_arg(args);
  auto* stub = scope.upstreams().orders->async();
  auto pending = upstream::call<order_v1::ListOrdersByUserResponse>(
      {"order-service", "ListOrdersByUser"}, [stub](auto... a) { stub->ListOrdersByUser(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  json::array nodes;
  for (const auto& item : reply->orders()) {
    auto node = json::value(to_json(item));
    scope.orders().prime(item.id(), node);
    nodes.push_back(std::move(node));
  }
  const std::vector<std::string> cursors(reply->cursors().begin(), reply->cursors().end());
  co_return json::value(connection(std::move(nodes), cursors, reply->page_info()));
}

void register_order_resolvers(gql::ResolverMap& map) {
  map.on_async("Query.order", order);
  map.on_async("Query.ordersByUser", orders_by_user);
  map.on_async("Mutation.createOrder", create_order);
  map.on_async("Mutation.updateOrderStatus", update_order_status);
  map.on_async("Order.user", [](const gql::ResolveInfo& info) {
    return scope_of(info).users().load(
        std::string(info.parent.as_object().at("userId").as_string()));
  });
  map.on_async("Notification.order", [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
    const auto* data = info.parent.as_object().if_contains("data");
    const json::value* id =
        data != nullptr && data->is_object() ? data->get_object().if_contains("order_id") : nullptr;
    if (id == nullptr || !id->is_string()) co_return json::value(nullptr);
    co_return null_if_not_found(
        co_await scope_of(info).orders().load(std::string(id->get_string())));
  });
}

}  // namespace ecn::gateway::resolvers
