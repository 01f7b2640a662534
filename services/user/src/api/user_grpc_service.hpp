#pragma once

#include "app/user_accounts.hpp"
#include "ecommerce/user/v1/user.grpc.pb.h"

namespace ecn::user::api {

// ecommerce.user.v1.UserService over gRPC: each handler maps the request to the domain's
// types, calls UserAccounts and maps the answer back; rpc::handle turns errors into statuses.
class UserGrpcService final : public ecommerce::user::v1::UserService::Service {
 public:
  explicit UserGrpcService(app::UserAccounts& accounts) : accounts_(accounts) {}

  grpc::Status Register(grpc::ServerContext* context,
                        const ecommerce::user::v1::RegisterRequest* request,
                        ecommerce::user::v1::AuthResponse* reply) override;
  grpc::Status Login(grpc::ServerContext* context, const ecommerce::user::v1::LoginRequest* request,
                     ecommerce::user::v1::AuthResponse* reply) override;
  grpc::Status GetUser(grpc::ServerContext* context,
                       const ecommerce::user::v1::GetUserRequest* request,
                       ecommerce::user::v1::User* reply) override;
  grpc::Status GetUsers(grpc::ServerContext* context,
                        const ecommerce::user::v1::GetUsersRequest* request,
                        ecommerce::user::v1::GetUsersResponse* reply) override;
  grpc::Status UpdatePreferences(grpc::ServerContext* context,
                                 const ecommerce::user::v1::UpdatePreferencesRequest* request,
                                 ecommerce::user::v1::User* reply) override;

 private:
  app::UserAccounts& accounts_;
};

}  // namespace ecn::user::api
