#include "user_fixture.hpp"

#include <grpcpp/grpcpp.h>

#include <pqxx/pqxx>

#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "storage/schema.hpp"

namespace ecn::user::testing {
namespace {

constexpr std::chrono::seconds kDeadline{10};

}  // namespace

UserServiceTest::UserServiceTest() {
  pg::Migrator(database_.url(), storage::migrations()).up();
  pool_ = std::make_unique<pg::Pool>(pg::PoolOptions{.url = database_.url(), .max_size = 4});
  accounts_.emplace(*pool_, hasher_, tokens_);
  service_.emplace(*accounts_, work_);
  server_ =
      std::make_unique<rpc::RpcServer>(rpc::ServerOptions{.address = {"127.0.0.1", 0}}, metrics_);
  server_->add_service(*service_);
  server_->start();
  stub_ =
      pb::UserService::NewStub(rpc::make_channel("127.0.0.1:" + std::to_string(server_->port())));
}

UserServiceTest::~UserServiceTest() {
  // In-flight calls end before the service and the pool they use go away.
  server_->stop();
}

grpc::Status UserServiceTest::register_user(const std::string& name, const std::string& email,
                                            const std::string& password, pb::AuthResponse* reply,
                                            const pb::PreferencesPatch* preferences) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::RegisterRequest request;
  request.set_name(name);
  request.set_email(email);
  request.set_password(password);
  if (preferences != nullptr) *request.mutable_preferences() = *preferences;
  return stub_->Register(&context, request, reply);
}

grpc::Status UserServiceTest::login(const std::string& email, const std::string& password,
                                    pb::AuthResponse* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::LoginRequest request;
  request.set_email(email);
  request.set_password(password);
  return stub_->Login(&context, request, reply);
}

grpc::Status UserServiceTest::get_user(const std::string& id, pb::User* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::GetUserRequest request;
  request.set_id(id);
  return stub_->GetUser(&context, request, reply);
}

grpc::Status UserServiceTest::get_users(const std::vector<std::string>& ids,
                                        pb::GetUsersResponse* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::GetUsersRequest request;
  for (const auto& id : ids) request.add_ids(id);
  return stub_->GetUsers(&context, request, reply);
}

grpc::Status UserServiceTest::update_preferences(const std::string& user_id,
                                                 const pb::PreferencesPatch& patch,
                                                 pb::User* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::UpdatePreferencesRequest request;
  request.set_user_id(user_id);
  *request.mutable_preferences() = patch;
  return stub_->UpdatePreferences(&context, request, reply);
}

pb::User UserServiceTest::registered(const std::string& name, const std::string& email) {
  pb::AuthResponse reply;
  const auto status = register_user(name, email, "password-of-" + name, &reply);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return reply.user();
}

std::int64_t UserServiceTest::scalar(const std::string& sql) {
  pqxx::connection connection(database_.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<std::int64_t>();
}

}  // namespace ecn::user::testing
