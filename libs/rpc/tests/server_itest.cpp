// A real gRPC server on a loopback port, driven by a real client: error mapping, request id
// propagation, per-method metrics, graceful stop.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ecn/core/logging.hpp"
#include "ecn/core/status.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/rpc/handler.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/rpc/work_queue.hpp"
#include "ecn/testing/environment.hpp"
#include "ecommerce/product/v1/product.grpc.pb.h"

namespace {

namespace pb = ecommerce::product::v1;
using ecn::core::Error;
using ecn::core::ErrorCode;
using ecn::core::Result;

// Answers GetProduct according to the id it is asked for, to exercise each path of serve():
// "block" holds its worker until release(); every body that runs is counted.
class ScriptedProducts final : public pb::ProductService::CallbackService {
 public:
  explicit ScriptedProducts(ecn::rpc::WorkQueue& work) : work_(work) {}

  grpc::ServerUnaryReactor* GetProduct(grpc::CallbackServerContext* context,
                                       const pb::GetProductRequest* request,
                                       pb::Product* reply) override {
    return ecn::rpc::serve(*context, reply, "GetProduct", work_,
                           [=, this]() -> Result<pb::Product> {
                             const auto& id = request->id();
                             {
                               std::unique_lock lock(mutex_);
                               seen_request_id_ = std::string(ecn::core::current_request_id());
                               ++ran_[id];
                               if (id == "block") {
                                 ++blocked_;
                                 released_.wait(lock, [&] { return released_now_; });
                               }
                             }
                             if (id.starts_with("flaky") && ran(id) == 1) {
                               throw ecn::pg::PoolUnavailable("restarting");
                             }
                             if (id == "missing")
                               return Error{ErrorCode::kNotFound, "product missing does not exist"};
                             if (id == "throws-status")
                               throw ecn::core::StatusError({ErrorCode::kFailedPrecondition, "no"});
                             if (id == "db-down")
                               throw ecn::pg::PoolUnavailable("connection refused at 10.0.0.1");
                             if (id == "bug")
                               throw std::runtime_error("SELECT secret FROM users failed");
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
  // How many times the body ran for `id`.
  int ran(const std::string& id) {
    std::lock_guard lock(mutex_);
    return ran_[id];
  }
  // Bodies of "block" holding a worker right now.
  int blocked() {
    std::lock_guard lock(mutex_);
    return blocked_;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      released_now_ = true;
    }
    released_.notify_all();
  }

 private:
  ecn::rpc::WorkQueue& work_;
  std::mutex mutex_;
  std::condition_variable released_;
  bool released_now_ = false;
  int blocked_ = 0;
  std::map<std::string, int> ran_;
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
  ecn::rpc::WorkQueue work_{{.workers = 2, .capacity = 8}, metrics_};
  ScriptedProducts service_{work_};
  ecn::rpc::RpcServer server_{{.address = {"127.0.0.1", 0}}, metrics_};
  std::unique_ptr<pb::ProductService::Stub> stub_;
};

// An idle channel pinging at `client`'s pace to a server accepting `server`'s: whether gRPC
// took the channel out of READY (a GOAWAY "too_many_pings" does) within `watch`.
bool leaves_ready_while_idle(const ecn::rpc::Keepalive& client, const ecn::rpc::Keepalive& server,
                             std::chrono::milliseconds watch) {
  ecn::ops::MetricsRegistry metrics;
  ecn::rpc::WorkQueue work({.workers = 1}, metrics);
  ScriptedProducts service(work);
  ecn::rpc::RpcServer rpc_server({.address = {"127.0.0.1", 0}, .keepalive = server}, metrics);
  rpc_server.add_service(service);
  rpc_server.start();
  const auto channel =
      ecn::rpc::make_channel("127.0.0.1:" + std::to_string(rpc_server.port()), {}, client);
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

// Many callers at once through the async stub, each with `deadline`; the statuses in order.
std::vector<grpc::Status> call_at_once(pb::ProductService::Stub& stub,
                                       const std::vector<std::string>& ids,
                                       std::chrono::milliseconds deadline) {
  struct Call {
    grpc::ClientContext context;
    pb::GetProductRequest request;
    pb::Product reply;
    grpc::Status status;
  };
  std::vector<std::unique_ptr<Call>> calls;
  std::mutex mutex;
  std::condition_variable done;
  std::size_t finished = 0;
  for (const auto& id : ids) {
    auto& call = *calls.emplace_back(std::make_unique<Call>());
    ecn::rpc::prepare_call(call.context, deadline);
    call.request.set_id(id);
    stub.async()->GetProduct(&call.context, &call.request, &call.reply, [&](grpc::Status status) {
      std::lock_guard lock(mutex);
      call.status = std::move(status);
      ++finished;
      done.notify_all();
    });
  }
  std::unique_lock lock(mutex);
  done.wait(lock, [&] { return finished == calls.size(); });
  std::vector<grpc::Status> out;
  for (const auto& call : calls) out.push_back(call->status);
  return out;
}

// 300 callers, 2 workers, room for 8 waiting on the fixture's queue: far more than fit, so the
// burst goes to a server of its own with a queue sized for it.
TEST(RpcWorkQueue, ABurstWaitsForTheWorkersInsteadOfBeingRefused) {
  ecn::ops::MetricsRegistry metrics;
  ecn::rpc::WorkQueue work({.workers = 2, .capacity = 1000}, metrics);
  ScriptedProducts service(work);
  ecn::rpc::RpcServer server({.address = {"127.0.0.1", 0}}, metrics);
  server.add_service(service);
  server.start();
  auto stub = pb::ProductService::NewStub(
      ecn::rpc::make_channel("127.0.0.1:" + std::to_string(server.port())));
  const auto statuses =
      call_at_once(*stub, std::vector<std::string>(300, "p1"), std::chrono::seconds(30));
  int ok = 0;
  for (const auto& status : statuses) {
    if (status.ok())
      ++ok;
    else
      ADD_FAILURE() << status.error_code() << " " << status.error_message();
  }
  EXPECT_EQ(ok, 300);
  EXPECT_EQ(service.ran("p1"), 300);
}

// Calls made in the background; on the way out (also after a failed assertion) the blocked
// ones are released and the callers joined.
class BackgroundCalls {
 public:
  BackgroundCalls(ScriptedProducts& service, pb::ProductService::Stub& stub)
      : service_(service), stub_(stub) {}
  ~BackgroundCalls() { service_.release(); }
  void start(std::vector<std::string> ids) {
    callers_.emplace_back(
        [this, ids = std::move(ids)] { call_at_once(stub_, ids, std::chrono::seconds(30)); });
  }
  void finish() {
    service_.release();
    callers_.clear();  // joins
  }

 private:
  ScriptedProducts& service_;
  pb::ProductService::Stub& stub_;
  std::vector<std::jthread> callers_;
};

TEST_F(RpcServerTest, ACallWhoseDeadlinePassesWhileQueuedIsRefusedWithoutRunning) {
  BackgroundCalls holders(service_, *stub_);
  holders.start({"block", "block"});  // both workers held
  ASSERT_TRUE(
      ecn::testing::wait_until([&] { return service_.blocked() == 2; }, std::chrono::seconds(10)));
  const auto sent = std::chrono::steady_clock::now();
  const auto late = call_at_once(*stub_, {"late"}, std::chrono::milliseconds(200));
  EXPECT_EQ(late[0].error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The server's copy of the deadline (arrival + the grpc-timeout header) can lie a little
  // after the client's: what is awaited here is that moment itself, passed with a margin.
  std::this_thread::sleep_until(sent + std::chrono::milliseconds(400));
  holders.finish();
  // A worker took the late call (three waits observed) and answered it without its body.
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] {
        return metrics_.render().find("rpc_server_queue_wait_seconds_count 3") != std::string::npos;
      },
      std::chrono::seconds(10)))
      << metrics_.render();
  EXPECT_EQ(service_.ran("late"), 0);
  EXPECT_EQ(service_.ran("block"), 2);
}

TEST_F(RpcServerTest, AFullQueueIsUnavailableWithARetryPushback) {
  BackgroundCalls holders(service_, *stub_);
  holders.start({"block", "block"});
  ASSERT_TRUE(
      ecn::testing::wait_until([&] { return service_.blocked() == 2; }, std::chrono::seconds(10)));
  holders.start(std::vector<std::string>(8, "queued"));  // the fixture's queue holds 8
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return metrics_.render().find("rpc_server_queued_calls 8") != std::string::npos; },
      std::chrono::seconds(10)))
      << metrics_.render();
  grpc::ClientContext context;
  ecn::rpc::prepare_call(context, std::chrono::seconds(5));
  pb::GetProductRequest request;
  request.set_id("refused");
  pb::Product product;
  const auto status = stub_->GetProduct(&context, request, &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(), "the service is busy, try again shortly");
  const auto& trailers = context.GetServerTrailingMetadata();
  const auto pushback = trailers.find("grpc-retry-pushback-ms");
  ASSERT_NE(pushback, trailers.end());
  EXPECT_EQ(std::string(pushback->second.data(), pushback->second.size()), "100");
  EXPECT_NE(metrics_.render().find("rpc_server_queue_rejected_total 1"), std::string::npos);
  holders.finish();
  EXPECT_EQ(service_.ran("queued"), 8);
  EXPECT_EQ(service_.ran("refused"), 0);
}

TEST_F(RpcServerTest, ChannelsRetryTheReadsTheyNameOnUnavailable) {
  const auto address = "127.0.0.1:" + std::to_string(server_.port());
  const auto get_with = [&](const std::shared_ptr<grpc::Channel>& channel, const std::string& id) {
    grpc::ClientContext context;
    ecn::rpc::prepare_call(context, std::chrono::seconds(5));
    pb::GetProductRequest request;
    request.set_id(id);
    pb::Product product;
    return pb::ProductService::NewStub(channel)->GetProduct(&context, request, &product);
  };
  // The first attempt meets a database that is away, the retry finds it back.
  const auto retrying = ecn::rpc::make_channel(
      address, {.methods = {"ecommerce.product.v1.ProductService/GetProduct"}});
  EXPECT_TRUE(get_with(retrying, "flaky-1").ok());
  EXPECT_EQ(service_.ran("flaky-1"), 2);
  // A method the policy does not name is not retried.
  const auto plain = ecn::rpc::make_channel(address);
  EXPECT_EQ(get_with(plain, "flaky-2").error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(service_.ran("flaky-2"), 1);
  EXPECT_THROW(ecn::rpc::make_channel(address, {.methods = {"GetProduct"}}), std::invalid_argument);
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
