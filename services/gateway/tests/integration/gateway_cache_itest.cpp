// The product cache, rate limits, /readyz and /metrics of the real gateway binary over the real
// stack (test Redis and Kafka). Each gateway gets key prefixes and an events topic of its own,
// so parallel tests sharing Redis and Kafka never see each other's entries or buckets.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <regex>
#include <set>
#include <string>

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "gateway_stack.hpp"
#include "redis_test_support.hpp"

namespace {

namespace json = boost::json;
using namespace ecn::gateway::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The value of one series on a /metrics page (0 when absent).
double metric(std::uint16_t ops_port, const std::string& series) {
  const auto page = ecn::testing::http_get(ops_port, "/metrics").body;
  const auto at = page.find("\n" + series + " ");
  if (at == std::string::npos) return 0;
  return std::stod(page.substr(at + series.size() + 2));
}

class GatewayCache : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = std::make_unique<ServiceStack>();
    if (!stack_->started()) return;
    events_topic_ =
        std::make_unique<std::string>(ecn::testing::unique_name("gateway_product_events"));
    const std::vector<ecn::kafka::TopicSpec> topics{{.name = *events_topic_, .partitions = 2}};
    ecn::kafka::ensure_topics(ecn::testing::kafka_brokers(), topics);
    gateway_ = std::make_unique<RunningGateway>(stack_->start_gateway(cache_settings()));
  }
  static void TearDownTestSuite() {
    gateway_.reset();
    stack_.reset();
    events_topic_.reset();
  }

  // A gateway with Redis and Kafka, private key prefixes and events topic, no rate limits.
  static std::map<std::string, std::string> cache_settings() {
    return {{"REDIS_URL", ecn::testing::redis_url()},
            {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
            {"PRODUCT_EVENTS_TOPIC", *events_topic_},
            {"PRODUCT_CACHE_KEY_PREFIX", ecn::testing::unique_name("cache")},
            {"RATE_LIMIT_KEY_PREFIX", ecn::testing::unique_name("ratelimit")},
            {"RATE_LIMIT_ENABLED", "false"},
            {"PRODUCT_CACHE_TTL_SECONDS", "300"},
            // Redis itself is what these tests watch; the in-memory copy has its own test.
            {"PRODUCT_CACHE_LOCAL_TTL_MS", "0"}};
  }

  void SetUp() override {
    ASSERT_TRUE(stack_->started()) << stack_->logs();
    ASSERT_TRUE(gateway_->started) << gateway_->process->stderr_text();
    client_ = std::make_unique<GraphqlClient>(gateway_->http_port);
  }

  std::string add_product(GraphqlClient& client, const std::string& name,
                          const std::string& category) {
    auto added =
        client.graphql("mutation($input: AddProductInput!) { addProduct(input: $input) { id } }",
                       {{"input", {{"name", name}, {"price", "2.00"}, {"category", category}}}}, "",
                       kStackAdminKey);
    EXPECT_FALSE(added.contains("errors")) << json::serialize(added);
    return std::string(added.at("data").at("addProduct").at("id").as_string());
  }

  // The names `products(category:)` lists, newest first.
  std::vector<std::string> names_in(GraphqlClient& client, const std::string& category) {
    auto listed = client.graphql("query($c: String) { products(category: $c) { nodes { name } } }",
                                 {{"c", category}});
    EXPECT_FALSE(listed.contains("errors")) << json::serialize(listed);
    std::vector<std::string> names;
    for (const auto& node : listed.at("data").at("products").at("nodes").as_array()) {
      names.emplace_back(node.at("name").as_string());
    }
    return names;
  }

  long list_calls() { return rpc_calls(stack_->products().ops_port, "ListProducts"); }
  long get_calls() { return rpc_calls(stack_->products().ops_port, "GetProducts"); }

  // Shared by the suite's tests (one stack start); SetUpTestSuite/TearDownTestSuite own them.
  static std::unique_ptr<ServiceStack> stack_;
  static std::unique_ptr<RunningGateway> gateway_;
  static std::unique_ptr<std::string> events_topic_;
  std::unique_ptr<GraphqlClient> client_;
};

std::unique_ptr<ServiceStack> GatewayCache::stack_;
std::unique_ptr<RunningGateway> GatewayCache::gateway_;
std::unique_ptr<std::string> GatewayCache::events_topic_;

