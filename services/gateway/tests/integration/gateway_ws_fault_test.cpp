// Redis stopped and started under a live WebSocket subscription (scripts/infra.sh, so this runs
// alone, LABEL fault): the real five binaries and tests/ws/ws_redis_outage_test.mjs.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/infra_control.hpp"
#include "gateway_stack.hpp"

namespace {

using ecn::gateway::testing::RunningGateway;
using ecn::gateway::testing::ServiceStack;
using namespace std::chrono_literals;

TEST(GatewayWebSocketFault, NotificationsWrittenWhileRedisIsDownArriveAfterwards) {
  ServiceStack stack;
  ASSERT_TRUE(stack.started()) << stack.logs();
  RunningGateway gateway = stack.start_gateway();  // the test Redis and Kafka
  ASSERT_TRUE(gateway.started) << gateway.process->stderr_text();
  const auto run = ecn::testing::run_program(
      NODE_EXECUTABLE,
      {WS_OUTAGE_SCRIPT, std::to_string(gateway.http_port), NODE_MODULES_DIR,
       ecn::gateway::testing::kStackAdminKey, ecn::testing::redis_url(),
       ecn::testing::infra_script(), ecn::testing::infra_environment()},
      {}, 120s);
  // Whatever happened, leave Redis running for the tests after this one.
  ecn::testing::infra("start", "redis");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err << "\ngateway log:\n"
                              << gateway.process->stderr_text();
  // The outage was real: the gateway lost Redis and reconnected.
  const auto log = gateway.process->stderr_text();
  EXPECT_NE(log.find("redis: connection to"), std::string::npos) << log;
  EXPECT_NE(log.find("redis: reconnected to"), std::string::npos) << log;
  std::cout << run.out;
}

}  // namespace
