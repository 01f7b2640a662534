#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/notification_grpc_service.hpp"
#include "app/campaigns.hpp"
#include "app/inbox.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"
#include "push/live_publisher.hpp"

namespace ecn::notification::testing {

namespace pb = ecommerce::notification::v1;

// Remembers what was handed to live push, to check it happens (after commit) exactly once.
class RecordingPublisher final : public push::LivePublisher {
 public:
  void publish(std::span<const domain::Notification> notifications) noexcept override;
  std::vector<domain::Notification> published() const;

 private:
  mutable std::mutex mutex_;
  std::vector<domain::Notification> published_;
};

// notification-service's gRPC API in this process, on a loopback port, over a fresh migrated
// database of the test PostgreSQL; calls go through a real gRPC client.
class InboxTest : public ::testing::Test {
 protected:
  InboxTest();
  ~InboxTest() override;

  grpc::Status post(const std::string& user_id, pb::NotificationType type, const std::string& title,
                    const std::string& body, const std::string& data_json, pb::Notification* reply);
  // A notification that must be stored.
  pb::Notification posted(const std::string& user_id, const std::string& title);
  grpc::Status list(const std::string& user_id, bool unread_only, int first,
                    const std::string& after, pb::ListNotificationsResponse* reply);
  grpc::Status list_after(const std::string& user_id, const std::string& after, int first,
                          pb::ListNotificationsResponse* reply);
  std::int64_t unread_count(const std::string& user_id);
  grpc::Status mark_read(const std::string& user_id, const std::string& id,
                         pb::Notification* reply);
  grpc::Status mark_all_read(const std::string& user_id, pb::MarkAllReadResponse* reply);

  // One integer from the test database, e.g. "SELECT count(*) FROM notifications".
  std::int64_t scalar(const std::string& sql);

  ecn::testing::TempDatabase database_;
  std::unique_ptr<pg::Pool> pool_;
  RecordingPublisher live_;
  std::optional<app::Inbox> inbox_;
  // Not started: tests that want the background fan-out start it.
  std::optional<app::Campaigns> campaigns_;
  ops::MetricsRegistry metrics_;
  rpc::WorkQueue work_{{.workers = 4}, metrics_};
  std::optional<api::NotificationGrpcService> service_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<pb::NotificationService::Stub> stub_;
};

}  // namespace ecn::notification::testing
