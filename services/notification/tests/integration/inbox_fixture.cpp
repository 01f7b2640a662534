#include "inbox_fixture.hpp"

#include <grpcpp/grpcpp.h>

#include <pqxx/pqxx>

#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

constexpr std::chrono::seconds kDeadline{10};

}  // namespace

void RecordingPublisher::publish(std::span<const domain::Notification> notifications) noexcept {
  std::lock_guard lock(mutex_);
  published_.insert(published_.end(), notifications.begin(), notifications.end());
}

std::vector<domain::Notification> RecordingPublisher::published() const {
  std::lock_guard lock(mutex_);
  return published_;
}

InboxTest::InboxTest() {
  pg::Migrator(database_.url(), storage::migrations()).up();
  pool_ = std::make_unique<pg::Pool>(pg::PoolOptions{.url = database_.url(), .max_size = 8});
  inbox_.emplace(*pool_, live_);
  campaigns_.emplace(*pool_, live_, app::CampaignOptions{.batch_size = 100});
  service_.emplace(*inbox_, *campaigns_, work_);
  server_ =
      std::make_unique<rpc::RpcServer>(rpc::ServerOptions{.address = {"127.0.0.1", 0}}, metrics_);
  server_->add_service(*service_);
  server_->start();
  stub_ = pb::NotificationService::NewStub(
      rpc::make_channel("127.0.0.1:" + std::to_string(server_->port())));
}

InboxTest::~InboxTest() {
  server_->stop();
  campaigns_->stop();
}

grpc::Status InboxTest::post(const std::string& user_id, pb::NotificationType type,
                             const std::string& title, const std::string& body,
                             const std::string& data_json, pb::Notification* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::PostNotificationRequest request;
  request.set_user_id(user_id);
  request.set_type(type);
  request.set_title(title);
  request.set_body(body);
  request.set_data_json(data_json);
  return stub_->PostNotification(&context, request, reply);
}

pb::Notification InboxTest::posted(const std::string& user_id, const std::string& title) {
  pb::Notification reply;
  const auto status = post(user_id, pb::SYSTEM, title, "body of " + title, "", &reply);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return reply;
}

grpc::Status InboxTest::list(const std::string& user_id, bool unread_only, int first,
                             const std::string& after, pb::ListNotificationsResponse* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::ListNotificationsRequest request;
  request.set_user_id(user_id);
  request.set_unread_only(unread_only);
  request.mutable_page()->set_first(first);
  request.mutable_page()->set_after(after);
  return stub_->ListNotifications(&context, request, reply);
}

grpc::Status InboxTest::list_after(const std::string& user_id, const std::string& after, int first,
                                   pb::ListNotificationsResponse* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::ListNotificationsAfterRequest request;
  request.set_user_id(user_id);
  request.set_after(after);
  request.set_first(first);
  return stub_->ListNotificationsAfter(&context, request, reply);
}

std::int64_t InboxTest::unread_count(const std::string& user_id) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::UnreadCountRequest request;
  request.set_user_id(user_id);
  pb::UnreadCountResponse reply;
  const auto status = stub_->UnreadCount(&context, request, &reply);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return reply.count();
}

grpc::Status InboxTest::mark_read(const std::string& user_id, const std::string& id,
                                  pb::Notification* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::MarkReadRequest request;
  request.set_user_id(user_id);
  request.set_id(id);
  return stub_->MarkRead(&context, request, reply);
}

grpc::Status InboxTest::mark_all_read(const std::string& user_id, pb::MarkAllReadResponse* reply) {
  grpc::ClientContext context;
  rpc::prepare_call(context, kDeadline);
  pb::MarkAllReadRequest request;
  request.set_user_id(user_id);
  return stub_->MarkAllRead(&context, request, reply);
}

std::int64_t InboxTest::scalar(const std::string& sql) {
  pqxx::connection connection(database_.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<std::int64_t>();
}

}  // namespace ecn::notification::testing
