#include "upstream/upstream_failures.hpp"

#include <spdlog/spdlog.h>

#include <string>

#include "ecn/core/logging.hpp"
#include "ecn/core/status.hpp"
#include "ecn/ops/metrics.hpp"

namespace ecn::gateway::upstream {
namespace {

// gRPC's own name of a status code (core::ErrorCode names the ones our services use).
std::string code_name(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    default:
      return std::string(core::to_string(static_cast<core::ErrorCode>(code)));
  }
}

}  // namespace

void UpstreamFailures::record(UpstreamMethod method, const grpc::Status& status,
                              std::string_view request_id,
                              const graphql::execution::FieldError& seen) {
  if (seen.code != "UNAVAILABLE" && seen.code != "INTERNAL_SERVER_ERROR") return;
  const std::string code = code_name(status.error_code());
  metrics_
      .counter("gateway_upstream_failures_total",
               "Upstream calls that failed as UNAVAILABLE or INTERNAL_SERVER_ERROR for the client, "
               "by service, method and gRPC status code",
               {{"service", method.service}, {"method", method.method}, {"code", code}})
      .inc();
  core::RequestIdScope scope{std::string(request_id)};
  spdlog::warn("upstream {}/{} failed with {}: {} (the client sees {})", method.service,
               method.method, code, status.error_message(), seen.code);
}

}  // namespace ecn::gateway::upstream