TEST_F(GatewayCache, ServesRepeatedReadsFromRedisUntilAddProductInvalidates) {
  const auto category = ecn::testing::unique_name("cups");
  const auto id = add_product(*client_, "Cup", category);
  const auto hits_before =
      metric(gateway_->ops_port, "gateway_product_cache_requests_total{result=\"hit\"}");

  const auto lists0 = list_calls();
  EXPECT_EQ(names_in(*client_, category), std::vector<std::string>{"Cup"});
  EXPECT_EQ(list_calls(), lists0 + 1);  // a miss asks product-service
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(names_in(*client_, category), std::vector<std::string>{"Cup"});
  }
  EXPECT_EQ(list_calls(), lists0 + 1);  // hits do not

  const auto gets0 = get_calls();
  for (int i = 0; i < 3; ++i) {
    auto one = client_->graphql("query($id: ID!) { product(id: $id) { name price { amount } } }",
                                {{"id", id}});
    ASSERT_FALSE(one.contains("errors")) << json::serialize(one);
    EXPECT_EQ(one.at("data").at("product").at("price").at("amount").as_string(), "2.00");
  }
  EXPECT_EQ(get_calls(), gets0 + 1);
  EXPECT_GE(metric(gateway_->ops_port, "gateway_product_cache_requests_total{result=\"hit\"}"),
            hits_before + 5);

  // addProduct through this gateway: the next read sees the new product at once
  add_product(*client_, "Saucer", category);
  EXPECT_EQ(names_in(*client_, category), (std::vector<std::string>{"Saucer", "Cup"}));
  EXPECT_EQ(list_calls(), lists0 + 2);
}

TEST_F(GatewayCache, AProductCreatedEventFromElsewhereInvalidates) {
  ASSERT_TRUE(gateway_->process->await_stderr("product events listener assigned", 30s))
      << gateway_->process->stderr_text();
  const auto category = ecn::testing::unique_name("plates");
  // Another replica (a second gateway on the same Redis prefix would do the same) adds a
  // product through product-service directly: this gateway's cache does not know.
  add_product(*client_, "Plate", category);
  EXPECT_EQ(names_in(*client_, category), std::vector<std::string>{"Plate"});
  const auto lists0 = list_calls();
  EXPECT_EQ(names_in(*client_, category), std::vector<std::string>{"Plate"});
  ASSERT_EQ(list_calls(), lists0);  // cached

  // an event that is not product-created changes nothing
  ecn::kafka::Producer producer({.brokers = ecn::testing::kafka_brokers()});
  ASSERT_TRUE(producer.produce_sync(*events_topic_, "k", R"({"type":"something-else"})").ok());
  // the product-created event, as product-service writes it, produced directly
  const auto event =
      json::serialize(json::object{{"event_id", "0190a0b0-0000-7000-8000-0000000000aa"},
                                   {"type", "product-created"},
                                   {"occurred_at", "2026-11-26T06:00:00.000Z"},
                                   {"product",
                                    {{"id", "0190a0b0-0000-7000-8000-0000000000ab"},
                                     {"name", "Bowl"},
                                     {"category", category},
                                     {"price", {{"amount", "3.00"}, {"currency_code", "USD"}}},
                                     {"created_at", "2026-11-26T06:00:00.000Z"}}}});
  ASSERT_TRUE(
      producer.produce_sync(*events_topic_, "0190a0b0-0000-7000-8000-0000000000ab", event).ok());
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] {
        return metric(gateway_->ops_port,
                      "gateway_product_cache_invalidations_total{result=\"ok\"}") > 0 &&
               metric(gateway_->ops_port, "gateway_product_events_total") >= 1;
      },
      15s, 50ms));
  EXPECT_EQ(metric(gateway_->ops_port, "gateway_product_events_malformed_total"), 0);
  EXPECT_EQ(names_in(*client_, category), std::vector<std::string>{"Plate"});
  EXPECT_EQ(list_calls(), lists0 + 1);  // the event made the next read a miss
}

