// user-service: wiring only. The life of the binary is ecn::service::run_service's.
#include <optional>

#include "api/user_grpc_service.hpp"
#include "app/user_accounts.hpp"
#include "auth/password_hasher.hpp"
#include "auth/token_issuer.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/service/service.hpp"
#include "events/user_events.hpp"
#include "settings.hpp"
#include "storage/schema.hpp"

namespace {

using namespace ecn;

class UserModule final : public service::ServiceModule {
 public:
  void declare_settings(core::ConfigReader& reader) override {
    settings_ = user::declare_user_settings(reader);
    // Serving without a signing key is pointless; --help and `migrate` do not need one.
    const auto problem = user::jwt_secret_problem(settings_.jwt_secret);
    if (problem && reader.args().empty()) reader.reject("JWT_SECRET", *problem);
  }

  void start(service::Runtime& runtime) override {
    hasher_.emplace(settings_.password_hash_concurrency);
    tokens_.emplace(user::auth::TokenSettings{
        .secret = settings_.jwt_secret, .issuer = settings_.jwt_issuer, .ttl = settings_.jwt_ttl});
    accounts_.emplace(runtime.pool, *hasher_, *tokens_, settings_.user_events_topic);
    grpc_.emplace(*accounts_, runtime.work);
    runtime.rpc.add_service(*grpc_);
  }

  std::vector<kafka::TopicSpec> topics() const override {
    return {user::events::user_events_topic(settings_.user_events_topic)};
  }

 private:
  user::UserSettings settings_;
  std::optional<user::auth::PasswordHasher> hasher_;
  std::optional<user::auth::TokenIssuer> tokens_;
  std::optional<user::app::UserAccounts> accounts_;
  std::optional<user::api::UserGrpcService> grpc_;
};

}  // namespace

int main(int argc, char** argv) {
  UserModule module;
  return service::run_service(
      argc, argv,
      {.name = "user-service",
       .description = "accounts, sign-in (JWT) and notification preferences",
       .default_grpc_port = 50051,
       .default_ops_port = 9101,
       .default_database = "users",
       .migrations = user::storage::migrations()},
      module);
}
