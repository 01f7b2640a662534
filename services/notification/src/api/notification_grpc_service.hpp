#pragma once

#include "app/campaigns.hpp"
#include "app/inbox.hpp"
#include "ecn/rpc/work_queue.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"

namespace ecn::notification::api {

// ecommerce.notification.v1.NotificationService over gRPC: each handler hands the request to
// the use cases and maps the answer back; rpc::serve runs each on the WorkQueue and turns
// errors into statuses.
class NotificationGrpcService final
    : public ecommerce::notification::v1::NotificationService::CallbackService {
 public:
  NotificationGrpcService(app::Inbox& inbox, app::Campaigns& campaigns, rpc::WorkQueue& work)
      : inbox_(inbox), campaigns_(campaigns), work_(work) {}

  grpc::ServerUnaryReactor* PostNotification(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::PostNotificationRequest* request,
      ecommerce::notification::v1::Notification* reply) override;
  grpc::ServerUnaryReactor* ListNotifications(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::ListNotificationsRequest* request,
      ecommerce::notification::v1::ListNotificationsResponse* reply) override;
  grpc::ServerUnaryReactor* ListNotificationsAfter(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::ListNotificationsAfterRequest* request,
      ecommerce::notification::v1::ListNotificationsResponse* reply) override;
  grpc::ServerUnaryReactor* UnreadCount(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::UnreadCountRequest* request,
      ecommerce::notification::v1::UnreadCountResponse* reply) override;
  grpc::ServerUnaryReactor* MarkRead(grpc::CallbackServerContext* context,
                                     const ecommerce::notification::v1::MarkReadRequest* request,
                                     ecommerce::notification::v1::Notification* reply) override;
  grpc::ServerUnaryReactor* MarkAllRead(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::MarkAllReadRequest* request,
      ecommerce::notification::v1::MarkAllReadResponse* reply) override;
  grpc::ServerUnaryReactor* CreatePromotionCampaign(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::CreatePromotionCampaignRequest* request,
      ecommerce::notification::v1::PromotionCampaign* reply) override;
  grpc::ServerUnaryReactor* GetCampaign(
      grpc::CallbackServerContext* context,
      const ecommerce::notification::v1::GetCampaignRequest* request,
      ecommerce::notification::v1::PromotionCampaign* reply) override;

 private:
  app::Inbox& inbox_;
  app::Campaigns& campaigns_;
  rpc::WorkQueue& work_;
};

}  // namespace ecn::notification::api
