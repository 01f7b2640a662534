#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "ecn/ops/ops_server.hpp"

namespace ecn::ops::detail {

// How one check ended within a probe.
enum class CheckOutcome { kOk, kFailing, kTimeout };

// The answer of one /readyz probe.
struct ReadinessReport {
  bool ready = true;
  std::vector<std::pair<std::string, CheckOutcome>> checks;

  // {"status":"ready|unavailable","checks":{"<name>":"ok|failing|timeout",...}}
  std::string to_json() const;
};

// Runs readiness checks for the ops server. Each check runs on a thread of its own and reports
// back through `executor`; while a run is in flight, further probes wait for that run instead
// of starting another, so a hung dependency costs one thread, not one per probe.
class ReadinessChecks {
 public:
  explicit ReadinessChecks(boost::asio::any_io_executor executor);
  // Joins the check threads (see join()).
  ~ReadinessChecks();
  ReadinessChecks(const ReadinessChecks&) = delete;
  ReadinessChecks& operator=(const ReadinessChecks&) = delete;

  // Thread-safe. Throws std::invalid_argument for a name already registered.
  void add(std::string name, ReadinessCheck check);

  // Runs every check and waits at most `timeout` for them. Must run on `executor`, which must
  // be single-threaded: that is what keeps the per-check state free of locks.
  boost::asio::awaitable<ReadinessReport> probe(std::chrono::milliseconds timeout);

  // Waits for running checks and drops waiting probes. Call once the executor no longer runs.
  void join();

 private:
  struct Check;
  struct Round;

  void start(const std::shared_ptr<Check>& check, std::shared_ptr<Round> round, std::size_t index);

  boost::asio::any_io_executor executor_;
  std::mutex mutex_;  // guards checks_ (the list, not the per-check state)
  std::vector<std::shared_ptr<Check>> checks_;
};

}  // namespace ecn::ops::detail
