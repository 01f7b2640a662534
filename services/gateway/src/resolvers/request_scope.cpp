#include "resolvers/request_scope.hpp"

#include <any>
#include <memory>
#include <unordered_map>

#include "ecn/core/uuid.hpp"
#include "resolvers/proto_json.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;

// One batch answer: each requested id's object, NOT_FOUND for the ids the service lacks.
template <typename Message>
std::vector<JsonLoader::Result> by_id(std::span<const std::string> ids,
                                      const google::protobuf::RepeatedPtrField<Message>& found,
                                      std::string_view what) {
  std::unordered_map<std::string, json::value> index;
  for (const auto& message : found) index.emplace(message.id(), to_json(message));
  std::vector<JsonLoader::Result> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    auto hit = index.find(id);
    if (hit == index.end()) {
      out.emplace_back(FieldError{std::string(what) + " " + id + " not found", "NOT_FOUND"});
    } else {
      out.emplace_back(hit->second);
    }
  }
  return out;
}

// Every key fails the same way (the upstream call itself failed).
std::vector<JsonLoader::Result> all_failed(std::size_t count, const FieldError& error) {
  return std::vector<JsonLoader::Result>(count, JsonLoader::Result(error));
}

}  // namespace

RequestScope::RequestScope(const auth::RequestContext& auth, const upstream::Upstreams& upstreams)
    : auth_(auth),
      upstreams_(upstreams),
      options_{upstreams.timeout, auth.request_id, upstreams.failures},
      users_([this](std::span<const std::string> ids)
                 -> boost::asio::awaitable<std::vector<JsonLoader::Result>> {
        ecommerce::user::v1::GetUsersRequest request;
        for (const auto& id : ids) request.add_ids(id);
        auto* stub = upstreams_.users->async();
        auto pending = upstream::call<ecommerce::user::v1::GetUsersResponse>(
            {"user-service", "GetUsers"}, [stub](auto... a) { stub->GetUsers(a...); },
            std::move(request), options_);
        auto reply = co_await std::move(pending);
        if (!reply) co_return all_failed(ids.size(), reply.error());
        co_return by_id(ids, reply->users(), "user");
      }),
      products_([this](std::span<const std::string> ids)
                    -> boost::asio::awaitable<std::vector<JsonLoader::Result>> {
        ecommerce::product::v1::GetProductsRequest request;
        for (const auto& id : ids) request.add_ids(id);
        auto* stub = upstreams_.products->async();
        auto pending = upstream::call<ecommerce::product::v1::GetProductsResponse>(
            {"product-service", "GetProducts"}, [stub](auto... a) { stub->GetProducts(a...); },
            std::move(request), options_);
        auto reply = co_await std::move(pending);
        if (!reply) co_return all_failed(ids.size(), reply.error());
        co_return by_id(ids, reply->products(), "product");
      }),
      orders_([this](std::span<const std::string> ids)
                  -> boost::asio::awaitable<std::vector<JsonLoader::Result>> {
        ecommerce::order::v1::GetOrdersRequest request;
        for (const auto& id : ids) request.add_ids(id);
        auto* stub = upstreams_.orders->async();
        auto pending = upstream::call<ecommerce::order::v1::GetOrdersResponse>(
            {"order-service", "GetOrders"}, [stub](auto... a) { stub->GetOrders(a...); },
            std::move(request), options_);
        auto reply = co_await std::move(pending);
        if (!reply) co_return all_failed(ids.size(), reply.error());
        co_return by_id(ids, reply->orders(), "order");
      }) {}

RequestScope& scope_of(const gql::ResolveInfo& info) {
  return *std::any_cast<std::shared_ptr<RequestScope>>(*info.context);
}

boost::system::result<std::string, FieldError> require_user(const auth::RequestContext& auth) {
  if (auth.user_id) return {boost::system::in_place_value, *auth.user_id};
  return FieldError{auth.auth_error ? "not authenticated: " + *auth.auth_error
                                    : "not authenticated: send Authorization: Bearer <token>",
                    "UNAUTHENTICATED"};
}

std::optional<FieldError> require_admin(const auth::RequestContext& auth) {
  if (auth.is_admin) return std::nullopt;
  return FieldError{"forbidden: this field needs the admin key (x-api-key)", "FORBIDDEN"};
}

std::optional<FieldError> require_self_or_admin(const auth::RequestContext& auth,
                                                std::string_view user_id) {
  if (auth.is_admin) return std::nullopt;
  auto user = require_user(auth);
  if (!user) return user.error();
  if (*user == user_id) return std::nullopt;
  return FieldError{"forbidden: this belongs to another user", "FORBIDDEN"};
}

std::string string_arg(const json::object& args, std::string_view name) {
  const auto* value = args.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool has_arg(const json::object& args, std::string_view name) {
  const auto* value = args.if_contains(name);
  return value != nullptr && !value->is_null();
}

ecommerce::common::v1::PageRequest page_arg(const json::object& args) {
  ecommerce::common::v1::PageRequest page;
  if (const auto* first = args.if_contains("first"); first != nullptr && first->is_int64()) {
    page.set_first(static_cast<std::int32_t>(first->get_int64()));
  }
  page.set_after(string_arg(args, "after"));
  return page;
}

std::optional<FieldError> check_first(const json::object& args) {
  const auto* first = args.if_contains("first");
  if (first == nullptr || !first->is_int64() || first->get_int64() >= 1) return std::nullopt;
  return FieldError{"first: must be between 1 and 100", "BAD_USER_INPUT"};
}

std::optional<FieldError> check_id(const json::object& args, std::string_view name) {
  if (core::is_uuid(string_arg(args, name))) return std::nullopt;
  return FieldError{std::string(name) + ": must be a UUID", "BAD_USER_INPUT"};
}

}  // namespace ecn::gateway::resolvers
