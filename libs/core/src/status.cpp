#include "ecn/core/status.hpp"

#include <ostream>

namespace ecn::core {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case ErrorCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case ErrorCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case ErrorCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case ErrorCode::kInternal:
      return "INTERNAL";
    case ErrorCode::kUnavailable:
      return "UNAVAILABLE";
    case ErrorCode::kUnauthenticated:
      return "UNAUTHENTICATED";
  }
  // A value cast from an unknown integer: say so instead of inventing a meaning.
  return "UNKNOWN";
}

std::string to_string(const Error& error) {
  std::string text(to_string(error.code));
  if (!error.message.empty()) {
    text += ": ";
    text += error.message;
  }
  return text;
}

std::ostream& operator<<(std::ostream& out, const Error& error) {
  return out << to_string(error);
}

std::ostream& operator<<(std::ostream& out, ErrorCode code) {
  return out << to_string(code);
}

StatusError::StatusError(Error error)
    : std::runtime_error(to_string(error)), error_(std::move(error)) {}

void throw_exception_from_error(const Error& error, const boost::source_location& /*location*/) {
  throw StatusError(error);
}

}  // namespace ecn::core
