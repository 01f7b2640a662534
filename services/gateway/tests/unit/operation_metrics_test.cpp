#include "app/operation_metrics.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <set>
#include <string>

namespace ecn::gateway::app {
namespace {

using namespace std::chrono_literals;
using Result = OperationMetrics::Result;

// The operation labels of gateway_graphql_operations_total in a rendered registry.
std::set<std::string> operation_labels(const ops::MetricsRegistry& registry) {
  const auto text = registry.render();
  std::set<std::string> labels;
  const std::regex label(R"re(gateway_graphql_operations_total\{operation="([^"]+)")re");
  for (std::sregex_iterator it(text.begin(), text.end(), label), end; it != end; ++it) {
    labels.insert((*it)[1]);
  }
  return labels;
}

// The value of one series in a rendered registry, -1 when absent.
double value_of(const ops::MetricsRegistry& registry, const std::string& series) {
  const auto text = registry.render();
  const auto at = text.find("\n" + series + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size() + 2));
}

TEST(OperationMetricsTest, LabelsAreTheNameAnonymousOrInvalid) {
  EXPECT_EQ(OperationMetrics::label_for("Products"), "Products");
  EXPECT_EQ(OperationMetrics::label_for("_op9"), "_op9");
  EXPECT_EQ(OperationMetrics::label_for(""), "anonymous");
  EXPECT_EQ(OperationMetrics::label_for("9lives"), "invalid");
  EXPECT_EQ(OperationMetrics::label_for("a\"b"), "invalid");  // never a broken label value
  EXPECT_EQ(OperationMetrics::label_for(std::string(65, 'a')), "invalid");
  EXPECT_EQ(OperationMetrics::label_for(std::string(64, 'a')), std::string(64, 'a'));
}

TEST(OperationMetricsTest, CountsResultsAndLatencyPerOperation) {
  ops::MetricsRegistry registry;
  OperationMetrics metrics(registry);
  metrics.record("Products", Result::kOk, 2ms);
  metrics.record("Products", Result::kOk, 3ms);
  metrics.record("Products", Result::kFieldErrors, 1ms);
  metrics.record("Whatever", Result::kRefused, 1ms);  // refused: counted as invalid
  metrics.record("", Result::kOk, 1ms);
  EXPECT_EQ(
      value_of(registry, R"(gateway_graphql_operations_total{operation="Products",result="ok"})"),
      2);
  EXPECT_EQ(
      value_of(registry,
               R"(gateway_graphql_operations_total{operation="Products",result="field_errors"})"),
      1);
  EXPECT_EQ(value_of(registry,
                     R"(gateway_graphql_operations_total{operation="invalid",result="refused"})"),
            1);
  EXPECT_EQ(operation_labels(registry),
            (std::set<std::string>{"Products", "invalid", "anonymous"}));
  const auto text = registry.render();
  EXPECT_NE(text.find("gateway_graphql_operation_duration_seconds_count{operation=\"Products\"} 3"),
            std::string::npos)
      << text;
}

TEST(OperationMetricsTest, NamesBeyondTheBoundShareOther) {
  ops::MetricsRegistry registry;
  OperationMetrics metrics(registry, 3);
  for (int i = 0; i < 50; ++i) metrics.record("Op" + std::to_string(i), Result::kOk, 1ms);
  metrics.record("Op1", Result::kOk, 1ms);  // a name seen before the bound keeps its label
  metrics.record("", Result::kOk, 1ms);     // reserved labels are not counted against it
  EXPECT_EQ(operation_labels(registry),
            (std::set<std::string>{"Op0", "Op1", "Op2", "other", "anonymous"}));
  EXPECT_EQ(
      value_of(registry, R"(gateway_graphql_operations_total{operation="other",result="ok"})"), 47);
  EXPECT_EQ(value_of(registry, R"(gateway_graphql_operations_total{operation="Op1",result="ok"})"),
            2);
}

}  // namespace
}  // namespace ecn::gateway::app
