#include "latency_stats.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace ecn::bench {

double LatencyStats::percentile(double p) {
  if (samples_.empty()) return 0;
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples_.size())));
  return samples_[std::clamp<std::size_t>(rank, 1, samples_.size()) - 1];
}

std::string LatencyStats::summary() {
  return fmt::format("p50 {:.1f}, p90 {:.1f}, p99 {:.1f}, p99.9 {:.1f}, max {:.1f}", percentile(50),
                     percentile(90), percentile(99), percentile(99.9), percentile(100));
}

}  // namespace ecn::bench
