#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecn/ops/metrics.hpp"

namespace ecn::gateway::app {

// Per-operation GraphQL series on /metrics: gateway_graphql_operations_total{operation, result}
// and gateway_graphql_operation_duration_seconds{operation}. The operation label is the
// executed operation's name, "anonymous" without one, "invalid" for requests refused before
// execution; names are client-chosen, so only the first `max_names` distinct ones get their own
// label and later ones share "other" (a bounded number of series whatever clients send).
class OperationMetrics {
 public:
  // What became of a request: answered without errors, with field errors, or refused.
  enum class Result { kOk, kFieldErrors, kRefused };

  // `registry` must outlive this object.
  explicit OperationMetrics(ops::MetricsRegistry& registry, std::size_t max_names = 100);

  void record(std::string_view operation_name, Result result,
              std::chrono::steady_clock::duration elapsed);

  // "anonymous" for an empty name, "invalid" for what is no GraphQL name, else the name (the
  // series may still be "other", see the class comment).
  static std::string label_for(std::string_view operation_name);

 private:
  struct Series {
    ops::Counter* ok = nullptr;
    ops::Counter* field_errors = nullptr;
    ops::Counter* refused = nullptr;
    ops::Histogram* latency = nullptr;
  };
  Series& series(const std::string& label);
  Series make_series(const std::string& label);

  ops::MetricsRegistry& registry_;
  std::size_t max_names_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<Series>> by_label_;
  std::size_t named_ = 0;
};

// Buckets for GraphQL operations in seconds: 0.25 ms .. 10 s, fine below 10 ms where a cached
// answer lands.
std::vector<double> operation_latency_buckets();

}  // namespace ecn::gateway::app
