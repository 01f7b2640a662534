#include "upstream/upstream_error.hpp"

#include <string>

namespace ecn::gateway::upstream {

graphql::execution::FieldError field_error(std::string_view service, const grpc::Status& status) {
  const std::string& message = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return {message, "BAD_USER_INPUT"};
    case grpc::StatusCode::UNAUTHENTICATED:
      return {message, "UNAUTHENTICATED"};
    case grpc::StatusCode::PERMISSION_DENIED:
      return {message, "FORBIDDEN"};
    case grpc::StatusCode::NOT_FOUND:
      return {message, "NOT_FOUND"};
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED:
      return {message, "CONFLICT"};
    // A busy upstream (a full queue, or gRPC's own limits) is no bug: try again shortly.
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return {std::string(service) + " is unavailable", "UNAVAILABLE"};
    case grpc::StatusCode::UNIMPLEMENTED:
      return {unimplemented_message(service), "UNAVAILABLE"};
    default:
      return {"internal error", "INTERNAL_SERVER_ERROR"};
  }
}

std::string unimplemented_message(std::string_view service) {
  return std::string(service) + " does not offer this operation yet";
}

}  // namespace ecn::gateway::upstream
