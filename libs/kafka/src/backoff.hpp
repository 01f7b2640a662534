#pragma once

#include <algorithm>
#include <chrono>

namespace ecn::kafka::detail {

// Exponential backoff capped at a maximum: next() gives the delay to wait now and doubles the
// following one; reset() after a success starts again from the initial delay.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max)
      : initial_(std::max(initial, std::chrono::milliseconds(1))),
        max_(std::max(max, initial_)),
        next_(initial_) {}

  std::chrono::milliseconds next() {
    const auto delay = next_;
    next_ = std::min(next_ * 2, max_);
    return delay;
  }
  void reset() { next_ = initial_; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::chrono::milliseconds next_;
};

}  // namespace ecn::kafka::detail
