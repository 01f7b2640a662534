#include "ecn/core/status.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace ecn::core {
namespace {

Result<int> parse_quantity(int raw) {
  if (raw <= 0) return Error{ErrorCode::kInvalidArgument, "quantity must be positive"};
  return raw;
}

Result<void> check(bool ok) {
  if (!ok) return Error{ErrorCode::kFailedPrecondition, "order already shipped"};
  return {};
}

TEST(StatusTest, CodesHaveGrpcNumbersAndNames) {
  const std::pair<ErrorCode, std::pair<int, std::string_view>> expected[] = {
      {ErrorCode::kInvalidArgument, {3, "INVALID_ARGUMENT"}},
      {ErrorCode::kDeadlineExceeded, {4, "DEADLINE_EXCEEDED"}},
      {ErrorCode::kNotFound, {5, "NOT_FOUND"}},
      {ErrorCode::kAlreadyExists, {6, "ALREADY_EXISTS"}},
      {ErrorCode::kPermissionDenied, {7, "PERMISSION_DENIED"}},
      {ErrorCode::kFailedPrecondition, {9, "FAILED_PRECONDITION"}},
      {ErrorCode::kInternal, {13, "INTERNAL"}},
      {ErrorCode::kUnavailable, {14, "UNAVAILABLE"}},
      {ErrorCode::kUnauthenticated, {16, "UNAUTHENTICATED"}},
  };
  for (const auto& [code, number_and_name] : expected) {
    EXPECT_EQ(static_cast<int>(code), number_and_name.first);
    EXPECT_EQ(to_string(code), number_and_name.second);
  }
  EXPECT_EQ(to_string(static_cast<ErrorCode>(99)), "UNKNOWN");
}

TEST(StatusTest, ResultCarriesValueOrError) {
  const Result<int> good = parse_quantity(3);
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good, 3);

  const Result<int> bad = parse_quantity(0);
  ASSERT_TRUE(bad.has_error());
  EXPECT_EQ(bad.error(), (Error{ErrorCode::kInvalidArgument, "quantity must be positive"}));

  EXPECT_TRUE(check(true).has_value());
  EXPECT_EQ(check(false).error().code, ErrorCode::kFailedPrecondition);
}

TEST(StatusTest, ValueOnErrorThrowsStatusError) {
  const Result<int> bad = parse_quantity(-1);
  try {
    (void)bad.value();
    FAIL() << "value() did not throw";
  } catch (const StatusError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.error().message, "quantity must be positive");
    EXPECT_STREQ(e.what(), "INVALID_ARGUMENT: quantity must be positive");
  }
  EXPECT_THROW(check(false).value(), StatusError);
}

TEST(StatusTest, DefaultErrorIsInternalAndPrints) {
  EXPECT_EQ(Error{}.code, ErrorCode::kInternal);
  std::ostringstream out;
  out << Error{ErrorCode::kNotFound, "user 7"} << " " << ErrorCode::kUnavailable;
  EXPECT_EQ(out.str(), "NOT_FOUND: user 7 UNAVAILABLE");
  EXPECT_EQ(to_string(Error{ErrorCode::kInternal, ""}), "INTERNAL");
}

}  // namespace
}  // namespace ecn::core
