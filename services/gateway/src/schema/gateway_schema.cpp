#include "schema/gateway_schema.hpp"

#include <algorithm>
#include <stdexcept>

#include "ecn/graphql/execution/scalars.hpp"
#include "ecn/graphql/schema.hpp"
#include "gateway_schema_sdl.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::schema {
namespace {

namespace gql = graphql::execution;

std::shared_ptr<const graphql::Schema> build(std::string_view sdl) {
  auto schema = graphql::build_schema(sdl);
  if (!schema) throw std::logic_error("schema.graphql: " + schema.error().front().message);
  return std::move(*schema);
}

}  // namespace

gql::ResolverMap gateway_resolvers() {
  gql::ResolverMap map;
  map.scalar("DateTime", gql::date_time_scalar());
  map.scalar("JSON", gql::json_scalar());
  resolvers::register_user_resolvers(map);
  resolvers::register_product_resolvers(map);
  resolvers::register_order_resolvers(map);
  resolvers::register_notification_resolvers(map);
  resolvers::register_promotion_resolvers(map);
  resolvers::register_subscription_resolvers(map);
  return map;
}

std::string_view embedded_sdl() {
  return generated::kSchemaSdl;
}

const std::vector<std::string>& deferred_fields() {
  static const std::vector<std::string> fields;
  return fields;
}

std::vector<std::string> resolver_problems(std::string_view sdl,
                                           const gql::ResolverMap& resolvers) {
  const auto check = gql::check_resolvers(*build(sdl), resolvers);
  std::vector<std::string> problems;
  for (const auto& coordinate : check.unknown_coordinates) {
    problems.push_back("resolver for unknown field " + coordinate);
  }
  for (const auto& coordinate : check.missing_resolvers) {
    const auto& deferred = deferred_fields();
    if (std::find(deferred.begin(), deferred.end(), coordinate) != deferred.end()) continue;
    problems.push_back("no resolver for " + coordinate);
  }
  return problems;
}

std::shared_ptr<const gql::ExecutableSchema> make_gateway_schema() {
  auto resolvers = gateway_resolvers();
  if (const auto problems = resolver_problems(embedded_sdl(), resolvers); !problems.empty()) {
    std::string message = "schema.graphql and the resolvers disagree:";
    for (const auto& problem : problems) message += "\n  " + problem;
    throw std::logic_error(message);
  }
  return std::make_shared<const gql::ExecutableSchema>(build(embedded_sdl()), std::move(resolvers));
}

}  // namespace ecn::gateway::schema
