#include "domain/status_machine.hpp"

#include <string>

namespace ecn::order::domain {

Transition classify_transition(OrderStatus from, OrderStatus to) {
  if (from == to) return Transition::kNoOp;
  switch (from) {
    case OrderStatus::kPending:
      return to == OrderStatus::kConfirmed || to == OrderStatus::kCancelled
                 ? Transition::kAllowed
                 : Transition::kForbidden;
    case OrderStatus::kConfirmed:
      return to == OrderStatus::kShipped || to == OrderStatus::kCancelled ? Transition::kAllowed
                                                                          : Transition::kForbidden;
    case OrderStatus::kShipped:
      return to == OrderStatus::kDelivered ? Transition::kAllowed : Transition::kForbidden;
    case OrderStatus::kDelivered:
    case OrderStatus::kCancelled:
      return Transition::kForbidden;
  }
  return Transition::kForbidden;
}

core::Result<bool> check_transition(std::string_view order_id, OrderStatus from, OrderStatus to) {
  switch (classify_transition(from, to)) {
    case Transition::kNoOp:
      return false;
    case Transition::kAllowed:
      return true;
    case Transition::kForbidden:
      break;
  }
  return core::Error{core::ErrorCode::kFailedPrecondition,
                     "status: order " + std::string(order_id) + " cannot go from " +
                         std::string(to_string(from)) + " to " + std::string(to_string(to))};
}

}  // namespace ecn::order::domain
