// notificationAdded over the real shop: the five binaries (tests/integration/gateway_stack.*) and
// the npm graphql-ws client in node (tests/ws/ws_story_test.mjs), which drives the story,
// the reconnect replay and the replay/live seam, and exits non-zero on any failed case.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "gateway_stack.hpp"

namespace {

using ecn::gateway::testing::RunningGateway;
using ecn::gateway::testing::ServiceStack;
using namespace std::chrono_literals;

TEST(GatewayWebSocketStory, LiveReplayAndSeamWithTheGraphqlWsClient) {
  ServiceStack stack;
  ASSERT_TRUE(stack.started()) << stack.logs();
  RunningGateway gateway = stack.start_gateway();  // the test Redis and Kafka
  ASSERT_TRUE(gateway.started) << gateway.process->stderr_text();
  const auto run = ecn::testing::run_program(
      NODE_EXECUTABLE,
      {WS_STORY_SCRIPT, std::to_string(gateway.http_port), NODE_MODULES_DIR,
       ecn::gateway::testing::kStackAdminKey, ecn::testing::redis_url()},
      {}, 150s);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err << "\ngateway log:\n"
                              << gateway.process->stderr_text() << "\nservices:\n"
                              << stack.logs();
  std::cout << run.out;
}

}  // namespace
