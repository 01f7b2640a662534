#include "ecn/rpc/client.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <string>

#include "ecn/core/logging.hpp"

namespace ecn::rpc {

std::shared_ptr<grpc::Channel> make_channel(std::string_view target) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  return grpc::CreateCustomChannel(std::string(target), grpc::InsecureChannelCredentials(), args);
}

void prepare_call(grpc::ClientContext& context, std::chrono::milliseconds deadline) {
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  const auto request_id = core::current_request_id();
  if (!request_id.empty()) context.AddMetadata("x-request-id", std::string(request_id));
}

}  // namespace ecn::rpc
