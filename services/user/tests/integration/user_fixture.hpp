#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "api/user_grpc_service.hpp"
#include "app/user_accounts.hpp"
#include "auth/password_hasher.hpp"
#include "auth/token_issuer.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/user/v1/user.grpc.pb.h"

namespace ecn::user::testing {

namespace pb = ecommerce::user::v1;

inline const std::string kSecret = "integration-test-secret-0123456789abcdef";
inline const std::string kIssuer = "ecommerce-user-service";
inline constexpr std::chrono::seconds kTtl{7200};

// user-service's gRPC API in this process, on a loopback port, over a fresh migrated database
// of the test PostgreSQL; calls go through a real gRPC client. Events stay in the outbox
// unless a test starts a relay (events_itest).
class UserServiceTest : public ::testing::Test {
 protected:
  UserServiceTest();
  ~UserServiceTest() override;

  grpc::Status register_user(const std::string& name, const std::string& email,
                             const std::string& password, pb::AuthResponse* reply,
                             const pb::PreferencesPatch* preferences = nullptr);
  grpc::Status login(const std::string& email, const std::string& password,
                     pb::AuthResponse* reply);
  grpc::Status get_user(const std::string& id, pb::User* reply);
  grpc::Status get_users(const std::vector<std::string>& ids, pb::GetUsersResponse* reply);
  grpc::Status update_preferences(const std::string& user_id, const pb::PreferencesPatch& patch,
                                  pb::User* reply);
  // Registers a user that must succeed.
  pb::User registered(const std::string& name, const std::string& email);

  // One integer from the test database, e.g. "SELECT count(*) FROM users".
  std::int64_t scalar(const std::string& sql);

  ecn::testing::TempDatabase database_;
  std::unique_ptr<pg::Pool> pool_;
  auth::PasswordHasher hasher_{2};
  auth::TokenIssuer tokens_{auth::TokenSettings{.secret = kSecret, .issuer = kIssuer, .ttl = kTtl}};
  std::optional<app::UserAccounts> accounts_;
  ops::MetricsRegistry metrics_;
  rpc::WorkQueue work_{{.workers = 4}, metrics_};
  std::optional<api::UserGrpcService> service_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<pb::UserService::Stub> stub_;
};

}  // namespace ecn::user::testing
