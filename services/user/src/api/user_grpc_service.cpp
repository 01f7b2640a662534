#include "api/user_grpc_service.hpp"

#include "api/proto_mapping.hpp"
#include "ecn/rpc/handler.hpp"

namespace ecn::user::api {

namespace pb = ecommerce::user::v1;
using core::Result;

grpc::ServerUnaryReactor* UserGrpcService::Register(grpc::CallbackServerContext* context,
                                                    const pb::RegisterRequest* request,
                                                    pb::AuthResponse* reply) {
  return rpc::serve(*context, reply, "Register", work_, [=, this]() -> Result<pb::AuthResponse> {
    auto session = accounts_.register_user({.name = request->name(),
                                            .email = request->email(),
                                            .password = request->password(),
                                            .preferences = from_proto(request->preferences())});
    if (!session) return session.error();
    return to_proto(*session);
  });
}

grpc::ServerUnaryReactor* UserGrpcService::Login(grpc::CallbackServerContext* context,
                                                 const pb::LoginRequest* request,
                                                 pb::AuthResponse* reply) {
  return rpc::serve(*context, reply, "Login", work_, [=, this]() -> Result<pb::AuthResponse> {
    auto session = accounts_.login({.email = request->email(), .password = request->password()});
    if (!session) return session.error();
    return to_proto(*session);
  });
}

grpc::ServerUnaryReactor* UserGrpcService::GetUser(grpc::CallbackServerContext* context,
                                                   const pb::GetUserRequest* request,
                                                   pb::User* reply) {
  return rpc::serve(*context, reply, "GetUser", work_, [=, this]() -> Result<pb::User> {
    auto user = accounts_.get_user(request->id());
    if (!user) return user.error();
    return to_proto(*user);
  });
}

grpc::ServerUnaryReactor* UserGrpcService::GetUsers(grpc::CallbackServerContext* context,
                                                    const pb::GetUsersRequest* request,
                                                    pb::GetUsersResponse* reply) {
  return rpc::serve(*context, reply, "GetUsers", work_,
                    [=, this]() -> Result<pb::GetUsersResponse> {
                      auto batch = accounts_.get_users(
                          std::vector<std::string>(request->ids().begin(), request->ids().end()));
                      if (!batch) return batch.error();
                      return to_proto(*batch);
                    });
}

grpc::ServerUnaryReactor* UserGrpcService::UpdatePreferences(
    grpc::CallbackServerContext* context, const pb::UpdatePreferencesRequest* request,
    pb::User* reply) {
  return rpc::serve(*context, reply, "UpdatePreferences", work_, [=, this]() -> Result<pb::User> {
    auto user =
        accounts_.update_preferences(request->user_id(), from_proto(request->preferences()));
    if (!user) return user.error();
    return to_proto(*user);
  });
}

}  // namespace ecn::user::api
