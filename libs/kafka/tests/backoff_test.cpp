#include "backoff.hpp"

#include <gtest/gtest.h>

namespace ecn::kafka::detail {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesUpToTheCap) {
  Backoff backoff(milliseconds(100), milliseconds(1000));
  EXPECT_EQ(backoff.next(), milliseconds(100));
  EXPECT_EQ(backoff.next(), milliseconds(200));
  EXPECT_EQ(backoff.next(), milliseconds(400));
  EXPECT_EQ(backoff.next(), milliseconds(800));
  EXPECT_EQ(backoff.next(), milliseconds(1000));
  EXPECT_EQ(backoff.next(), milliseconds(1000));
}

TEST(Backoff, ResetStartsOver) {
  Backoff backoff(milliseconds(50), milliseconds(400));
  backoff.next();
  backoff.next();
  backoff.reset();
  EXPECT_EQ(backoff.next(), milliseconds(50));
}

TEST(Backoff, CapBelowInitialIsRaisedToInitial) {
  Backoff backoff(milliseconds(300), milliseconds(100));
  EXPECT_EQ(backoff.next(), milliseconds(300));
  EXPECT_EQ(backoff.next(), milliseconds(300));
}

TEST(Backoff, ZeroInitialStillWaits) {
  Backoff backoff(milliseconds(0), milliseconds(4));
  EXPECT_EQ(backoff.next(), milliseconds(1));
  EXPECT_EQ(backoff.next(), milliseconds(2));
}

}  // namespace
}  // namespace ecn::kafka::detail
