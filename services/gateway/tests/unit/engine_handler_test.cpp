#include "graphql_http/engine_handler.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

namespace ecn::gateway::graphql_http {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

GraphqlOutcome run(GraphqlHandler& handler, GraphqlRequest request) {
  asio::io_context io;
  auth::RequestContext context;
  std::optional<GraphqlOutcome> out;
  asio::co_spawn(io, handler.handle(std::move(request), context),
                 [&](std::exception_ptr error, GraphqlOutcome outcome) {
                   if (error) std::rethrow_exception(error);
                   out = std::move(outcome);
                 });
  io.run();
  return std::move(out.value());
}

GraphqlRequest request(std::string query, bool read_only = false,
                       std::optional<std::string> operation = std::nullopt) {
  GraphqlRequest out;
  out.query = std::move(query);
  out.read_only = read_only;
  out.operation_name = std::move(operation);
  return out;
}

class EngineHandlerTest : public ::testing::Test {
 protected:
  EngineGraphqlHandler handler_{make_health_schema(), EngineLimits{3, 10}};
};

TEST_F(EngineHandlerTest, ExecutesTheHealthQuery) {
  const auto outcome = run(handler_, request("{ health }"));
  EXPECT_EQ(outcome.kind, GraphqlOutcome::Kind::kExecuted);
  EXPECT_EQ(json::serialize(outcome.json()), R"({"data":{"health":"ok"}})");
}

TEST_F(EngineHandlerTest, SelectsTheNamedOperation) {
  const auto outcome = run(
      handler_, request("query A { a: health } query B { b: health }", false, std::string("B")));
  EXPECT_EQ(json::serialize(outcome.json()), R"({"data":{"b":"ok"}})");
  const auto ambiguous = run(handler_, request("query A { health } query B { health }"));
  EXPECT_EQ(ambiguous.kind, GraphqlOutcome::Kind::kExecuted);
  EXPECT_FALSE(ambiguous.json().contains("data"));
}

TEST_F(EngineHandlerTest, ReportsSyntaxErrorsAsRequestErrors) {
  const auto outcome = run(handler_, request("{ health"));
  EXPECT_EQ(outcome.kind, GraphqlOutcome::Kind::kRequestError);
  const auto& error = outcome.json().at("errors").as_array().at(0).as_object();
  EXPECT_NE(error.at("message").as_string().find("Syntax Error"), json::string::npos);
  EXPECT_EQ(error.at("locations").as_array().at(0).at("line").to_number<int>(), 1);
}

TEST_F(EngineHandlerTest, ReportsValidationErrorsAsRequestErrors) {
  const auto outcome = run(handler_, request("{ nope }"));
  EXPECT_EQ(outcome.kind, GraphqlOutcome::Kind::kRequestError);
  EXPECT_EQ(outcome.json().at("errors").as_array().at(0).at("message").as_string(),
            "Cannot query field \"nope\" on type \"Query\".");
}

TEST_F(EngineHandlerTest, AppliesTheFieldLimit) {
  std::string query = "{";
  for (int i = 0; i < 11; ++i) query += " f" + std::to_string(i) + ": health";
  const auto outcome = run(handler_, request(query + " }"));
  EXPECT_EQ(outcome.kind, GraphqlOutcome::Kind::kRequestError);
}

TEST_F(EngineHandlerTest, RefusesMutationsOverGetButRunsQueries) {
  EXPECT_EQ(run(handler_, request("mutation { health }", true)).kind,
            GraphqlOutcome::Kind::kMethodNotAllowed);
  EXPECT_EQ(
      run(handler_, request("query Q { health } mutation M { health }", true, std::string("M")))
          .kind,
      GraphqlOutcome::Kind::kMethodNotAllowed);
  // Selecting the query of a document that also holds a mutation is fine over GET.
  EXPECT_EQ(json::serialize(run(handler_, request("query Q { health } mutation M { health }", true,
                                                  std::string("Q")))
                                .json()),
            R"({"data":{"health":"ok"}})");
  EXPECT_EQ(run(handler_, request("{ health }", true)).kind, GraphqlOutcome::Kind::kExecuted);
}

}  // namespace
}  // namespace ecn::gateway::graphql_http
