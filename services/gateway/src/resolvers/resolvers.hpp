#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "ecn/graphql/execution/resolver.hpp"
#include "resolvers/request_scope.hpp"

// The gateway's resolvers, one registration function per upstream service.
namespace ecn::gateway::resolvers {

void register_user_resolvers(graphql::execution::ResolverMap& map);
void register_product_resolvers(graphql::execution::ResolverMap& map);
void register_order_resolvers(graphql::execution::ResolverMap& map);
void register_notification_resolvers(graphql::execution::ResolverMap& map);
void register_promotion_resolvers(graphql::execution::ResolverMap& map);
void register_subscription_resolvers(graphql::execution::ResolverMap& map);

// Connection fields shared by Query and User (authorization is the caller's).
// Arguments by reference: callers await at once, and GCC 12 double-destroys by-value
// temporaries of a co_await full-expression.
boost::asio::awaitable<ResolverResult> list_orders(RequestScope& scope, const std::string& user_id,
                                                   const boost::json::object& args);
boost::asio::awaitable<ResolverResult> list_notifications(RequestScope& scope,
                                                          const std::string& user_id,
                                                          const boost::json::object& args);
boost::asio::awaitable<ResolverResult> unread_count(RequestScope& scope,
                                                    const std::string& user_id);

// A loader's answer for a nullable field: NOT_FOUND becomes null, other errors stay.
ResolverResult null_if_not_found(JsonLoader::Result result);

}  // namespace ecn::gateway::resolvers
