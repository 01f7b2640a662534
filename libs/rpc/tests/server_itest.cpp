// A real gRPC server on a loopback port, driven by a real client: error mapping, request id
// propagation, per-method metrics, graceful stop.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <mutex>
#include <string>

#include "ecn/core/logging.hpp"
#include "ecn/core/status.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/rpc/handler.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/testing/environment.hpp"
#include "ecommerce/product/v1/product.grpc.pb.h"

namespace {

namespace pb = ecommerce::product::v1;
using ecn::core::Error;
using ecn::core::ErrorCode;
using ecn::core::Result;

// Answers GetProduct according to the id it is asked for, to exercise each path of handle().
class ScriptedProducts final : public pb::ProductService::Service {
 public:
  grpc::Status GetProduct(grpc::ServerContext* context, const pb::GetProductRequest* request,
                          pb::Product* reply) override {
    return ecn::rpc::handle(*context, reply, "GetProduct", [&]() -> Result<pb::Product> {
      {
        std::lock_guard lock(mutex_);
        seen_request_id_ = std::string(ecn::core::current_request_id());
      }
      const auto& id = request->id();
      if (id == "missing") return Error{ErrorCode::kNotFound, "product missing does not exist"};
      if (id == "throws-status")
        throw ecn::core::StatusError({ErrorCode::kFailedPrecondition, "no"});
      if (id == "db-down") throw ecn::pg::PoolUnavailable("connection refused at 10.0.0.1");
      if (id == "bug") throw std::runtime_error("SELECT secret FROM users failed");
      pb::Product product;
      product.set_id(id);
      product.set_name("Lamp");
      return product;
    });
  }

  std::string seen_request_id() {
    std::lock_guard lock(mutex_);
    return seen_request_id_;
  }

 private:
  std::mutex mutex_;
  std::string seen_request_id_;
};

class RpcServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.add_service(service_);
    server_.start();
    stub_ = pb::ProductService::NewStub(
        ecn::rpc::make_channel("127.0.0.1:" + std::to_string(server_.port())));
  }

  grpc::Status get(const std::string& id, pb::Product* out) {
    grpc::ClientContext context;
    ecn::rpc::prepare_call(context, std::chrono::seconds(5));
    pb::GetProductRequest request;
    request.set_id(id);
    return stub_->GetProduct(&context, request, out);
  }

  ecn::ops::MetricsRegistry metrics_;
  ScriptedProducts service_;
  ecn::rpc::RpcServer server_{{.address = {"127.0.0.1", 0}}, metrics_};
  std::unique_ptr<pb::ProductService::Stub> stub_;
};

// An idle channel pinging at `client`'s pace to a server accepting `server`'s: whether gRPC
// took the channel out of READY (a GOAWAY "too_many_pings" does) within `watch`.
bool leaves_ready_while_idle(const ecn::rpc::Keepalive& client, const ecn::rpc::Keepalive& server,
                             std::chrono::milliseconds watch) {
  ecn::ops::MetricsRegistry metrics;
  ScriptedProducts service;
  ecn::rpc::RpcServer rpc_server({.address = {"127.0.0.1", 0}, .keepalive = server}, metrics);
  rpc_server.add_service(service);
  rpc_server.start();
  const auto channel =
      ecn::rpc::make_channel("127.0.0.1:" + std::to_string(rpc_server.port()), client);
  grpc::ClientContext context;
  ecn::rpc::prepare_call(context, std::chrono::seconds(5));
  pb::GetProductRequest request;
  request.set_id("p1");
  pb::Product product;
  EXPECT_TRUE(pb::ProductService::NewStub(channel)->GetProduct(&context, request, &product).ok());
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  return channel->WaitForStateChange(GRPC_CHANNEL_READY, std::chrono::system_clock::now() + watch);
}

// Scaled down from the defaults (30 s pings, 10 s accepted) so that many pings fit in a test.
TEST(RpcKeepalive, ServersAcceptTheirClientsPingsOnAnIdleConnection) {
  using std::chrono::milliseconds;
  const ecn::rpc::Keepalive keepalive{.ping_every = milliseconds(100),
                                      .ping_timeout = milliseconds(2000),
                                      .accept_pings_every = milliseconds(30)};
  // The check can fail: with gRPC's own server policy (5 minutes) the channel is sent away.
  auto grpc_default = keepalive;
  grpc_default.accept_pings_every = std::chrono::minutes(5);
  EXPECT_TRUE(leaves_ready_while_idle(keepalive, grpc_default, milliseconds(5000)));
  // Ours: some 20 pings, and the connection stays.
  EXPECT_FALSE(leaves_ready_while_idle(keepalive, keepalive, milliseconds(2000)));
}

TEST_F(RpcServerTest, BindsAFreePortAndAnswers) {
  ASSERT_NE(server_.port(), 0);
  pb::Product product;
  const auto status = get("p1", &product);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(product.id(), "p1");
  EXPECT_EQ(product.name(), "Lamp");
}

TEST_F(RpcServerTest, MapsErrorsWithoutLeakingInternals) {
  pb::Product product;
  auto status = get("missing", &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "product missing does not exist");

  status = get("throws-status", &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  status = get("db-down", &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message().find("10.0.0.1"), std::string::npos);

  status = get("bug", &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message().find("SELECT"), std::string::npos);
  EXPECT_NE(status.error_message().find("request id"), std::string::npos);
}

TEST_F(RpcServerTest, PropagatesTheCallersRequestId) {
  pb::Product product;
  {
    ecn::core::RequestIdScope scope("req-abc-123");
    ASSERT_TRUE(get("p1", &product).ok());
  }
  EXPECT_EQ(service_.seen_request_id(), "req-abc-123");

  // Without one, the server makes a fresh UUID rather than logging an empty id.
  ASSERT_TRUE(get("p1", &product).ok());
  EXPECT_EQ(service_.seen_request_id().size(), 36u);
}

TEST_F(RpcServerTest, CountsAndTimesEachMethodByCode) {
  pb::Product product;
  ASSERT_TRUE(get("p1", &product).ok());
  ASSERT_TRUE(get("p2", &product).ok());
  ASSERT_FALSE(get("missing", &product).ok());
  // The interceptor runs as the status is sent, which can be just after the client sees it.
  const std::string method = "/ecommerce.product.v1.ProductService/GetProduct";
  const std::string ok_line = "rpc_server_requests_total{code=\"OK\",method=\"" + method + "\"} 2";
  const std::string nf_line =
      "rpc_server_requests_total{code=\"NOT_FOUND\",method=\"" + method + "\"} 1";
  std::string text;
  ecn::testing::wait_until(
      [&] {
        text = metrics_.render();
        return text.find(ok_line) != std::string::npos && text.find(nf_line) != std::string::npos &&
               text.find("_count{method=\"" + method + "\"} 3") != std::string::npos;
      },
      std::chrono::seconds(5));
  EXPECT_NE(text.find(ok_line), std::string::npos) << text;
  EXPECT_NE(text.find(nf_line), std::string::npos) << text;
  EXPECT_NE(text.find("rpc_server_request_duration_seconds_count{method=\"" + method + "\"} 3"),
            std::string::npos)
      << text;
}

TEST_F(RpcServerTest, StopRefusesNewCalls) {
  server_.stop();
  pb::Product product;
  grpc::ClientContext context;
  ecn::rpc::prepare_call(context, std::chrono::milliseconds(500));
  pb::GetProductRequest request;
  request.set_id("p1");
  const auto status = stub_->GetProduct(&context, request, &product);
  EXPECT_FALSE(status.ok());
}

}  // namespace
