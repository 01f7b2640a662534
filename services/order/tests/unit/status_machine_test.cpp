#include "domain/status_machine.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace ecn::order::domain {
namespace {

using S = OrderStatus;

// The whole machine as a table: every (from, to) pair not listed here as allowed, other than
// staying put, is forbidden.
const std::map<std::pair<S, S>, Transition>& expected_table() {
  static const std::map<std::pair<S, S>, Transition> table = [] {
    std::map<std::pair<S, S>, Transition> t;
    for (auto from : kAllStatuses) {
      for (auto to : kAllStatuses)
        t[{from, to}] = from == to ? Transition::kNoOp : Transition::kForbidden;
    }
    t[{S::kPending, S::kConfirmed}] = Transition::kAllowed;
    t[{S::kConfirmed, S::kShipped}] = Transition::kAllowed;
    t[{S::kShipped, S::kDelivered}] = Transition::kAllowed;
    t[{S::kPending, S::kCancelled}] = Transition::kAllowed;
    t[{S::kConfirmed, S::kCancelled}] = Transition::kAllowed;
    return t;
  }();
  return table;
}

TEST(StatusMachine, ClassifiesEveryPairOfStatuses) {
  ASSERT_EQ(expected_table().size(), 25u);
  for (const auto& [pair, expected] : expected_table()) {
    EXPECT_EQ(classify_transition(pair.first, pair.second), expected)
        << to_string(pair.first) << " -> " << to_string(pair.second);
  }
}

TEST(StatusMachine, CheckTransitionAgreesWithTheTableAndNamesBothStates) {
  for (const auto& [pair, expected] : expected_table()) {
    const auto [from, to] = pair;
    const auto result = check_transition("o-1", from, to);
    switch (expected) {
      case Transition::kNoOp:
        ASSERT_TRUE(result);
        EXPECT_FALSE(*result);
        break;
      case Transition::kAllowed:
        ASSERT_TRUE(result);
        EXPECT_TRUE(*result);
        break;
      case Transition::kForbidden:
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, core::ErrorCode::kFailedPrecondition);
        EXPECT_EQ(result.error().message, "status: order o-1 cannot go from " +
                                              std::string(to_string(from)) + " to " +
                                              std::string(to_string(to)));
        break;
    }
  }
}

TEST(StatusMachine, FinalStatesHaveNoWayOut) {
  for (auto to : kAllStatuses) {
    if (to != S::kDelivered) {
      EXPECT_EQ(classify_transition(S::kDelivered, to), Transition::kForbidden);
    }
    if (to != S::kCancelled) {
      EXPECT_EQ(classify_transition(S::kCancelled, to), Transition::kForbidden);
    }
  }
}

TEST(OrderStatus, NamesRoundTripAndNothingElseParses) {
  for (auto status : kAllStatuses) EXPECT_EQ(parse_status(to_string(status)), status);
  for (const char* bad : {"", "pending", "Pending", "PENDING ", "UNSPECIFIED", "1"}) {
    EXPECT_FALSE(parse_status(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace ecn::order::domain
