#pragma once

#include <array>
#include <atomic>

#include "ecn/ops/metrics.hpp"
#include "http/http_server.hpp"

namespace ecn::gateway::app {

// The HTTP front door's series on /metrics: requests by status, latency, open connections.
class GatewayMetrics {
 public:
  // `registry` must outlive this object.
  explicit GatewayMetrics(ops::MetricsRegistry& registry);

  // Hooks for HttpServer that feed the series; they refer to this object.
  http::HttpServerHooks hooks();

 private:
  ops::Counter& requests(int status);

  ops::MetricsRegistry& registry_;
  ops::Histogram& latency_;
  ops::Gauge& open_connections_;
  // Series looked up once per status code, so the hot path takes no registry lock.
  std::array<std::atomic<ops::Counter*>, 600> by_status_{};
};

}  // namespace ecn::gateway::app
