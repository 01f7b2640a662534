#include "ecn/rpc/status_mapping.hpp"

namespace ecn::rpc {

grpc::Status to_grpc_status(const core::Error& error) {
  // ErrorCode carries gRPC's numeric values on purpose.
  return {static_cast<grpc::StatusCode>(error.code), error.message};
}

core::Error from_grpc_status(const grpc::Status& status) {
  using core::ErrorCode;
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return {ErrorCode::kInvalidArgument, status.error_message()};
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return {ErrorCode::kDeadlineExceeded, status.error_message()};
    case grpc::StatusCode::NOT_FOUND:
      return {ErrorCode::kNotFound, status.error_message()};
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return {ErrorCode::kAlreadyExists, status.error_message()};
    case grpc::StatusCode::PERMISSION_DENIED:
      return {ErrorCode::kPermissionDenied, status.error_message()};
    case grpc::StatusCode::FAILED_PRECONDITION:
      return {ErrorCode::kFailedPrecondition, status.error_message()};
    case grpc::StatusCode::UNAUTHENTICATED:
      return {ErrorCode::kUnauthenticated, status.error_message()};
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return {ErrorCode::kUnavailable, status.error_message()};
    default:
      return {ErrorCode::kInternal, status.error_message()};
  }
}

std::string_view code_name(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    default:
      // ErrorCode names the codes our services use, with gRPC's numeric values.
      return core::to_string(static_cast<core::ErrorCode>(code));
  }
}

}  // namespace ecn::rpc
