#include "graphql_http/prepared_documents.hpp"

#include "ecn/graphql/execution/document_cache.hpp"

namespace ecn::gateway::graphql_http {
namespace {

namespace json = boost::json;

json::array to_json(const std::vector<graphql::Location>& locations) {
  json::array out;
  for (const auto& location : locations) {
    out.push_back(json::object{{"line", location.line}, {"column", location.column}});
  }
  return out;
}

}  // namespace

std::unique_ptr<graphql::execution::DocumentCache> make_document_cache(const EngineLimits& limits) {
  graphql::execution::DocumentCacheOptions options;
  options.validation.max_depth = limits.max_depth;
  options.validation.max_fields = limits.max_fields;
  return std::make_unique<graphql::execution::DocumentCache>(options);
}

json::array document_errors(const std::vector<graphql::execution::DocumentError>& errors) {
  json::array out;
  for (const auto& error : errors) {
    // The cache words syntax errors the way graphql-js does: "Syntax Error: ...".
    const bool syntax = error.message.starts_with("Syntax Error");
    out.push_back(json::object{
        {"message", error.message},
        {"locations", to_json(error.locations)},
        {"extensions",
         json::object{{"code", syntax ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED"}}}});
  }
  return out;
}

}  // namespace ecn::gateway::graphql_http
