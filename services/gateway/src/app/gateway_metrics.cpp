#include "app/gateway_metrics.hpp"

#include <string>

namespace ecn::gateway::app {

GatewayMetrics::GatewayMetrics(ops::MetricsRegistry& registry)
    : registry_(registry),
      latency_(registry.histogram("gateway_http_request_duration_seconds",
                                  "Time from reading an HTTP request to writing its response.",
                                  ops::default_latency_buckets())),
      open_connections_(
          registry.gauge("gateway_http_open_connections", "HTTP connections currently open.")) {}

ops::Counter& GatewayMetrics::requests(int status) {
  const auto index = static_cast<std::size_t>(status) < by_status_.size() ? status : 0;
  if (auto* counter = by_status_[index].load(std::memory_order_acquire)) return *counter;
  auto& counter = registry_.counter("gateway_http_requests_total", "HTTP requests answered.",
                                    {{"status", std::to_string(status)}});
  by_status_[index].store(&counter, std::memory_order_release);
  return counter;
}

http::HttpServerHooks GatewayMetrics::hooks() {
  http::HttpServerHooks hooks;
  hooks.connection_opened = [this] { open_connections_.inc(); };
  hooks.connection_closed = [this] { open_connections_.dec(); };
  hooks.request_done = [this](const http::HttpRequest&, const http::HttpResponse& response,
                              std::chrono::steady_clock::duration elapsed) {
    requests(response.status).inc();
    latency_.observe(elapsed);
  };
  return hooks;
}

}  // namespace ecn::gateway::app
