// The gateway's HTTP front door over a real loopback socket, in-process: router, engine and
// server as main wires them, with small limits so every refusal is cheap to provoke.
#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <regex>

#include "app/gateway_metrics.hpp"
#include "app/gateway_router.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/testing/environment.hpp"
#include "graphql_http/engine_handler.hpp"
#include "http/http_server.hpp"
#include "http_client.hpp"

#ifndef ECN_NODE_MODULES
#define ECN_NODE_MODULES ""
#endif

namespace ecn::gateway {
namespace {

using namespace std::chrono_literals;
using testing::HttpConnection;
namespace json = boost::json;

const std::string kQueryBody = R"({"query":"{ health }"})";
const std::map<std::string, std::string> kJsonPost = {{"content-type", "application/json"}};

// The engine, except that a query mentioning `slowField` waits far longer than the request
// timeout, to show the timeout.
class SlowableHandler : public graphql_http::GraphqlHandler {
 public:
  boost::asio::awaitable<graphql_http::GraphqlOutcome> handle(
      graphql_http::GraphqlRequest request, auth::RequestContext& context) override {
    if (request.query.find("slowField") != std::string::npos) {
      boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, 30s);
      co_await timer.async_wait(boost::asio::use_awaitable);
    }
    co_return co_await engine_.handle(std::move(request), context);
  }

 private:
  graphql_http::EngineGraphqlHandler engine_{graphql_http::make_health_schema()};
};

class GatewayHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http::HttpServerOptions options;
    options.address = {"127.0.0.1", 0};
    options.max_body_bytes = 4096;
    options.max_header_bytes = 2048;
    options.request_timeout = 300ms;
    server_ = std::make_unique<http::HttpServer>(
        options, [this](const http::HttpRequest& request) { return router_.handle(request); },
        metrics_.hooks());
    server_->start();
  }

  std::uint16_t port() const { return server_->port(); }

  auth::Authenticator authenticator_{
      auth::JwtVerifier("0123456789abcdef0123456789abcdef", "ecommerce-user-service"),
      auth::AdminKey("admin-key")};
  SlowableHandler graphql_;
  graphiql::GraphiqlAssets graphiql_{ECN_NODE_MODULES};
  app::GatewayRouter router_{graphql_, authenticator_,
                             http::CorsPolicy::parse("https://shop.example"), &graphiql_};
  ops::MetricsRegistry registry_;
  app::GatewayMetrics metrics_{registry_};
  std::unique_ptr<http::HttpServer> server_;
};

TEST_F(GatewayHttpTest, ServesTwoRequestsOnOneKeepAliveConnection) {
  HttpConnection connection(port());
  const auto first = connection.request("POST", "/graphql", kJsonPost, kQueryBody);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, R"({"data":{"health":"ok"}})");
  EXPECT_EQ(first.header("content-type"), "application/json; charset=utf-8");
  EXPECT_TRUE(first.keep_alive);
  const auto second = connection.request("GET", "/graphql?query=%7B%20health%20%7D");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, R"({"data":{"health":"ok"}})");
  // Counted just after the response is written, so the client may see it first.
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] {
        return registry_.render().find("gateway_http_requests_total{status=\"200\"} 2") !=
               std::string::npos;
      },
      5s))
      << registry_.render();
  const auto metrics = registry_.render();
  EXPECT_NE(metrics.find("gateway_http_open_connections 1"), std::string::npos) << metrics;
}

TEST_F(GatewayHttpTest, AnswersGraphqlResponseJsonWhenAccepted) {
  HttpConnection connection(port());
  auto headers = kJsonPost;
  headers["accept"] = "application/graphql-response+json";
  const auto ok = connection.request("POST", "/graphql", headers, kQueryBody);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.header("content-type"), "application/graphql-response+json; charset=utf-8");
  const auto invalid = connection.request("POST", "/graphql", headers, R"({"query":"{ nope }"})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_FALSE(json::parse(invalid.body).as_object().contains("data"));
  headers["accept"] = "application/json";
  EXPECT_EQ(connection.request("POST", "/graphql", headers, R"({"query":"{ nope }"})").status, 200);
}

TEST_F(GatewayHttpTest, SelectsTheOperationByName) {
  HttpConnection connection(port());
  const auto response = connection.request(
      "POST", "/graphql", kJsonPost,
      R"({"query":"query A { a: health } query B { b: health }","operationName":"B"})");
  EXPECT_EQ(response.body, R"({"data":{"b":"ok"}})");
}

TEST_F(GatewayHttpTest, RefusesABodyOverTheLimitWith413) {
  HttpConnection connection(port());
  const std::string padding(8000, ' ');
  const auto response =
      connection.request("POST", "/graphql", kJsonPost, R"({"query":"{ health }")" + padding + "}");
  EXPECT_EQ(response.status, 413);
  EXPECT_FALSE(response.keep_alive);
}

TEST_F(GatewayHttpTest, RefusesOversizedHeadersWith431) {
  HttpConnection connection(port());
  const auto response =
      connection.request("GET", "/graphql?query=%7Bhealth%7D", {{"x-big", std::string(4000, 'a')}});
  EXPECT_EQ(response.status, 431);
}

