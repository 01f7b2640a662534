// The shop's web app in real Chromium over the real stack: the four services and a gateway
// serving the built app (WEB_ASSETS_DIR) with live notifications (test Redis and Kafka); the
// browser side is shop_browser_test.mjs (playwright-core), whose steps this test reports.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "gateway_stack.hpp"

namespace {

using namespace ecn::gateway::testing;
using namespace std::chrono_literals;

TEST(GatewayBrowser, ShopperAndOperatorInChromium) {
  ServiceStack stack;
  ASSERT_TRUE(stack.started()) << stack.logs();
  auto gateway =
      stack.start_gateway({{"WEB_ASSETS_DIR", WEB_ASSETS_DIR},
                           {"REDIS_URL", ecn::testing::redis_url()},
                           {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
                           {"PRODUCT_CACHE_KEY_PREFIX", ecn::testing::unique_name("web")},
                           {"RATE_LIMIT_ENABLED", "false"}});
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

}  // namespace
