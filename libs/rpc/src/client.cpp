#include "ecn/rpc/client.hpp"

#include <fmt/format.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "ecn/core/logging.hpp"

namespace ecn::rpc {

std::string retry_service_config(const RetryPolicy& retry) {
  if (retry.methods.empty()) return {};
  boost::json::array names;
  for (const auto& method : retry.methods) {
    const auto slash = method.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == method.size()) {
      throw std::invalid_argument("retry policy: \"" + method + "\" is not package.Service/Method");
    }
    names.push_back(boost::json::object{{"service", method.substr(0, slash)},
                                        {"method", method.substr(slash + 1)}});
  }
  // Written by hand around the names: gRPC's JSON reader refuses Boost's "1E-1" for 0.1.
  // Retries stop while fewer than half of the 10 tokens are left; each failure takes one, each
  // success gives back 0.1.
  return fmt::format(
      R"({{"methodConfig":[{{"name":{},"retryPolicy":{{"maxAttempts":{},"initialBackoff":"0.05s",)"
      R"("maxBackoff":"0.5s","backoffMultiplier":2,"retryableStatusCodes":["UNAVAILABLE"]}}}}],)"
      R"("retryThrottling":{{"maxTokens":10,"tokenRatio":0.1}}}})",
      boost::json::serialize(names), retry.max_attempts);
}

std::shared_ptr<grpc::Channel> make_channel(std::string_view target, const RetryPolicy& retry,
                                            const Keepalive& keepalive) {
  grpc::ChannelArguments args;
  if (const auto config = retry_service_config(retry); !config.empty()) {
    args.SetServiceConfigJSON(config);
  }
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, static_cast<int>(keepalive.ping_every.count()));
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, static_cast<int>(keepalive.ping_timeout.count()));
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  // Keep pinging an idle connection (gRPC stops after 2 pings without data by default), at the
  // keepalive's pace rather than gRPC's 5 minutes, so a dead idle peer is noticed too.
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  args.SetInt(GRPC_ARG_HTTP2_MIN_SENT_PING_INTERVAL_WITHOUT_DATA_MS,
              static_cast<int>(keepalive.ping_every.count()));
  return grpc::CreateCustomChannel(std::string(target), grpc::InsecureChannelCredentials(), args);
}

void prepare_call(grpc::ClientContext& context, std::chrono::milliseconds deadline) {
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  const auto request_id = core::current_request_id();
  if (!request_id.empty()) context.AddMetadata("x-request-id", std::string(request_id));
}

}  // namespace ecn::rpc
