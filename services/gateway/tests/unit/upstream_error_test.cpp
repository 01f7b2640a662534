#include "upstream/upstream_error.hpp"

#include <gtest/gtest.h>

#include "ecn/ops/metrics.hpp"
#include "upstream/upstream_failures.hpp"

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
  EXPECT_EQ(code_of(grpc::StatusCode::RESOURCE_EXHAUSTED), "UNAVAILABLE");  // busy, not broken
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

TEST(UpstreamFailures, CountsWhatAClientSeesAsUnavailableOrInternalByMethodAndCode) {
  ecn::ops::MetricsRegistry metrics;
  ecn::gateway::upstream::UpstreamFailures failures(metrics);
  const ecn::gateway::upstream::UpstreamMethod create{"order-service", "CreateOrder"};
  for (const auto code : {grpc::StatusCode::RESOURCE_EXHAUSTED,
                          grpc::StatusCode::RESOURCE_EXHAUSTED, grpc::StatusCode::INTERNAL,
                          grpc::StatusCode::NOT_FOUND, grpc::StatusCode::INVALID_ARGUMENT}) {
    const grpc::Status status(code, "x");
    failures.record(create, status, "req-1", field_error(create.service, status));
  }
  const auto text = metrics.render();
  EXPECT_NE(
      text.find(
          R"(gateway_upstream_failures_total{code="RESOURCE_EXHAUSTED",method="CreateOrder",service="order-service"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          R"(gateway_upstream_failures_total{code="INTERNAL",method="CreateOrder",service="order-service"} 1)"),
      std::string::npos)
      << text;
  // The client's own mistakes are not the shop's failures.
  EXPECT_EQ(text.find("NOT_FOUND"), std::string::npos) << text;
  EXPECT_EQ(text.find("INVALID_ARGUMENT"), std::string::npos) << text;
}

}  // namespace
