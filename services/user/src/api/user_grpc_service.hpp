#pragma once

#include "app/user_accounts.hpp"
#include "ecn/rpc/work_queue.hpp"
#include "ecommerce/user/v1/user.grpc.pb.h"

namespace ecn::user::api {

// ecommerce.user.v1.UserService over gRPC: each handler maps the request to the domain's
// types, calls UserAccounts and maps the answer back; rpc::serve runs each on the WorkQueue
// and turns errors into statuses.
class UserGrpcService final : public ecommerce::user::v1::UserService::CallbackService {
 public:
  UserGrpcService(app::UserAccounts& accounts, rpc::WorkQueue& work)
      : accounts_(accounts), work_(work) {}

  grpc::ServerUnaryReactor* Register(grpc::CallbackServerContext* context,
                                     const ecommerce::user::v1::RegisterRequest* request,
                                     ecommerce::user::v1::AuthResponse* reply) override;
  grpc::ServerUnaryReactor* Login(grpc::CallbackServerContext* context,
                                  const ecommerce::user::v1::LoginRequest* request,
                                  ecommerce::user::v1::AuthResponse* reply) override;
  grpc::ServerUnaryReactor* GetUser(grpc::CallbackServerContext* context,
                                    const ecommerce::user::v1::GetUserRequest* request,
                                    ecommerce::user::v1::User* reply) override;
  grpc::ServerUnaryReactor* GetUsers(grpc::CallbackServerContext* context,
                                     const ecommerce::user::v1::GetUsersRequest* request,
                                     ecommerce::user::v1::GetUsersResponse* reply) override;
  grpc::ServerUnaryReactor* UpdatePreferences(
      grpc::CallbackServerContext* context,
      const ecommerce::user::v1::UpdatePreferencesRequest* request,
      ecommerce::user::v1::User* reply) override;

 private:
  app::UserAccounts& accounts_;
  rpc::WorkQueue& work_;
};

}  // namespace ecn::user::api
