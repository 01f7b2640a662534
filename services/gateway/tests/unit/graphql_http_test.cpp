#include "graphql_http/graphql_http.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "ecn/core/uuid.hpp"
#include "http/http_server.hpp"

namespace ecn::gateway::graphql_http {
namespace {

namespace json = boost::json;
using http::HttpRequest;
using http::HttpResponse;

HttpRequest post(std::string body, std::string content_type = "application/json") {
  HttpRequest request;
  request.method = "POST";
  request.target = "/graphql";
  request.headers = {{"content-type", std::move(content_type)}};
  request.body = std::move(body);
  return request;
}

HttpRequest get(std::string target) {
  HttpRequest request;
  request.method = "GET";
  request.target = std::move(target);
  return request;
}

int refusal_status(const ParseOutcome& outcome) {
  const auto* response = std::get_if<HttpResponse>(&outcome);
  return response == nullptr ? 0 : response->status;
}

TEST(NegotiateTest, PicksTheMediaTypeFromAccept) {
  EXPECT_EQ(negotiate(""), MediaType::kJson);
  EXPECT_EQ(negotiate("*/*"), MediaType::kJson);
  EXPECT_EQ(negotiate("application/json"), MediaType::kJson);
  EXPECT_EQ(negotiate("application/graphql-response+json"), MediaType::kGraphqlResponseJson);
  EXPECT_EQ(negotiate("application/graphql-response+json, application/json;q=0.9"),
            MediaType::kGraphqlResponseJson);
  EXPECT_EQ(negotiate("application/graphql-response+json;q=0.5, application/json"),
            MediaType::kJson);
  EXPECT_EQ(negotiate("application/json, application/graphql-response+json"),
            MediaType::kGraphqlResponseJson);
  EXPECT_EQ(negotiate("text/html,application/xhtml+xml,*/*;q=0.8"), MediaType::kJson);
  EXPECT_EQ(negotiate("text/html"), std::nullopt);
  EXPECT_EQ(negotiate("application/json;q=0"), std::nullopt);
  EXPECT_EQ(negotiate("application/xml, text/plain"), std::nullopt);
}

TEST(NegotiateTest, RecognisesBrowsers) {
  EXPECT_TRUE(wants_html("text/html,application/xhtml+xml,*/*;q=0.8"));
  EXPECT_FALSE(wants_html("application/json"));
  EXPECT_FALSE(wants_html("text/html;q=0"));
}

TEST(ParsePostTest, ReadsEveryParameter) {
  const auto outcome = parse_post(
      post(
          R"({"query":"{ health }","operationName":"Op","variables":{"a":1},"extensions":{"x":true}})",
          "application/json; charset=UTF-8"),
      MediaType::kJson);
  const auto* request = std::get_if<GraphqlRequest>(&outcome);
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(request->query, "{ health }");
  EXPECT_EQ(request->operation_name, "Op");
  EXPECT_EQ(request->variables.at("a").as_int64(), 1);
  EXPECT_TRUE(request->extensions.at("x").as_bool());
  EXPECT_FALSE(request->read_only);
}

TEST(ParsePostTest, AllowsNullOptionalParameters) {
  const auto outcome = parse_post(
      post(R"({"query":"{ health }","operationName":null,"variables":null,"extensions":null})"),
      MediaType::kJson);
  const auto* request = std::get_if<GraphqlRequest>(&outcome);
  ASSERT_NE(request, nullptr);
  EXPECT_FALSE(request->operation_name);
  EXPECT_TRUE(request->variables.empty());
}

TEST(ParsePostTest, RefusesMalformedRequests) {
  EXPECT_EQ(refusal_status(parse_post(post("{not json"), MediaType::kJson)), 400);
  EXPECT_EQ(refusal_status(parse_post(post(""), MediaType::kJson)), 400);
  EXPECT_EQ(refusal_status(parse_post(post("[1]"), MediaType::kJson)), 400);
  EXPECT_EQ(refusal_status(parse_post(post(R"({"notquery":"{ a }"})"), MediaType::kJson)), 400);
  for (const char* bad : {R"({"query":1})", R"({"query":{"obj":"ect"}})", R"({"query":false})",
                          R"({"query":["array"]})"}) {
    EXPECT_EQ(refusal_status(parse_post(post(bad), MediaType::kJson)), 400) << bad;
  }
  EXPECT_EQ(
      refusal_status(parse_post(post(R"({"query":"{ a }","variables":"x"})"), MediaType::kJson)),
      400);
  EXPECT_EQ(
      refusal_status(parse_post(post(R"({"query":"{ a }","operationName":3})"), MediaType::kJson)),
      400);
  EXPECT_EQ(
      refusal_status(parse_post(post(R"({"query":"{ a }","extensions":[1]})"), MediaType::kJson)),
      400);
}

TEST(ParsePostTest, RefusesOtherMediaTypesWith415) {
  EXPECT_EQ(refusal_status(parse_post(post(R"({"query":"{a}"})", "text/plain"), MediaType::kJson)),
            415);
  EXPECT_EQ(refusal_status(parse_post(post(R"({"query":"{a}"})", ""), MediaType::kJson)), 415);
  EXPECT_EQ(refusal_status(parse_post(
                post(R"({"query":"{a}"})", "application/json; charset=latin1"), MediaType::kJson)),
            415);
  const auto refused =
      parse_post(post("{}", "application/graphql"), MediaType::kGraphqlResponseJson);
  EXPECT_EQ(std::get<HttpResponse>(refused).header("content-type"),
            "application/graphql-response+json; charset=utf-8");
}

TEST(ParseGetTest, ReadsUrlEncodedParameters) {
  const auto outcome =
      parse_get(get("/graphql?query=query%20Q(%24a%3A%20Int)%20%7B%20health%20%7D&operationName=Q"
                    "&variables=%7B%22a%22%3A2%7D"),
                MediaType::kJson);
  const auto* request = std::get_if<GraphqlRequest>(&outcome);
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(request->query, "query Q($a: Int) { health }");
  EXPECT_EQ(request->operation_name, "Q");
  EXPECT_EQ(request->variables.at("a").as_int64(), 2);
  EXPECT_TRUE(request->read_only);
}

TEST(ParseGetTest, RefusesMissingQueryAndBadVariables) {
  EXPECT_EQ(refusal_status(parse_get(get("/graphql"), MediaType::kJson)), 400);
  EXPECT_EQ(
      refusal_status(parse_get(get("/graphql?query=%7Ba%7D&variables=%5B1%5D"), MediaType::kJson)),
      400);
  EXPECT_EQ(
      refusal_status(parse_get(get("/graphql?query=%7Ba%7D&variables=nope"), MediaType::kJson)),
      400);
}

TEST(ToHttpResponseTest, UsesTheSpecsStatusCodes) {
  const GraphqlOutcome executed{GraphqlOutcome::Kind::kExecuted,
                                json::parse(R"({"data":{"health":"ok"}})").as_object()};
  const GraphqlOutcome failed_early{GraphqlOutcome::Kind::kExecuted,
                                    json::parse(R"({"errors":[{"message":"x"}]})").as_object()};
  const GraphqlOutcome invalid{GraphqlOutcome::Kind::kRequestError,
                               json::parse(R"({"errors":[{"message":"x"}]})").as_object()};
  const GraphqlOutcome mutation_over_get{GraphqlOutcome::Kind::kMethodNotAllowed, {}};

  EXPECT_EQ(to_http_response(executed, MediaType::kGraphqlResponseJson).status, 200);
  EXPECT_EQ(to_http_response(failed_early, MediaType::kGraphqlResponseJson).status, 400);
  EXPECT_EQ(to_http_response(failed_early, MediaType::kJson).status, 200);
  EXPECT_EQ(to_http_response(invalid, MediaType::kGraphqlResponseJson).status, 400);
  EXPECT_EQ(to_http_response(invalid, MediaType::kJson).status, 200);
  const auto refused = to_http_response(mutation_over_get, MediaType::kJson);
  EXPECT_EQ(refused.status, 405);
  EXPECT_EQ(refused.header("allow"), "POST");
  EXPECT_EQ(to_http_response(executed, MediaType::kJson).header("content-type"),
            "application/json; charset=utf-8");
  EXPECT_EQ(to_http_response(executed, MediaType::kJson).body, R"({"data":{"health":"ok"}})");
}

TEST(RequestIdTest, HonoursSafeIdsAndReplacesOthers) {
  EXPECT_EQ(http::choose_request_id("abc-123_x.y:z"), "abc-123_x.y:z");
  EXPECT_TRUE(core::is_uuid(http::choose_request_id("")));
  EXPECT_TRUE(core::is_uuid(http::choose_request_id("bad id\n{json}")));
  EXPECT_TRUE(core::is_uuid(http::choose_request_id(std::string(200, 'a'))));
}

}  // namespace
}  // namespace ecn::gateway::graphql_http
