#include "ecn/ops/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ecn::ops {
namespace {

using ::testing::HasSubstr;

TEST(MetricsTest, CounterFamilyRendersExactly) {
  MetricsRegistry registry;
  registry.counter("http_requests_total", "Requests served.", {{"method", "GET"}, {"code", "200"}})
      .inc();
  registry.counter("http_requests_total", "Requests served.", {{"code", "200"}, {"method", "GET"}})
      .inc(2);
  registry.counter("http_requests_total", "Requests served.", {{"code", "500"}, {"method", "GET"}})
      .inc();
  EXPECT_EQ(registry.render(),
            "# HELP http_requests_total Requests served.\n"
            "# TYPE http_requests_total counter\n"
            "http_requests_total{code=\"200\",method=\"GET\"} 3\n"
            "http_requests_total{code=\"500\",method=\"GET\"} 1\n");
}

TEST(MetricsTest, SameNameAndLabelsGiveTheSameObject) {
  MetricsRegistry registry;
  Counter& a = registry.counter("c_total", "h", {{"x", "1"}, {"y", "2"}});
  Counter& b = registry.counter("c_total", "h", {{"y", "2"}, {"x", "1"}});
  Counter& other = registry.counter("c_total", "h", {{"x", "2"}, {"y", "2"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &other);
  Gauge& g1 = registry.gauge("g", "h");
  EXPECT_EQ(&g1, &registry.gauge("g", "h"));
  Histogram& h1 = registry.histogram("h_seconds", "h", {1, 2});
  EXPECT_EQ(&h1, &registry.histogram("h_seconds", "h", {1, 2}));
}

TEST(MetricsTest, CounterIgnoresNegativeAndNaNAmounts) {
  MetricsRegistry registry;
  Counter& counter = registry.counter("events_total", "Events.");
  counter.inc(1.5);
  counter.inc(-1);
  counter.inc(std::nan(""));
  EXPECT_EQ(counter.value(), 1.5);
  EXPECT_EQ(registry.render(),
            "# HELP events_total Events.\n"
            "# TYPE events_total counter\n"
            "events_total 1.5\n");
}

TEST(MetricsTest, GaugeRendersSetAddAndSpecialValues) {
  MetricsRegistry registry;
  Gauge& in_use = registry.gauge("pool_connections", "Connections by state.", {{"state", "used"}});
  in_use.set(10);
  in_use.add(-2.5);
  in_use.inc();
  in_use.dec();
  registry.gauge("pool_connections", "Connections by state.", {{"state", "idle"}}).set(1e6);
  registry.gauge("odd_values", "Odd.", {{"kind", "nan"}}).set(std::nan(""));
  registry.gauge("odd_values", "Odd.", {{"kind", "pinf"}})
      .set(std::numeric_limits<double>::infinity());
  registry.gauge("odd_values", "Odd.", {{"kind", "ninf"}})
      .set(-std::numeric_limits<double>::infinity());
  registry.gauge("odd_values", "Odd.", {{"kind", "small"}}).set(0.1);
  EXPECT_EQ(registry.render(),
            "# HELP odd_values Odd.\n"
            "# TYPE odd_values gauge\n"
            "odd_values{kind=\"nan\"} NaN\n"
            "odd_values{kind=\"ninf\"} -Inf\n"
            "odd_values{kind=\"pinf\"} +Inf\n"
            "odd_values{kind=\"small\"} 0.1\n"
            "# HELP pool_connections Connections by state.\n"
            "# TYPE pool_connections gauge\n"
            "pool_connections{state=\"idle\"} 1e+06\n"
            "pool_connections{state=\"used\"} 7.5\n");
}

TEST(MetricsTest, HistogramRendersCumulativeBucketsSumAndCount) {
  MetricsRegistry registry;
  Histogram& latency = registry.histogram("rpc_duration_seconds", "RPC latency.", {0.25, 0.5, 1},
                                          {{"method", "GetUser"}});
  latency.observe(0.125);
  latency.observe(0.25);  // bounds are inclusive
  latency.observe(0.5);
  latency.observe(2.0);
  registry.histogram("rpc_duration_seconds", "RPC latency.", {0.25, 0.5, 1},
                     {{"method", "ListUsers"}});
  EXPECT_EQ(registry.render(),
            "# HELP rpc_duration_seconds RPC latency.\n"
            "# TYPE rpc_duration_seconds histogram\n"
            "rpc_duration_seconds_bucket{method=\"GetUser\",le=\"0.25\"} 2\n"
            "rpc_duration_seconds_bucket{method=\"GetUser\",le=\"0.5\"} 3\n"
            "rpc_duration_seconds_bucket{method=\"GetUser\",le=\"1\"} 3\n"
            "rpc_duration_seconds_bucket{method=\"GetUser\",le=\"+Inf\"} 4\n"
            "rpc_duration_seconds_sum{method=\"GetUser\"} 2.875\n"
            "rpc_duration_seconds_count{method=\"GetUser\"} 4\n"
            "rpc_duration_seconds_bucket{method=\"ListUsers\",le=\"0.25\"} 0\n"
            "rpc_duration_seconds_bucket{method=\"ListUsers\",le=\"0.5\"} 0\n"
            "rpc_duration_seconds_bucket{method=\"ListUsers\",le=\"1\"} 0\n"
            "rpc_duration_seconds_bucket{method=\"ListUsers\",le=\"+Inf\"} 0\n"
            "rpc_duration_seconds_sum{method=\"ListUsers\"} 0\n"
            "rpc_duration_seconds_count{method=\"ListUsers\"} 0\n");
}

TEST(MetricsTest, UnlabelledHistogramAndDurations) {
  MetricsRegistry registry;
  Histogram& histogram = registry.histogram("batch_seconds", "Batch time.", {0.5, 1, 2.5});
  histogram.observe(std::chrono::milliseconds(750));
  histogram.observe(std::chrono::seconds(2));
  EXPECT_EQ(registry.render(),
            "# HELP batch_seconds Batch time.\n"
            "# TYPE batch_seconds histogram\n"
            "batch_seconds_bucket{le=\"0.5\"} 0\n"
            "batch_seconds_bucket{le=\"1\"} 1\n"
            "batch_seconds_bucket{le=\"2.5\"} 2\n"
            "batch_seconds_bucket{le=\"+Inf\"} 2\n"
            "batch_seconds_sum 2.75\n"
            "batch_seconds_count 2\n");
}

TEST(MetricsTest, TrailingInfBoundIsImplied) {
  MetricsRegistry registry;
  Histogram& histogram =
      registry.histogram("sizes", "Sizes.", {1, 10, std::numeric_limits<double>::infinity()});
  EXPECT_EQ(histogram.upper_bounds(), (std::vector<double>{1, 10}));
  EXPECT_EQ(&histogram, &registry.histogram("sizes", "Sizes.", {1, 10}));
}

TEST(MetricsTest, EscapesLabelValuesAndHelp) {
  MetricsRegistry registry;
  registry
      .counter("paths_total", "Paths seen.\nBackslash \\ stays \"quoted\".",
               {{"path", "C:\\dir\n\"x\""}})
      .inc();
  EXPECT_EQ(registry.render(),
            "# HELP paths_total Paths seen.\\nBackslash \\\\ stays \"quoted\".\n"
            "# TYPE paths_total counter\n"
            "paths_total{path=\"C:\\\\dir\\n\\\"x\\\"\"} 1\n");
}

TEST(MetricsTest, CallbackGaugeIsSampledAtScrapeAndRemovedWithItsHandle) {
  MetricsRegistry registry;
  double backlog = 3;
  {
    GaugeCallback handle = registry.gauge_callback("outbox_backlog", "Unsent outbox rows.",
                                                   {{"topic", "orders"}}, [&] { return backlog; });
    EXPECT_THAT(registry.render(), HasSubstr("outbox_backlog{topic=\"orders\"} 3\n"));
    backlog = 42;
    EXPECT_THAT(registry.render(), HasSubstr("outbox_backlog{topic=\"orders\"} 42\n"));
    EXPECT_THROW(registry.gauge("outbox_backlog", "Unsent outbox rows.", {{"topic", "orders"}}),
                 std::invalid_argument);
    EXPECT_THROW((void)registry.gauge_callback("outbox_backlog", "Unsent outbox rows.",
                                               {{"topic", "orders"}}, [] { return 0.0; }),
                 std::invalid_argument);
    GaugeCallback moved = std::move(handle);
    EXPECT_THAT(registry.render(), HasSubstr("42"));
  }
  EXPECT_EQ(registry.render(), "");
}

TEST(MetricsTest, ThrowingCallbackReadsAsNaN) {
  MetricsRegistry registry;
  GaugeCallback handle = registry.gauge_callback(
      "lag", "Lag.", {}, []() -> double { throw std::runtime_error("broker gone"); });
  EXPECT_EQ(registry.render(), "# HELP lag Lag.\n# TYPE lag gauge\nlag NaN\n");
}

TEST(MetricsTest, RejectsInvalidNamesAndConflicts) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.counter("", "h"), std::invalid_argument);
  EXPECT_THROW(registry.counter("1abc", "h"), std::invalid_argument);
  EXPECT_THROW(registry.counter("has-dash", "h"), std::invalid_argument);
  EXPECT_THROW(registry.counter("has space", "h"), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok_total", "h", {{"__reserved", "x"}}), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok_total", "h", {{"bad-label", "x"}}), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok_total", "h", {{"a", "1"}, {"a", "2"}}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("hist", "h", {1}, {{"le", "1"}}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("hist", "h", {2, 1}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("hist", "h", {1, 1}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("hist", "h", {std::nan("")}), std::invalid_argument);

  registry.counter("namespace:metric_total", "Colons are allowed.");
  EXPECT_THROW(registry.gauge("namespace:metric_total", "Colons are allowed."),
               std::invalid_argument);
  EXPECT_THROW(registry.counter("namespace:metric_total", "Other help."), std::invalid_argument);
  registry.histogram("latency", "h", {1, 2});
  EXPECT_THROW(registry.histogram("latency", "h", {1, 3}), std::invalid_argument);
  // Failed registrations leave no trace.
  EXPECT_EQ(registry.render(),
            "# HELP latency h\n# TYPE latency histogram\n"
            "latency_bucket{le=\"1\"} 0\nlatency_bucket{le=\"2\"} 0\n"
            "latency_bucket{le=\"+Inf\"} 0\nlatency_sum 0\nlatency_count 0\n"
            "# HELP namespace:metric_total Colons are allowed.\n"
            "# TYPE namespace:metric_total counter\n"
            "namespace:metric_total 0\n");
}

TEST(MetricsTest, ConcurrentUpdatesAreNotLost) {
  MetricsRegistry registry;
  Counter& counter = registry.counter("ops_total", "Ops.");
  Histogram& histogram = registry.histogram("op_seconds", "Op time.", {0.5});
  Gauge& gauge = registry.gauge("level", "Level.");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        counter.inc();
        histogram.observe(i % 2 == 0 ? 0.25 : 1.0);
        gauge.inc();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), kThreads * kPerThread);
  EXPECT_EQ(gauge.value(), kThreads * kPerThread);
  const auto counts = histogram.bucket_counts();
  EXPECT_EQ(counts[0], static_cast<std::uint64_t>(kThreads * kPerThread / 2));
  EXPECT_EQ(counts[1], static_cast<std::uint64_t>(kThreads * kPerThread / 2));
  EXPECT_EQ(histogram.sum(), kThreads * kPerThread / 2 * 1.25);
}

TEST(MetricsTest, DefaultLatencyBucketsAreIncreasing) {
  const auto buckets = default_latency_buckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_TRUE(std::is_sorted(buckets.begin(), buckets.end()));
  MetricsRegistry registry;
  EXPECT_NO_THROW(registry.histogram("x_seconds", "x", buckets));
}

}  // namespace
}  // namespace ecn::ops
