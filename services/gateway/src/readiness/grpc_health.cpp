#include "readiness/grpc_health.hpp"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <future>
#include <vector>

namespace ecn::gateway::readiness {
namespace {

// grpc.health.v1 is not among our generated protos, and its two messages are tiny: the request
// for the overall status is the empty message, and a SERVING reply is field 1 (varint) = 1,
// i.e. the bytes 08 01. Reading those bytes spares a generated copy of health.proto.
constexpr unsigned char kStatusTag = 0x08;
constexpr unsigned char kServing = 0x01;

bool is_serving(const grpc::ByteBuffer& reply) {
  std::vector<grpc::Slice> slices;
  if (!reply.Dump(&slices).ok()) return false;
  std::vector<unsigned char> bytes;
  for (const auto& slice : slices) bytes.insert(bytes.end(), slice.begin(), slice.end());
  return bytes.size() == 2 && bytes[0] == kStatusTag && bytes[1] == kServing;
}

}  // namespace

bool grpc_serving(const std::shared_ptr<grpc::Channel>& channel,
                  std::chrono::milliseconds timeout) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  // HealthCheckRequest{service: ""} is zero bytes, but a default ByteBuffer is "no message"
  // (gRPC refuses to send it): one empty slice is an empty message.
  const grpc::Slice empty;
  const grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer reply;
  std::promise<grpc::Status> done;
  auto status = done.get_future();
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &reply,
                 [&done](grpc::Status result) { done.set_value(std::move(result)); });
  // The deadline bounds the call, so this wait ends; the callback has run once it returns.
  return status.get().ok() && is_serving(reply);
}

}  // namespace ecn::gateway::readiness