TEST_F(GatewayHttpTest, RefusesGarbageWith400) {
  HttpConnection connection(port());
  EXPECT_EQ(connection.raw("BLAH\x01 / HTTP/1.1\r\n\r\n").status, 400);
}

TEST_F(GatewayHttpTest, RefusesAMutationOverGetWith405) {
  HttpConnection connection(port());
  const auto response = connection.request("GET", "/graphql?query=mutation%20%7B%20health%20%7D",
                                           {{"accept", "application/graphql-response+json"}});
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "POST");
}

TEST_F(GatewayHttpTest, RefusesOtherContentTypesWith415) {
  HttpConnection connection(port());
  EXPECT_EQ(
      connection.request("POST", "/graphql", {{"content-type", "text/plain"}}, kQueryBody).status,
      415);
}

TEST_F(GatewayHttpTest, RefusesWhenNothingAcceptableWith406) {
  HttpConnection connection(port());
  auto headers = kJsonPost;
  headers["accept"] = "application/xml";
  EXPECT_EQ(connection.request("POST", "/graphql", headers, kQueryBody).status, 406);
}

TEST_F(GatewayHttpTest, RefusesBadJsonAndMissingQueryWith400) {
  HttpConnection connection(port());
  EXPECT_EQ(connection.request("POST", "/graphql", kJsonPost, "{oops").status, 400);
  EXPECT_EQ(connection.request("POST", "/graphql", kJsonPost, R"({"variables":{}})").status, 400);
  EXPECT_EQ(
      connection
          .request("POST", "/graphql", kJsonPost, R"({"query":"{ health }","variables":"nope"})")
          .status,
      400);
}

TEST_F(GatewayHttpTest, ServesGraphiqlWithAssetsResolvingLocally) {
  HttpConnection connection(port());
  const auto page = connection.request("GET", "/graphql",
                                       {{"accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  const std::regex reference(R"re((?:src|href)="([^"]+)")re");
  int assets = 0;
  for (std::sregex_iterator it(page.body.begin(), page.body.end(), reference), end; it != end;
       ++it) {
    const std::string url = (*it)[1];
    if (url == "data:,") continue;  // the empty icon: no request for /favicon.ico
    ASSERT_TRUE(url.starts_with("/graphiql/")) << "non-local reference " << url;
    const auto asset = connection.request("GET", url);
    EXPECT_EQ(asset.status, 200) << url;
    EXPECT_FALSE(asset.body.empty()) << url;
    EXPECT_EQ(asset.header("cache-control"), "public, max-age=86400") << url;
    const auto expected =
        url.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    EXPECT_EQ(asset.header("content-type"), expected) << url;
    EXPECT_EQ(connection.request("GET", url, {{"if-none-match", asset.header("etag")}}).status,
              304);
    ++assets;
  }
  EXPECT_EQ(assets, 5);  // css, react, react-dom, graphiql, init
  EXPECT_EQ(connection.request("GET", "/graphiql/nope.js").status, 404);
}

TEST_F(GatewayHttpTest, AnswersCorsPreflightAndDecoratesResponses) {
  HttpConnection connection(port());
  const auto preflight = connection.request("OPTIONS", "/graphql",
                                            {{"origin", "https://shop.example"},
                                             {"access-control-request-method", "POST"},
                                             {"access-control-request-headers", "content-type"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "https://shop.example");
  EXPECT_NE(preflight.header("access-control-allow-methods").find("POST"), std::string::npos);
  auto headers = kJsonPost;
  headers["origin"] = "https://shop.example";
  EXPECT_EQ(connection.request("POST", "/graphql", headers, kQueryBody)
                .header("access-control-allow-origin"),
            "https://shop.example");
  headers["origin"] = "https://evil.example";
  EXPECT_EQ(connection.request("POST", "/graphql", headers, kQueryBody)
                .header("access-control-allow-origin"),
            "");
}

TEST_F(GatewayHttpTest, EchoesOrAssignsTheRequestId) {
  HttpConnection connection(port());
  auto headers = kJsonPost;
  headers["x-request-id"] = "req-abc-123";
  EXPECT_EQ(connection.request("POST", "/graphql", headers, kQueryBody).header("x-request-id"),
            "req-abc-123");
  EXPECT_TRUE(core::is_uuid(
      connection.request("POST", "/graphql", kJsonPost, kQueryBody).header("x-request-id")));
}

TEST_F(GatewayHttpTest, TimesOutASlowRequestWith504) {
  HttpConnection connection(port());
  const auto started = std::chrono::steady_clock::now();
  const auto response =
      connection.request("POST", "/graphql", kJsonPost, R"({"query":"{ slowField }"})");
  EXPECT_EQ(response.status, 504);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  // The connection still serves the next request.
  EXPECT_EQ(connection.request("POST", "/graphql", kJsonPost, kQueryBody).status, 200);
}

TEST_F(GatewayHttpTest, UnknownPathsAre404) {
  HttpConnection connection(port());
  EXPECT_EQ(connection.request("GET", "/nope").status, 404);
  EXPECT_EQ(connection.request("DELETE", "/graphql").status, 405);
}

}  // namespace
}  // namespace ecn::gateway
