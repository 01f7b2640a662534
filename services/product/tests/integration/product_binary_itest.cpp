// build/bin/product-service as an operator runs it: a real process on real PostgreSQL and Kafka.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <csignal>
#include <future>
#include <regex>

#include "ecn/rpc/client.hpp"
#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/product/v1/product.grpc.pb.h"
#include "product_test_server.hpp"

namespace ecn::product::test {
namespace {

namespace pb = ecommerce::product::v1;
using namespace std::chrono_literals;

// The port after `label` in the start line ("gRPC 127.0.0.1:0 (port N), ops ... (port M)").
std::uint16_t logged_port(const std::string& log, const std::string& label) {
  std::smatch match;
  if (!std::regex_search(log, match, std::regex(label + R"( [^ ]+ \(port (\d+)\))"))) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

// grpc.health.v1.Health/Check for the whole server; the status field of the reply
// (1 = SERVING), or -1 when the call failed. Raw bytes, since the health messages are not
// generated here: an empty request, and a reply `08 <status>`.
int health_status(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  rpc::prepare_call(context, 5s);
  grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);  // a default ByteBuffer is no message at all
  grpc::ByteBuffer reply;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &reply,
                 [&](grpc::Status status) { done.set_value(std::move(status)); });
  if (!done.get_future().get().ok()) return -1;
  std::vector<grpc::Slice> slices;
  if (!reply.Dump(&slices).ok()) return -1;
  std::string bytes;
  for (const auto& slice : slices)
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  return bytes.size() == 2 && bytes[0] == 0x08 ? bytes[1] : -1;
}

TEST(ProductBinary, ServesTheApiHealthAndMetricsThenStopsOnSigterm) {
  testing::TempDatabase database;
  testing::ChildProcess service(PRODUCT_SERVICE_BINARY, {},
                                {{"DATABASE_URL", database.url()},
                                 {"KAFKA_BROKERS", testing::kafka_brokers()},
                                 {"GRPC_ADDR", "127.0.0.1:0"},
                                 {"OPS_ADDR", "127.0.0.1:0"}});
  ASSERT_TRUE(service.await_stderr("product-service started", 60s)) << service.stderr_text();
  const auto grpc_port = logged_port(service.stderr_text(), "gRPC");
  const auto ops_port = logged_port(service.stderr_text(), "ops");
  ASSERT_NE(grpc_port, 0);
  ASSERT_NE(ops_port, 0);

  const auto channel = rpc::make_channel("127.0.0.1:" + std::to_string(grpc_port));
  EXPECT_EQ(health_status(channel), 1);
  auto stub = pb::ProductService::NewStub(channel);
  pb::AddProductRequest request;
  request.set_name("Binary lamp");
  request.mutable_price()->set_amount("5");
  request.set_category("lighting");
  pb::Product added;
  const auto status = stub->AddProduct(call_context().get(), request, &added);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(added.price().amount(), "5.00");
  pb::Product refused;
  request.set_name("");
  EXPECT_EQ(stub->AddProduct(call_context().get(), request, &refused).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_EQ(testing::http_get(ops_port, "/readyz").status, 200);
  const auto metrics = testing::http_get(ops_port, "/metrics").body;
  EXPECT_NE(
      metrics.find(
          R"(rpc_server_requests_total{code="OK",method="/ecommerce.product.v1.ProductService/AddProduct"} 1)"),
      std::string::npos)
      << metrics;
  EXPECT_NE(
      metrics.find(
          R"(rpc_server_requests_total{code="INVALID_ARGUMENT",method="/ecommerce.product.v1.ProductService/AddProduct"} 1)"),
      std::string::npos)
      << metrics;
  // The log is JSON lines naming the service.
  EXPECT_NE(service.stderr_text().find(R"("service":"product-service")"), std::string::npos);

  service.signal(SIGTERM);
  const auto code = service.wait_for_exit(10s);
  ASSERT_TRUE(code.has_value()) << "still running 10 s after SIGTERM";
  EXPECT_EQ(*code, 0) << service.stderr_text();
}

TEST(ProductBinary, HelpListsTheSettings) {
  const auto result = testing::run_program(PRODUCT_SERVICE_BINARY, {"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* name : {"GRPC_ADDR", "OPS_ADDR", "DATABASE_URL", "KAFKA_BROKERS"}) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(result.out.find("50052"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace ecn::product::test
