#include "upstream/upstream_error.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::gateway::upstream::field_error;

std::string code_of(grpc::StatusCode code) {
  return field_error("product-service", grpc::Status(code, "price: must be positive")).code;
}

TEST(UpstreamError, MapsEveryGrpcCodeToTheGatewaysExtensionCode) {
  EXPECT_EQ(code_of(grpc::StatusCode::INVALID_ARGUMENT), "BAD_USER_INPUT");
  EXPECT_EQ(code_of(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_EQ(code_of(grpc::StatusCode::PERMISSION_DENIED), "FORBIDDEN");
  EXPECT_EQ(code_of(grpc::StatusCode::NOT_FOUND), "NOT_FOUND");
  EXPECT_EQ(code_of(grpc::StatusCode::ALREADY_EXISTS), "CONFLICT");
  EXPECT_EQ(code_of(grpc::StatusCode::FAILED_PRECONDITION), "CONFLICT");
  EXPECT_EQ(code_of(grpc::StatusCode::UNAVAILABLE), "UNAVAILABLE");
  EXPECT_EQ(code_of(grpc::StatusCode::DEADLINE_EXCEEDED), "UNAVAILABLE");
  EXPECT_EQ(code_of(grpc::StatusCode::UNIMPLEMENTED), "UNAVAILABLE");
  EXPECT_EQ(code_of(grpc::StatusCode::INTERNAL), "INTERNAL_SERVER_ERROR");
  EXPECT_EQ(code_of(grpc::StatusCode::UNKNOWN), "INTERNAL_SERVER_ERROR");
}

TEST(UpstreamError, KeepsClientErrorMessagesAndHidesServerFailures) {
  EXPECT_EQ(
      field_error("s", grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "email: invalid")).message,
      "email: invalid");
  EXPECT_EQ(
      field_error("s", grpc::Status(grpc::StatusCode::INTERNAL, "SELECT * FROM x failed")).message,
      "internal error");
  EXPECT_EQ(
      field_error("order-service", grpc::Status(grpc::StatusCode::UNAVAILABLE, "conn refused"))
          .message,
      "order-service is unavailable");
}

}  // namespace
