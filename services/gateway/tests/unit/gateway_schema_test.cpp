#include "schema/gateway_schema.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ecn/graphql/execution/resolver.hpp"

namespace {

namespace gql = ecn::graphql::execution;
using ecn::gateway::schema::embedded_sdl;
using ecn::gateway::schema::gateway_resolvers;
using ecn::gateway::schema::resolver_problems;

TEST(GatewaySchema, EmbedsTheWholeSchemaFile) {
  const auto sdl = embedded_sdl();
  EXPECT_NE(sdl.find("type Query {"), std::string_view::npos);
  EXPECT_NE(sdl.find("type NotificationConnection"), std::string_view::npos);
  EXPECT_NE(sdl.find("sendPromotion(input: PromotionInput!): PromotionCampaign!"),
            std::string_view::npos);
}

TEST(GatewaySchema, EveryFieldThatNeedsAResolverHasOneExceptTheDeferredSubscription) {
  EXPECT_TRUE(resolver_problems(embedded_sdl(), gateway_resolvers()).empty());
  EXPECT_NO_THROW(ecn::gateway::schema::make_gateway_schema());
}

TEST(GatewaySchema, ListsEveryFieldLeftWithoutAResolver) {
  gql::ResolverMap partial;
  partial.on("Query.me", [](const gql::ResolveInfo&) {
    return gql::ResolverResult(boost::json::value(nullptr));
  });
  partial.on("Query.nothing", [](const gql::ResolveInfo&) {
    return gql::ResolverResult(boost::json::value(nullptr));
  });
  const auto problems = resolver_problems(embedded_sdl(), partial);
  auto mentions = [&](const std::string& text) {
    for (const auto& problem : problems) {
      if (problem == text) return true;
    }
    return false;
  };
  EXPECT_TRUE(mentions("no resolver for Query.products"));
  EXPECT_TRUE(mentions("no resolver for Mutation.createOrder"));
  EXPECT_TRUE(mentions("no resolver for User.orders"));
  EXPECT_TRUE(mentions("resolver for unknown field Query.nothing"));
  EXPECT_FALSE(mentions("no resolver for Query.me"));
  EXPECT_TRUE(mentions("no resolver for Subscription.notificationAdded"));  // none deferred
}

}  // namespace
