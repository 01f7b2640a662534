#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ecn/core/host_port.hpp"
#include "ecn/ops/metrics.hpp"

namespace ecn::ops {

// Probes one dependency for /readyz: true when it can serve. It runs on a thread of its own,
// so it may block (a `SELECT 1`, a broker metadata call), but it should bound its own wait:
// the server stops waiting for it after OpsServerOptions::check_timeout and reports "timeout",
// yet stop() has to join it.
using ReadinessCheck = std::function<bool()>;

// Tuning for OpsServer; the defaults suit Kubernetes-style probes.
struct OpsServerOptions {
  // How long /readyz waits for its checks before answering 503 with "timeout" for the slow ones.
  std::chrono::milliseconds check_timeout{2000};
  // A connection silent for this long is closed.
  std::chrono::milliseconds idle_timeout{30000};
};

// The operations endpoint every service runs beside its API (OPS_ADDR):
//   GET /healthz  200 "ok" while the process serves at all (liveness)
//   GET /readyz   200 when every readiness check passes, else 503; JSON body
//                 {"status":"ready|unavailable","checks":{"postgres":"ok","kafka":"failing"}}
//                 with "ok", "failing" (false or an exception) or "timeout" per check
//   GET /metrics  the registry in Prometheus text format 0.0.4
// anything else is 404, and a method other than GET 405. It runs its own I/O thread, so a busy
// or stuck service API never delays a probe.
class OpsServer {
 public:
  // `registry` must outlive the server.
  OpsServer(core::HostPort address, MetricsRegistry& registry, OpsServerOptions options = {});
  // Stops the server (see stop()).
  ~OpsServer();
  OpsServer(const OpsServer&) = delete;
  OpsServer& operator=(const OpsServer&) = delete;

  // Checks are reported in registration order; a name may be registered once. Callable before
  // or after start(), from any thread.
  void add_readiness_check(std::string name, ReadinessCheck check);

  // Binds and starts serving; port 0 binds a free port (see port()). Throws std::system_error
  // when the address cannot be bound, std::logic_error when called twice.
  void start();
  // Closes the listener and every connection and joins the I/O thread and check threads.
  // Idempotent; the server cannot be started again.
  void stop();

  // The bound port once start() returned (the chosen one for port 0); 0 before start() and
  // after stop().
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::ops