TEST_F(GatewayCache, TheInMemoryCopyAnswersUntilAnEventOrAddProductEmptiesIt) {
  auto settings = cache_settings();
  settings["PRODUCT_CACHE_LOCAL_TTL_MS"] = "60000";  // only invalidations can empty it here
  const auto gateway = stack_->start_gateway(settings);
  ASSERT_TRUE(gateway.started) << gateway.process->stderr_text();
  ASSERT_TRUE(gateway.process->await_stderr("product events listener assigned", 30s));
  GraphqlClient client(gateway.http_port);
  const auto category = ecn::testing::unique_name("mugs");
  add_product(client, "Mug", category);
  const auto lists0 = list_calls();
  EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Mug"});  // product-service
  const auto redis_hits =
      metric(gateway.ops_port, R"(gateway_product_cache_requests_total{result="hit"})");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Mug"});
  EXPECT_EQ(list_calls(), lists0 + 1);
  EXPECT_GE(metric(gateway.ops_port, "gateway_product_cache_local_hits_total"), 3);
  EXPECT_EQ(metric(gateway.ops_port, R"(gateway_product_cache_requests_total{result="hit"})"),
            redis_hits);  // not even Redis was asked

  // a product-created event (another replica added something) empties the copy
  const auto events0 = metric(gateway.ops_port, "gateway_product_events_total");
  ecn::kafka::Producer producer({.brokers = ecn::testing::kafka_brokers()});
  ASSERT_TRUE(producer
                  .produce_sync(*events_topic_, "k",
                                R"({"event_id":"e","type":"product-created","product":{}})")
                  .ok());
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return metric(gateway.ops_port, "gateway_product_events_total") > events0; }, 15s));
  EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Mug"});
  EXPECT_EQ(list_calls(), lists0 + 2);

  // and so does addProduct through this gateway
  add_product(client, "Beaker", category);
  EXPECT_EQ(names_in(client, category), (std::vector<std::string>{"Beaker", "Mug"}));
}

