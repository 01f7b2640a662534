// The shop's web app in real Chromium over the real stack: the four services and a gateway
// serving the built app (WEB_ASSETS_DIR) with live notifications (test Redis and Kafka); the
// browser side is shop_browser_test.mjs (playwright-core), whose steps this test reports.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "gateway_stack.hpp"

namespace {

using namespace ecn::gateway::testing;
using namespace std::chrono_literals;

// A gateway serving the built app (start_gateway adds the test Redis and Kafka, limits off).
std::map<std::string, std::string> web_gateway_settings() {
  return {{"WEB_ASSETS_DIR", WEB_ASSETS_DIR},
          // One prefix for every gateway of the test, so they share one product cache.
          {"PRODUCT_CACHE_KEY_PREFIX", ecn::testing::unique_name("web")}};
}

// kafka_consumer_records_total{consumer="<consumer>"} on a service's /metrics.
long consumer_records(std::uint16_t ops_port, const std::string& consumer) {
  const auto page = ecn::testing::http_get(ops_port, "/metrics").body;
  std::smatch match;
  const std::regex line("kafka_consumer_records_total\\{[^}]*consumer=\"" + consumer +
                        "\"[^}]*\\} (\\d+)");
  return std::regex_search(page, match, line) ? std::stol(match[1]) : 0;
}

TEST(GatewayBrowser, ShopperAndOperatorInChromium) {
  ServiceStack stack;
  ASSERT_TRUE(stack.started()) << stack.logs();
  auto gateway = stack.start_gateway(web_gateway_settings());
  ASSERT_TRUE(gateway.started) << gateway.process->stderr_text();
  ASSERT_NE(gateway.process->stderr_text().find("web app:"), std::string::npos)
      << "the gateway did not load the web app from " << WEB_ASSETS_DIR << "\n"
      << gateway.process->stderr_text();

  const auto result = ecn::testing::run_program(
      NODE_EXECUTABLE,
      {BROWSER_TEST_SCRIPT, "http://127.0.0.1:" + std::to_string(gateway.http_port), kStackAdminKey,
       std::to_string(stack.notifications().ops_port), SCREENSHOT_DIR},
      {{"CHROMIUM_PATH", CHROMIUM_EXECUTABLE}}, 180s);
  std::cout << result.out;
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err << "\n--- gateway ---\n"
                                 << gateway.process->stderr_text();
}

// Twice, the gateway under an open page stops; an order update is made (through a second
// gateway) and processed while it is down; the gateway comes back on the same port; the page
// reconnects by itself and shows the missed update once (shop_reconnect_test.mjs): first with
// an empty inbox (no cursor yet), then with a cursor to replay from.
TEST(GatewayBrowser, ReconnectsAfterTheGatewayRestarts) {
  ServiceStack stack;
  ASSERT_TRUE(stack.started()) << stack.logs();
  auto settings = web_gateway_settings();
  auto gateway = stack.start_gateway(settings);
  auto operator_gateway = stack.start_gateway(settings);
  ASSERT_TRUE(gateway.started && operator_gateway.started) << gateway.process->stderr_text();

  ecn::testing::ChildProcess browser(
      NODE_EXECUTABLE,
      {RECONNECT_TEST_SCRIPT, "http://127.0.0.1:" + std::to_string(gateway.http_port),
       kStackAdminKey},
      {{"CHROMIUM_PATH", CHROMIUM_EXECUTABLE}});
  const auto ops_port = stack.notifications().ops_port;
  GraphqlClient operator_client(operator_gateway.http_port);
  const std::pair<const char*, const char*> rounds[] = {{"round=1", "CONFIRMED"},
                                                        {"round=2", "SHIPPED"}};
  std::vector<RunningGateway> restarted;
  restarted.reserve(std::size(rounds));  // `current` points into it
  RunningGateway* current = &gateway;
  for (const auto& [round, status] : rounds) {
    ASSERT_TRUE(browser.await_stderr(std::string("restart-now ") + round, 90s))
        << browser.stdout_text() << browser.stderr_text();
    std::smatch match;
    const auto said = browser.stderr_text();
    ASSERT_TRUE(std::regex_search(said, match, std::regex("order=([0-9a-f-]+)")));
    const std::string order_id = match[1];

    current->process->signal(SIGTERM);
    ASSERT_EQ(current->process->wait_for_exit(15s), 0) << current->process->stderr_text();
    const long processed = consumer_records(ops_port, "order-updates");
    const auto moved = operator_client.graphql(
        "mutation Move($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: "
        "$status) { status } }",
        boost::json::object{{"id", order_id}, {"status", status}}, "", kStackAdminKey);
    ASSERT_EQ(error_code(moved), "") << boost::json::serialize(moved);
    ASSERT_TRUE(ecn::testing::wait_until(
        [&] { return consumer_records(ops_port, "order-updates") > processed; }, 30s));

    settings["GATEWAY_ADDR"] = "127.0.0.1:" + std::to_string(gateway.http_port);
    restarted.push_back(stack.start_gateway(settings));
    current = &restarted.back();
    ASSERT_TRUE(current->started) << current->process->stderr_text();
  }
  const auto exit_code = browser.wait_for_exit(120s);
  std::cout << browser.stdout_text();
  EXPECT_EQ(exit_code, 0) << browser.stdout_text() << browser.stderr_text();
}

}  // namespace
