#include "http/cors.hpp"

#include <gtest/gtest.h>

namespace ecn::gateway::http {
namespace {

HttpRequest preflight_from(std::string origin) {
  HttpRequest request;
  request.method = "OPTIONS";
  request.target = "/graphql";
  request.headers = {{"origin", std::move(origin)},
                     {"access-control-request-method", "POST"},
                     {"access-control-request-headers", "content-type, authorization"}};
  return request;
}

TEST(CorsPolicyTest, AnswersPreflightForAnAllowedOrigin) {
  const auto cors = CorsPolicy::parse(" https://shop.example , http://localhost:5173");
  ASSERT_TRUE(CorsPolicy::is_preflight(preflight_from("https://shop.example")));
  const auto response = cors.preflight(preflight_from("http://localhost:5173"));
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.header("access-control-allow-origin"), "http://localhost:5173");
  EXPECT_NE(response.header("access-control-allow-methods").find("POST"), std::string::npos);
  EXPECT_NE(response.header("access-control-allow-headers").find("authorization"),
            std::string::npos);
  EXPECT_EQ(response.header("vary"), "Origin");
}

TEST(CorsPolicyTest, RefusesOtherOrigins) {
  const auto cors = CorsPolicy::parse("https://shop.example");
  EXPECT_EQ(cors.preflight(preflight_from("https://evil.example")).status, 403);
  HttpRequest request;
  request.headers = {{"origin", "https://evil.example"}};
  HttpResponse response;
  cors.decorate(request, response);
  EXPECT_TRUE(response.header("access-control-allow-origin").empty());
  EXPECT_EQ(CorsPolicy().preflight(preflight_from("https://shop.example")).status, 403);
}

TEST(CorsPolicyTest, WildcardAllowsAnyOriginAndEchoesIt) {
  const auto cors = CorsPolicy::parse("*");
  HttpRequest request;
  request.headers = {{"origin", "https://any.example"}};
  HttpResponse response;
  cors.decorate(request, response);
  EXPECT_EQ(response.header("access-control-allow-origin"), "https://any.example");
  EXPECT_EQ(response.header("access-control-expose-headers"), "x-request-id");
}

TEST(CorsPolicyTest, PlainOptionsIsNoPreflight) {
  HttpRequest request;
  request.method = "OPTIONS";
  EXPECT_FALSE(CorsPolicy::is_preflight(request));
}

}  // namespace
}  // namespace ecn::gateway::http
