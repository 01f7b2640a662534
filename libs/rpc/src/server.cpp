#include "ecn/rpc/server.hpp"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "ecn/core/status.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/rpc/status_mapping.hpp"

namespace ecn::rpc {
namespace {

const std::vector<double> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

// Counts every call and times it from the interceptor's creation (the call's arrival) to the
// moment its status is sent.
class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(ops::MetricsRegistry& metrics, std::string method)
      : metrics_(metrics), method_(std::move(method)), started_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const auto code = methods->GetSendStatus().error_code();
      metrics_
          .counter("rpc_server_requests_total", "gRPC calls handled, by method and status code",
                   {{"method", method_}, {"code", std::string(code_name(code))}})
          .inc();
      metrics_
          .histogram("rpc_server_request_duration_seconds", "gRPC call latency by method",
                     kLatencyBuckets, {{"method", method_}})
          .observe(std::chrono::steady_clock::now() - started_);
    }
    methods->Proceed();
  }

 private:
  ops::MetricsRegistry& metrics_;
  std::string method_;
  std::chrono::steady_clock::time_point started_;
};

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(ops::MetricsRegistry& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    // gRPC takes ownership of the interceptor and deletes it when the call ends.
    return std::make_unique<MetricsInterceptor>(metrics_, info->method()).release();
  }

 private:
  ops::MetricsRegistry& metrics_;
};

}  // namespace

struct RpcServer::Impl {
  Impl(ServerOptions server_options, ops::MetricsRegistry& registry)
      : options(std::move(server_options)), metrics(registry) {}

  ServerOptions options;
  ops::MetricsRegistry& metrics;
  std::vector<grpc::Service*> services;
  std::unique_ptr<grpc::Server> server;
  int bound_port = 0;
  std::once_flag stopped;
};

RpcServer::RpcServer(ServerOptions options, ops::MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), metrics)) {}

RpcServer::~RpcServer() {
  stop();
}

void RpcServer::add_service(grpc::Service& service) {
  impl_->services.push_back(&service);
}

void RpcServer::start() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // An empty host (the ":port" form) means every interface.
  const auto& configured = impl_->options.address;
  const std::string address = configured.host.empty() ? "0.0.0.0:" + std::to_string(configured.port)
                                                      : configured.to_string();
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &impl_->bound_port);
  builder.SetMaxReceiveMessageSize(static_cast<int>(impl_->options.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(impl_->options.max_message_bytes));
  // Our clients' keepalive pings, with or without calls, are welcome (see Keepalive).
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             static_cast<int>(impl_->options.keepalive.accept_pings_every.count()));
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
  factories.push_back(std::make_unique<MetricsInterceptorFactory>(impl_->metrics));
  builder.experimental().SetInterceptorCreators(std::move(factories));
  for (auto* service : impl_->services) builder.RegisterService(service);
  impl_->server = builder.BuildAndStart();
  if (!impl_->server || impl_->bound_port == 0) {
    impl_->server.reset();
    throw std::runtime_error("gRPC server cannot listen on " + address);
  }
  impl_->server->GetHealthCheckService()->SetServingStatus(true);
  spdlog::info("gRPC listening on {} (port {})", address, impl_->bound_port);
}

void RpcServer::stop() {
  if (!impl_ || !impl_->server) return;
  std::call_once(impl_->stopped, [this] {
    impl_->server->GetHealthCheckService()->SetServingStatus(false);
    impl_->server->Shutdown(std::chrono::system_clock::now() + impl_->options.shutdown_grace);
    impl_->server->Wait();
  });
}

std::uint16_t RpcServer::port() const {
  return static_cast<std::uint16_t>(impl_->bound_port);
}

}  // namespace ecn::rpc
