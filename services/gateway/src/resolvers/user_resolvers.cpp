#include <boost/json/array.hpp>

#include "resolvers/proto_json.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;
namespace user_v1 = ecommerce::user::v1;
using boost::asio::awaitable;

// PreferencesInput as a patch: only the fields the client sent change.
user_v1::PreferencesPatch preferences_patch(const json::value* input) {
  user_v1::PreferencesPatch patch;
  if (input == nullptr || !input->is_object()) return patch;
  const auto& fields = input->get_object();
  if (const auto* v = fields.if_contains("orderUpdates"); v && v->is_bool()) {
    patch.set_order_updates(v->get_bool());
  }
  if (const auto* v = fields.if_contains("promotions"); v && v->is_bool()) {
    patch.set_promotions(v->get_bool());
  }
  if (const auto* v = fields.if_contains("categories"); v && v->is_array()) {
    auto* categories = patch.mutable_categories();
    for (const auto& category : v->get_array()) {
      if (category.is_string()) categories->add_values(std::string(category.get_string()));
    }
  }
  return patch;
}

awaitable<ResolverResult> me(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  auto user = require_user(scope.auth());
  if (!user) co_return user.error();
  co_return co_await scope.users().load(*user);
}

awaitable<ResolverResult> user(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  const std::string id = string_arg(info.args, "id");
  if (auto denied = require_self_or_admin(scope.auth(), id)) co_return *denied;
  if (auto bad = check_id(info.args, "id")) co_return *bad;
  co_return null_if_not_found(co_await scope.users().load(id));
}

awaitable<ResolverResult> register_user(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  const auto& input = info.args.at("input").as_object();
  user_v1::RegisterRequest request;
  request.set_name(string_arg(input, "name"));
  request.set_email(string_arg(input, "email"));
  request.set_password(string_arg(input, "password"));
  *request.mutable_preferences() = preferences_patch(input.if_contains("preferences"));
  auto* stub = scope.upstreams().users->async();
  auto pending = upstream::call<user_v1::AuthResponse>(
      {"user-service", "Register"}, [stub](auto... a) { stub->Register(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(to_json(*reply));
}

awaitable<ResolverResult> login(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  user_v1::LoginRequest request;
  request.set_email(string_arg(info.args, "email"));
  request.set_password(string_arg(info.args, "password"));
  auto* stub = scope.upstreams().users->async();
  auto pending = upstream::call<user_v1::AuthResponse>(
      {"user-service", "Login"}, [stub](auto... a) { stub->Login(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(to_json(*reply));
}

awaitable<ResolverResult> update_preferences(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  auto user = require_user(scope.auth());
  if (!user) co_return user.error();
  user_v1::UpdatePreferencesRequest request;
  request.set_user_id(*user);
  *request.mutable_preferences() = preferences_patch(info.args.if_contains("input"));
  auto* stub = scope.upstreams().users->async();
  auto pending = upstream::call<user_v1::User>(
      {"user-service", "UpdatePreferences"}, [stub](auto... a) { stub->UpdatePreferences(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  scope.users().clear(*user);
  co_return json::value(to_json(*reply));
}

// The parent user's id, once the request may see that user's private lists.
boost::system::result<std::string, FieldError> owned_parent(const gql::ResolveInfo& info) {
  std::string id(info.parent.as_object().at("id").as_string());
  if (auto denied = require_self_or_admin(scope_of(info).auth(), id)) return *denied;
  return {boost::system::in_place_value, std::move(id)};
}

}  // namespace

ResolverResult null_if_not_found(JsonLoader::Result result) {
  if (!result && result.error().code == "NOT_FOUND") return json::value(nullptr);
  return result;
}

void register_user_resolvers(gql::ResolverMap& map) {
  map.on_async("Query.me", me);
  map.on_async("Query.user", user);
  map.on_async("Mutation.register", register_user);
  map.on_async("Mutation.login", login);
  map.on_async("Mutation.updatePreferences", update_preferences);
  map.on_async("User.orders", [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
    auto id = owned_parent(info);
    if (!id) co_return id.error();
    co_return co_await list_orders(scope_of(info), *id, info.args);
  });
  map.on_async("User.notifications", [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
    auto id = owned_parent(info);
    if (!id) co_return id.error();
    co_return co_await list_notifications(scope_of(info), *id, info.args);
  });
  map.on_async("User.unreadNotificationCount",
               [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
                 auto id = owned_parent(info);
                 if (!id) co_return id.error();
                 co_return co_await unread_count(scope_of(info), *id);
               });
}

}  // namespace ecn::gateway::resolvers
