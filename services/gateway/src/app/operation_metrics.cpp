#include "app/operation_metrics.hpp"

#include <algorithm>

namespace ecn::gateway::app {
namespace {

constexpr std::size_t kMaxLabelLength = 64;

// GraphQL names are [_A-Za-z][_0-9A-Za-z]*; anything else was not an executed operation's name.
bool is_graphql_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxLabelLength) return false;
  const auto letter = [](char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  };
  if (!letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

}  // namespace

std::vector<double> operation_latency_buckets() {
  return {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

OperationMetrics::OperationMetrics(ops::MetricsRegistry& registry, std::size_t max_names)
    : registry_(registry), max_names_(max_names) {}

OperationMetrics::Series OperationMetrics::make_series(const std::string& label) {
  const auto counter = [&](const char* result) {
    return &registry_.counter("gateway_graphql_operations_total",
                              "GraphQL requests by operation name and result (ok, field_errors, "
                              "refused before execution).",
                              {{"operation", label}, {"result", result}});
  };
  return Series{counter("ok"), counter("field_errors"), counter("refused"),
                &registry_.histogram("gateway_graphql_operation_duration_seconds",
                                     "Time to parse, validate and execute a GraphQL request.",
                                     operation_latency_buckets(), {{"operation", label}})};
}

std::string OperationMetrics::label_for(std::string_view operation_name) {
  if (operation_name.empty()) return "anonymous";
  if (!is_graphql_name(operation_name)) return "invalid";
  return std::string(operation_name);
}

OperationMetrics::Series& OperationMetrics::series(const std::string& label) {
  {
    std::shared_lock lock(mutex_);
    if (const auto found = by_label_.find(label); found != by_label_.end()) return *found->second;
  }
  std::unique_lock lock(mutex_);
  if (const auto found = by_label_.find(label); found != by_label_.end()) return *found->second;
  const bool reserved = label == "anonymous" || label == "invalid";
  if (!reserved && named_ >= max_names_) {
    // Past the bound: names not seen yet all count under "other" and are not remembered, so
    // the map and the series stay bounded whatever clients send.
    auto other = by_label_.find("other");
    if (other == by_label_.end()) {
      other = by_label_.emplace("other", std::make_unique<Series>(make_series("other"))).first;
    }
    return *other->second;
  }
  if (!reserved) ++named_;
  return *by_label_.emplace(label, std::make_unique<Series>(make_series(label))).first->second;
}

void OperationMetrics::record(std::string_view operation_name, Result result,
                              std::chrono::steady_clock::duration elapsed) {
  auto& found =
      series(result == Result::kRefused ? std::string("invalid") : label_for(operation_name));
  switch (result) {
    case Result::kOk:
      found.ok->inc();
      break;
    case Result::kFieldErrors:
      found.field_errors->inc();
      break;
    case Result::kRefused:
      found.refused->inc();
      break;
  }
  found.latency->observe(elapsed);
}

}  // namespace ecn::gateway::app
