#include "subscriptions/ws_operation.hpp"

#include "ecn/graphql/execution/document_cache.hpp"
#include "ecn/graphql/execution/executable_schema.hpp"
#include "graphql_http/prepared_documents.hpp"

namespace ecn::gateway::subscriptions {

PreparedOperation prepare_operation(const graphql::execution::ExecutableSchema& schema,
                                    graphql::execution::DocumentCache& documents,
                                    std::string_view query) {
  auto prepared = documents.get(schema.shared_schema(), query);
  if (!prepared.ok()) return graphql_http::document_errors(*prepared.errors);
  return std::move(prepared.document);
}

}  // namespace ecn::gateway::subscriptions
