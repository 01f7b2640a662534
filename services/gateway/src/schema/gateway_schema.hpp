#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/graphql/execution/executable_schema.hpp"

namespace ecn::gateway::schema {

// schema.graphql, embedded in the binary at build time so it runs from any directory.
std::string_view embedded_sdl();

// Fields deliberately left without a resolver for now (check_resolvers tolerates them); none
// since Subscription.notificationAdded has its resolver.
const std::vector<std::string>& deferred_fields();

// Every resolver and custom scalar of the gateway, bound by schema coordinate.
graphql::execution::ResolverMap gateway_resolvers();

// The problems check_resolvers finds in `resolvers` for `sdl`, minus deferred_fields(); empty
// when the gateway may start.
std::vector<std::string> resolver_problems(std::string_view sdl,
                                           const graphql::execution::ResolverMap& resolvers);

// The gateway's executable schema: embedded_sdl() with every resolver bound. Throws, listing
// every field left without a resolver, when resolver_problems() is not empty.
std::shared_ptr<const graphql::execution::ExecutableSchema> make_gateway_schema();

}  // namespace ecn::gateway::schema
