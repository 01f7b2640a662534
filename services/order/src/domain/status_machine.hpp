#pragma once

#include <string_view>

#include "domain/order_status.hpp"
#include "ecn/core/status.hpp"

// The order state machine:
//
//   PENDING ──▶ CONFIRMED ──▶ SHIPPED ──▶ DELIVERED
//      │            │
//      └────────────┴──▶ CANCELLED
//
// DELIVERED and CANCELLED are final. Asking for the current status again is allowed and
// changes nothing (retries and duplicate clicks are harmless).
namespace ecn::order::domain {

// What a requested status change amounts to.
enum class Transition {
  kNoOp,       // already in that status: nothing is written, nothing is published
  kAllowed,    // a real transition: written, recorded in the history, published
  kForbidden,  // not an edge of the machine
};

Transition classify_transition(OrderStatus from, OrderStatus to);

// kAllowed → true, kNoOp → false, kForbidden → FAILED_PRECONDITION naming the order and both
// states: "status: order <id> cannot go from DELIVERED to PENDING".
core::Result<bool> check_transition(std::string_view order_id, OrderStatus from, OrderStatus to);

}  // namespace ecn::order::domain