TEST_F(GatewayCache, ReadyzChecksUpstreamsAndRedisAndMetricsCountOperations) {
  // Ready once its Redis connection is up, just after the start.
  ecn::testing::HttpAnswer ready;
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] {
        ready = ecn::testing::http_get(gateway_->ops_port, "/readyz");
        return ready.status == 200;
      },
      10s))
      << ready.body;
  const auto checks = json::parse(ready.body).at("checks");
  for (const auto* name :
       {"user-service", "product-service", "order-service", "notification-service", "redis"}) {
    EXPECT_EQ(checks.at(name).as_string(), "ok") << ready.body;
  }

  for (int i = 0; i < 2; ++i)
    client_->graphql("query Catalogue { products(first: 1) { nodes { id } } }");
  client_->graphql("{ products(first: 1) { nodes { id } } }");
  client_->graphql("query Broken { nope }");
  client_->graphql("query Me { me { id } }");  // UNAUTHENTICATED: a field error
  const auto port = gateway_->ops_port;
  EXPECT_EQ(metric(port, R"(gateway_graphql_operations_total{operation="Catalogue",result="ok"})"),
            2);
  EXPECT_GE(metric(port, R"(gateway_graphql_operations_total{operation="anonymous",result="ok"})"),
            1);
  EXPECT_GE(
      metric(port, R"(gateway_graphql_operations_total{operation="invalid",result="refused"})"), 1);
  EXPECT_EQ(
      metric(port, R"(gateway_graphql_operations_total{operation="Me",result="field_errors"})"), 1);
  EXPECT_EQ(
      metric(port, R"(gateway_graphql_operation_duration_seconds_count{operation="Catalogue"})"),
      2);

  // client-chosen names cannot grow the series without bound
  for (int i = 0; i < 120; ++i) {
    client_->graphql("query Op" + std::to_string(i) + " { products(first: 1) { nodes { id } } }");
  }
  const auto page = ecn::testing::http_get(port, "/metrics").body;
  std::set<std::string> labels;
  const std::regex label(R"re(gateway_graphql_operations_total\{operation="([^"]+)")re");
  for (std::sregex_iterator it(page.begin(), page.end(), label), end; it != end; ++it) {
    labels.insert((*it)[1]);
  }
  EXPECT_LE(labels.size(), 100u + 3u);  // 100 names, anonymous, invalid, other
  EXPECT_TRUE(labels.contains("other"));
  EXPECT_GE(metric(port, R"(gateway_graphql_operations_total{operation="other",result="ok"})"), 20);
}

TEST_F(GatewayCache, WithRedisDownReadsComeFromProductServiceAndRequestsAreNotLimited) {
  auto settings = cache_settings();
  settings["REDIS_URL"] = "redis://127.0.0.1:1";  // nothing listens there
  settings["RATE_LIMIT_ENABLED"] = "true";
  settings["RATE_LIMIT_IP_PER_SECOND"] = "1";
  settings["RATE_LIMIT_IP_BURST"] = "1";
  const auto degraded = stack_->start_gateway(settings);
  ASSERT_TRUE(degraded.started) << degraded.process->stderr_text();
  GraphqlClient client(degraded.http_port);
  const auto category = ecn::testing::unique_name("pots");
  add_product(client, "Pot", category);
  const auto lists0 = list_calls();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Pot"});  // no error, no 429
  }
  EXPECT_EQ(list_calls(), lists0 + 3);
  EXPECT_GE(metric(degraded.ops_port, R"(gateway_product_cache_requests_total{result="error"})"),
            3);
  EXPECT_GE(metric(degraded.ops_port, R"(gateway_rate_limit_checks_total{result="failed_open"})"),
            4);
  const auto ready = ecn::testing::http_get(degraded.ops_port, "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(json::parse(ready.body).at("checks").at("redis").as_string(), "failing") << ready.body;
  EXPECT_EQ(json::parse(ready.body).at("checks").at("product-service").as_string(), "ok");
}

TEST_F(GatewayCache, RedisKilledAndRestartedReadsKeepWorkingAndTheCacheComesBack) {
  PrivateRedis redis;
  ASSERT_TRUE(redis.ready());
  auto settings = cache_settings();
  settings["REDIS_URL"] = "redis://127.0.0.1:" + std::to_string(redis.port());
  settings["RATE_LIMIT_ENABLED"] = "true";  // generous: only failing open is watched here
  const auto gateway = stack_->start_gateway(settings);
  ASSERT_TRUE(gateway.started) << gateway.process->stderr_text();
  GraphqlClient client(gateway.http_port);
  const auto ready = [&] { return ecn::testing::http_get(gateway.ops_port, "/readyz").status; };
  ASSERT_TRUE(ecn::testing::wait_until([&] { return ready() == 200; }, 10s));
  const auto category = ecn::testing::unique_name("jugs");
  add_product(client, "Jug", category);
  const auto lists0 = list_calls();
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Jug"});
  EXPECT_EQ(list_calls(), lists0 + 1);

  redis.kill();
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Jug"});
  EXPECT_EQ(list_calls(), lists0 + 3);  // each read went to product-service, none failed
  EXPECT_GE(metric(gateway.ops_port, R"(gateway_product_cache_requests_total{result="error"})"), 2);
  EXPECT_GE(metric(gateway.ops_port, R"(gateway_rate_limit_checks_total{result="failed_open"})"),
            2);
  EXPECT_EQ(ready(), 503);

  redis.start();
  ASSERT_TRUE(redis.ready());
  ASSERT_TRUE(ecn::testing::wait_until([&] { return ready() == 200; }, 15s));  // reconnected
  EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Jug"});  // a miss: Redis is empty
  EXPECT_EQ(names_in(client, category), std::vector<std::string>{"Jug"});  // cached again
  EXPECT_EQ(list_calls(), lists0 + 4);
}

TEST_F(GatewayCache, ReadyzFailsForAnUpstreamThatIsDown) {
  auto settings = cache_settings();
  settings["ORDER_SERVICE_ADDR"] = "127.0.0.1:1";
  const auto degraded = stack_->start_gateway(settings);
  ASSERT_TRUE(degraded.started) << degraded.process->stderr_text();
  // The Redis connection comes up just after the start; until then Redis reads "failing" too.
  ecn::testing::HttpAnswer ready;
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] {
        ready = ecn::testing::http_get(degraded.ops_port, "/readyz");
        return json::parse(ready.body).at("checks").at("redis").as_string() == "ok";
      },
      10s))
      << ready.body;
  EXPECT_EQ(ready.status, 503) << ready.body;
  const auto checks = json::parse(ready.body).at("checks");
  EXPECT_EQ(checks.at("order-service").as_string(), "failing") << ready.body;
  EXPECT_EQ(checks.at("user-service").as_string(), "ok") << ready.body;
}

