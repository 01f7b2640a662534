#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ecn::bench {

// Samples (milliseconds) and their percentiles, nearest-rank.
class LatencyStats {
 public:
  void add(double ms) {
    samples_.push_back(ms);
    sorted_ = false;
  }
  std::size_t count() const { return samples_.size(); }
  // The p-th percentile (0 < p ≤ 100); 0 without samples.
  double percentile(double p);
  // "p50 1.2, p90 …, p99 …, p99.9 …, max …".
  std::string summary();

 private:
  std::vector<double> samples_;
  bool sorted_ = false;
};

}  // namespace ecn::bench
