// The service runtime as an operator meets it: a real process, real PostgreSQL and Kafka.
#include <gtest/gtest.h>

#include <csignal>
#include <pqxx/pqxx>
#include <regex>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "ecn/testing/temp_database.hpp"

namespace {

using ecn::testing::ChildProcess;
using ecn::testing::run_program;
using namespace std::chrono_literals;

class ServiceRuntimeTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> environment() const {
    return {{"DATABASE_URL", database_.url()},
            {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
            {"GRPC_ADDR", "127.0.0.1:0"},
            {"OPS_ADDR", "127.0.0.1:0"},
            {"LOG_FORMAT", "json"}};
  }

  // The ops port the service logged at start ("ops 127.0.0.1:0 (port N)").
  static std::uint16_t ops_port(const std::string& log) {
    std::smatch match;
    const std::regex pattern(R"(ops [^ ]+ \(port (\d+)\))");
    if (!std::regex_search(log, match, pattern)) return 0;
    return static_cast<std::uint16_t>(std::stoi(match[1]));
  }

  ecn::testing::TempDatabase database_;
};

TEST_F(ServiceRuntimeTest, HelpListsCommonAndOwnSettingsAndHidesSecrets) {
  auto env = environment();
  env["DATABASE_URL"] = "postgresql://u:hunter2@127.0.0.1:1/x";
  const auto result = run_program(SERVICE_PROBE_BINARY, {"--help"}, env);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const char* name : {"GRPC_ADDR", "OPS_ADDR", "DATABASE_URL", "KAFKA_BROKERS", "LOG_LEVEL",
                           "LOG_FORMAT", "PROBE_GREETING"}) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name << " missing in\n" << result.out;
  }
  EXPECT_EQ(result.out.find("hunter2"), std::string::npos);
  // One gRPC worker per database connection unless RPC_WORKERS says otherwise.
  env["DATABASE_POOL_SIZE"] = "7";
  const auto sized = run_program(SERVICE_PROBE_BINARY, {"--help"}, env);
  EXPECT_TRUE(std::regex_search(sized.out, std::regex(R"(RPC_WORKERS +integer 1\.\.1024 +7 )")))
      << sized.out;
}

TEST_F(ServiceRuntimeTest, BadSettingsStopTheStartNamingEachVariable) {
  auto env = environment();
  env["GRPC_ADDR"] = "nowhere";
  env["DATABASE_POOL_SIZE"] = "0";
  const auto result = run_program(SERVICE_PROBE_BINARY, {}, env);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("GRPC_ADDR"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("DATABASE_POOL_SIZE"), std::string::npos) << result.err;
}

TEST_F(ServiceRuntimeTest, MigrateSubcommandAppliesAndReports) {
  auto result = run_program(SERVICE_PROBE_BINARY, {"migrate", "up"}, environment());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = run_program(SERVICE_PROBE_BINARY, {"migrate", "version"}, environment());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find('1'), std::string::npos) << result.out;

  result = run_program(SERVICE_PROBE_BINARY, {"frobnicate"}, environment());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("frobnicate"), std::string::npos);
}

TEST_F(ServiceRuntimeTest, ServesOpsEndpointsAndStopsCleanlyOnSigterm) {
  ChildProcess service(SERVICE_PROBE_BINARY, {}, environment());
  ASSERT_TRUE(service.await_stderr("service-probe started", 60s)) << service.stderr_text();
  const auto port = ops_port(service.stderr_text());
  ASSERT_NE(port, 0) << service.stderr_text();

  EXPECT_EQ(ecn::testing::http_get(port, "/healthz").status, 200);
  const auto ready = ecn::testing::http_get(port, "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find("\"postgres\":\"ok\""), std::string::npos) << ready.body;
  EXPECT_NE(ready.body.find("\"probe\":\"ok\""), std::string::npos) << ready.body;
  EXPECT_NE(ecn::testing::http_get(port, "/metrics").body.find("outbox_backlog"),
            std::string::npos);

  // Migrations ran at start.
  pqxx::connection conn(database_.url());
  pqxx::nontransaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM probe")[0].as<int>(), 0);

  service.signal(SIGTERM);
  const auto code = service.wait_for_exit(10s);
  ASSERT_TRUE(code.has_value()) << "still running 10 s after SIGTERM";
  EXPECT_EQ(*code, 0) << service.stderr_text();
  EXPECT_NE(service.stderr_text().find("service-probe stopped"), std::string::npos);
}

TEST_F(ServiceRuntimeTest, RefusesADirtyDatabaseWithTheRepairCommand) {
  ASSERT_EQ(run_program(SERVICE_PROBE_BINARY, {"migrate", "up"}, environment()).exit_code, 0);
  {
    pqxx::connection conn(database_.url());
    pqxx::work tx(conn);
    tx.exec0("UPDATE schema_migrations SET dirty = true");
    tx.commit();
  }
  const auto result = run_program(SERVICE_PROBE_BINARY, {}, environment());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("migrate force"), std::string::npos) << result.err;
}

}  // namespace
