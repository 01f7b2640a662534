#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Prometheus metrics: series that code updates lock-free on the hot path, and a registry that
// renders them in the text exposition format 0.0.4 for /metrics.
namespace ecn::ops {

// The label pairs of one series, e.g. {{"method", "GetUser"}, {"code", "OK"}}. Order does not
// matter: {a, b} and {b, a} name the same series.
using Labels = std::vector<std::pair<std::string, std::string>>;

// A value that only goes up (requests served, events published). Negative or NaN amounts are
// ignored: a counter that went down would read as a restart to Prometheus.
class Counter {
 public:
  void inc(double amount = 1.0) noexcept;
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// A value that goes up and down (pool connections in use, consumer lag).
class Gauge {
 public:
  void set(double value) noexcept { value_.store(value, std::memory_order_relaxed); }
  void add(double amount) noexcept { value_.fetch_add(amount, std::memory_order_relaxed); }
  void inc() noexcept { add(1.0); }
  void dec() noexcept { add(-1.0); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Counts observations into fixed buckets (request latencies in seconds, batch sizes).
class Histogram {
 public:
  // `upper_bounds`: strictly increasing, finite; the +Inf bucket is implied.
  explicit Histogram(std::vector<double> upper_bounds);

  void observe(double value) noexcept;
  // Records a duration in seconds, the unit Prometheus expects.
  template <class Rep, class Period>
  void observe(std::chrono::duration<Rep, Period> elapsed) noexcept {
    observe(std::chrono::duration<double>(elapsed).count());
  }

  const std::vector<double>& upper_bounds() const noexcept { return upper_bounds_; }
  // Per-bucket counts (not cumulative), the last one for +Inf.
  std::vector<std::uint64_t> bucket_counts() const;
  double sum() const noexcept { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
  std::atomic<double> sum_{0.0};
};

// 5 ms .. 10 s, for request latencies in seconds.
std::vector<double> default_latency_buckets();

class MetricsRegistry;

// Keeps a callback gauge registered while it lives; destroying it removes the series, so an
// object can report its own state and never be sampled after it is gone.
class [[nodiscard]] GaugeCallback {
 public:
  GaugeCallback() = default;
  GaugeCallback(GaugeCallback&& other) noexcept;
  GaugeCallback& operator=(GaugeCallback&& other) noexcept;
  ~GaugeCallback();

 private:
  friend class MetricsRegistry;
  GaugeCallback(MetricsRegistry* registry, std::string name, Labels labels);
  void reset() noexcept;

  MetricsRegistry* registry_ = nullptr;
  std::string name_;
  Labels labels_;
};

// Owns every series of a process and renders them for scraping. Asking again for the same name
// and labels returns the same object, so callers may look a series up once and keep the
// reference (it stays valid for the registry's lifetime). Registration takes a lock; updates
// never do. Invalid names, a name reused with another type, help text or buckets, and the
// reserved label `le` on a histogram throw std::invalid_argument.
class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& histogram(std::string_view name, std::string_view help,
                       std::vector<double> upper_bounds, const Labels& labels = {});
  // A gauge whose value is `sample()` at scrape time. `sample` runs under the registry's lock:
  // it must be quick (read an atomic) and must not call back into the registry.
  GaugeCallback gauge_callback(std::string_view name, std::string_view help, const Labels& labels,
                               std::function<double()> sample);

  // Text exposition format 0.0.4: families sorted by name, HELP and TYPE once per family,
  // series sorted by labels.
  std::string render() const;

 private:
  friend class GaugeCallback;
  void remove_callback(const std::string& name, const Labels& labels) noexcept;

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ecn::ops
