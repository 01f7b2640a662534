#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "auth/request_context.hpp"
#include "ecn/graphql/execution/data_loader.hpp"
#include "ecn/graphql/execution/resolver.hpp"
#include "upstream/grpc_call.hpp"
#include "upstream/upstreams.hpp"

namespace ecn::gateway::subscriptions {
class LiveNotifications;
}

namespace ecn::gateway::cache {
class ProductCache;
}

namespace ecn::gateway::resolvers {

// Loads objects by id, one batched upstream call per tick (GetUsers, GetProducts, GetOrders).
using JsonLoader = graphql::execution::DataLoader<std::string, boost::json::value>;

// Everything one GraphQL request's resolvers share: who asks, the upstream stubs, and the
// request's DataLoaders (their cache lives exactly as long as the request).
class RequestScope {
 public:
  RequestScope(const auth::RequestContext& auth, const upstream::Upstreams& upstreams);

  const auth::RequestContext& auth() const { return auth_; }
  const upstream::Upstreams& upstreams() const { return upstreams_; }
  const upstream::CallOptions& call_options() const { return options_; }

  JsonLoader& users() { return users_; }
  JsonLoader& products() { return products_; }
  JsonLoader& orders() { return orders_; }

  // Where Subscription.notificationAdded gets its events; null outside WebSocket connections.
  subscriptions::LiveNotifications* live_notifications() const { return live_; }
  void set_live_notifications(subscriptions::LiveNotifications* live) { live_ = live; }

  // The Redis cache of `product` / `products` reads; null when there is none.
  cache::ProductCache* product_cache() const { return product_cache_; }
  void set_product_cache(cache::ProductCache* cache) { product_cache_ = cache; }

 private:
  const auth::RequestContext& auth_;
  const upstream::Upstreams& upstreams_;
  upstream::CallOptions options_;
  JsonLoader users_;
  JsonLoader products_;
  JsonLoader orders_;
  subscriptions::LiveNotifications* live_ = nullptr;
  cache::ProductCache* product_cache_ = nullptr;
};

// The scope of the request `info` belongs to.
RequestScope& scope_of(const graphql::execution::ResolveInfo& info);

using graphql::execution::FieldError;
using graphql::execution::ResolverResult;

// The signed-in user's id, or UNAUTHENTICATED.
boost::system::result<std::string, FieldError> require_user(const auth::RequestContext& auth);
// Null when the admin key was presented, else FORBIDDEN.
std::optional<FieldError> require_admin(const auth::RequestContext& auth);
// Null when the request is `user_id` or admin; UNAUTHENTICATED without either, else FORBIDDEN.
std::optional<FieldError> require_self_or_admin(const auth::RequestContext& auth,
                                                std::string_view user_id);

// An argument or input field as a string ("" when absent or null).
std::string string_arg(const boost::json::object& args, std::string_view name);
// A present, non-null argument.
bool has_arg(const boost::json::object& args, std::string_view name);
// The page request of a connection field (`first`, `after`).
ecommerce::common::v1::PageRequest page_arg(const boost::json::object& args);
// BAD_USER_INPUT naming `first` when it is below 1: the services read 0 as "the default page
// size", which would answer `first: 0` with 20 items.
std::optional<FieldError> check_first(const boost::json::object& args);
// BAD_USER_INPUT naming the argument when it is not a UUID. Lookups through a DataLoader would
// otherwise report the batch's field (`ids[0]`), not the one the client wrote.
std::optional<FieldError> check_id(const boost::json::object& args, std::string_view name);

}  // namespace ecn::gateway::resolvers
