#include "upstream/upstream_failures.hpp"

#include <spdlog/spdlog.h>

#include <string>

#include "ecn/core/logging.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/rpc/status_mapping.hpp"

namespace ecn::gateway::upstream {

void UpstreamFailures::record(UpstreamMethod method, const grpc::Status& status,
                              std::string_view request_id,
                              const graphql::execution::FieldError& seen) {
  if (seen.code != "UNAVAILABLE" && seen.code != "INTERNAL_SERVER_ERROR") return;
  const std::string code(rpc::code_name(status.error_code()));
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
