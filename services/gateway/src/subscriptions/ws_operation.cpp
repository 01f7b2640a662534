#include "subscriptions/ws_operation.hpp"

#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/validation/validate.hpp"

namespace ecn::gateway::subscriptions {
namespace {

namespace json = boost::json;
namespace gql = ecn::graphql;

json::array to_json(const std::vector<gql::Location>& locations) {
  json::array out;
  for (const auto& location : locations) {
    out.push_back(json::object{{"line", location.line}, {"column", location.column}});
  }
  return out;
}

}  // namespace

PreparedOperation prepare_operation(const graphql::execution::ExecutableSchema& schema,
                                    const graphql_http::EngineLimits& limits,
                                    std::string_view query) {
  auto parsed = gql::parse(query);
  if (!parsed) {
    const auto& error = parsed.error();
    return json::array{
        json::object{{"message", error.message},
                     {"locations", to_json({error.location})},
                     {"extensions", json::object{{"code", "GRAPHQL_PARSE_FAILED"}}}}};
  }
  auto document = std::make_shared<const gql::Document>(std::move(*parsed));
  gql::validation::ValidationOptions options;
  options.max_depth = limits.max_depth;
  options.max_fields = limits.max_fields;
  const auto invalid = gql::validation::validate(schema.schema(), *document, options);
  if (!invalid.empty()) {
    json::array errors;
    for (const auto& error : invalid) {
      errors.push_back(
          json::object{{"message", error.message},
                       {"locations", to_json(error.locations)},
                       {"extensions", json::object{{"code", "GRAPHQL_VALIDATION_FAILED"}}}});
    }
    return errors;
  }
  return std::shared_ptr<const gql::Document>(std::move(document));
}

}  // namespace ecn::gateway::subscriptions