TEST_F(GatewayCache, RateLimitsPerIpAndPerUserWithAnHonestRetryAfter) {
  auto settings = cache_settings();
  settings["RATE_LIMIT_ENABLED"] = "true";
  settings["RATE_LIMIT_IP_PER_SECOND"] = "2";  // refills before the user's bucket does
  settings["RATE_LIMIT_IP_BURST"] = "5";
  settings["RATE_LIMIT_USER_PER_SECOND"] = "1";
  settings["RATE_LIMIT_USER_BURST"] = "2";
  const auto limited = stack_->start_gateway(settings);
  ASSERT_TRUE(limited.started) << limited.process->stderr_text();
  GraphqlClient client(limited.http_port);
  // a token from user-service, fetched through the unlimited gateway
  auto registered =
      client_->graphql("mutation($input: RegisterInput!) { register(input: $input) { token } }",
                       {{"input",
                         {{"name", "Rita"},
                          {"email", ecn::testing::unique_name("rita") + "@example.com"},
                          {"password", "correct horse battery"}}}});
  ASSERT_FALSE(registered.contains("errors")) << json::serialize(registered);
  const std::string token(registered.at("data").at("register").at("token").as_string());

  const std::string query = "{ products(first: 1) { nodes { id } } }";
  // the user's bucket (2) runs out first; the IP bucket (5) gave 2 of its tokens
  EXPECT_EQ(client.post(query, {}, token).status, 200);
  EXPECT_EQ(client.post(query, {}, token).status, 200);
  const auto refused = client.post(query, {}, token);
  const auto refused_at = Clock::now();
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.header("retry-after"), "1");
  const auto body = json::parse(refused.body);
  const auto& error = body.at("errors").at(0);
  EXPECT_EQ(error.at("extensions").at("code").as_string(), "RATE_LIMITED");
  const auto wait_ms = error.at("extensions").at("retryAfterMs").as_int64();
  EXPECT_GT(wait_ms, 500);  // the user spent 2 tokens within moments: ~1 s until the next
  EXPECT_LE(wait_ms, 1000);
  // the same IP without the token still has 3 tokens in its own bucket (the refusal took none)
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.post(query).status, 200) << i;
  const auto ip_refused = client.post(query);
  EXPECT_EQ(ip_refused.status, 429) << ip_refused.body;

  // the user waits what they were told: refused until then, let in right after
  long early_refusals = 0;
  Clock::time_point let_in;
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] {
        const auto status = client.post(query, {}, token).status;
        if (status == 429) ++early_refusals;
        if (status != 200) return false;
        let_in = Clock::now();
        return true;
      },
      5s, 25ms));
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(let_in - refused_at).count();
  EXPECT_GE(waited, wait_ms - 100) << "let in before the announced wait";
  EXPECT_LE(waited, wait_ms + 300) << "kept waiting after the announced wait";
  EXPECT_GT(early_refusals, 0);
  EXPECT_GE(metric(limited.ops_port, R"(gateway_rate_limit_checks_total{result="limited"})"), 2);
}

// Behind a load balancer every request comes from the balancer's address. With it in
// TRUSTED_PROXIES, each client named by X-Forwarded-For has its own bucket; a client cannot
// pick another bucket by prepending addresses of its own.
TEST_F(GatewayCache, BehindATrustedProxyEachForwardedClientHasItsOwnBucket) {
  auto settings = cache_settings();
  settings["RATE_LIMIT_ENABLED"] = "true";
  settings["RATE_LIMIT_IP_PER_SECOND"] = "1";
  settings["RATE_LIMIT_IP_BURST"] = "2";
  settings["TRUSTED_PROXIES"] = "127.0.0.1, ::1";
  const auto proxied = stack_->start_gateway(settings);
  ASSERT_TRUE(proxied.started) << proxied.process->stderr_text();
  GraphqlClient client(proxied.http_port);
  const std::string query = "{ products(first: 1) { nodes { id } } }";
  const auto from = [&](const std::string& forwarded_for) {
    return client.post(query, {}, "", "", {{"x-forwarded-for", forwarded_for}}).status;
  };
  EXPECT_EQ(from("203.0.113.7"), 200);
  EXPECT_EQ(from("203.0.113.7"), 200);
  EXPECT_EQ(from("203.0.113.7"), 429);
  // Prepending another address changes nothing: the proxy appended the real one.
  EXPECT_EQ(from("198.51.100.1, 203.0.113.7"), 429);
  // Another client behind the same proxy is not held back by the first.
  EXPECT_EQ(from("203.0.113.8"), 200);
  EXPECT_EQ(from("203.0.113.8"), 200);
  EXPECT_EQ(from("203.0.113.8"), 429);
  EXPECT_TRUE(proxied.process->await_stderr("remote=203.0.113.8", 5s))
      << proxied.process->stderr_text();

  // Without TRUSTED_PROXIES the header is the client's word and is ignored: one bucket.
  settings.erase("TRUSTED_PROXIES");
  const auto direct = stack_->start_gateway(settings);
  ASSERT_TRUE(direct.started) << direct.process->stderr_text();
  GraphqlClient direct_client(direct.http_port);
  const auto direct_from = [&](const std::string& forwarded_for) {
    return direct_client.post(query, {}, "", "", {{"x-forwarded-for", forwarded_for}}).status;
  };
  EXPECT_EQ(direct_from("203.0.113.9"), 200);
  EXPECT_EQ(direct_from("203.0.113.10"), 200);
  EXPECT_EQ(direct_from("203.0.113.11"), 429);
}

}  // namespace
