#pragma once

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ecn::core {

// The canonical gRPC status codes this system uses, with gRPC's numeric values so the edge can
// map them with a cast; the gateway turns them into GraphQL `extensions.code`.
enum class ErrorCode {
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kFailedPrecondition = 9,
  kInternal = 13,
  kUnavailable = 14,
  kUnauthenticated = 16,
};

// gRPC's spelling: "INVALID_ARGUMENT", "NOT_FOUND", ...
std::string_view to_string(ErrorCode code);

// A failure that keeps its meaning from storage to the API edge. The message names the
// offending field and is safe to show to a client: no SQL, no secrets.
struct Error {
  // Default-constructible because boost::system::result::error() needs it; a default error
  // is an internal one so an unset value never passes for success.
  Error() = default;
  Error(ErrorCode error_code, std::string error_message)
      : code(error_code), message(std::move(error_message)) {}

  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  friend bool operator==(const Error&, const Error&) = default;
};

// "NOT_FOUND: user 42 does not exist"
std::string to_string(const Error& error);
std::ostream& operator<<(std::ostream& out, const Error& error);
std::ostream& operator<<(std::ostream& out, ErrorCode code);

// Thrown by Result<T>::value() on an error, so code that cannot handle an error locally can
// let it travel as an exception and still be mapped to its status at the edge.
class StatusError : public std::runtime_error {
 public:
  explicit StatusError(Error error);

  const Error& error() const noexcept { return error_; }
  ErrorCode code() const noexcept { return error_.code; }

 private:
  Error error_;
};

// A value or an Error: `return Error{ErrorCode::kNotFound, "..."};` or `return value;`.
template <class T>
using Result = boost::system::result<T, Error>;

// Found by argument-dependent lookup from boost::system::result<T, Error>::value().
[[noreturn]] void throw_exception_from_error(const Error& error,
                                             const boost::source_location& location);

}  // namespace ecn::core
