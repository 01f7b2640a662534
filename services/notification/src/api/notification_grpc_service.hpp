#pragma once

#include "app/campaigns.hpp"
#include "app/inbox.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"

namespace ecn::notification::api {

// ecommerce.notification.v1.NotificationService over gRPC: each handler hands the request to
// the use cases and maps the answer back; rpc::handle turns errors into statuses.
class NotificationGrpcService final
    : public ecommerce::notification::v1::NotificationService::Service {
 public:
  NotificationGrpcService(app::Inbox& inbox, app::Campaigns& campaigns)
      : inbox_(inbox), campaigns_(campaigns) {}

  grpc::Status PostNotification(grpc::ServerContext* context,
                                const ecommerce::notification::v1::PostNotificationRequest* request,
                                ecommerce::notification::v1::Notification* reply) override;
  grpc::Status ListNotifications(
      grpc::ServerContext* context,
      const ecommerce::notification::v1::ListNotificationsRequest* request,
      ecommerce::notification::v1::ListNotificationsResponse* reply) override;
  grpc::Status ListNotificationsAfter(
      grpc::ServerContext* context,
      const ecommerce::notification::v1::ListNotificationsAfterRequest* request,
      ecommerce::notification::v1::ListNotificationsResponse* reply) override;
  grpc::Status UnreadCount(grpc::ServerContext* context,
                           const ecommerce::notification::v1::UnreadCountRequest* request,
                           ecommerce::notification::v1::UnreadCountResponse* reply) override;
  grpc::Status MarkRead(grpc::ServerContext* context,
                        const ecommerce::notification::v1::MarkReadRequest* request,
                        ecommerce::notification::v1::Notification* reply) override;
  grpc::Status MarkAllRead(grpc::ServerContext* context,
                           const ecommerce::notification::v1::MarkAllReadRequest* request,
                           ecommerce::notification::v1::MarkAllReadResponse* reply) override;
  grpc::Status CreatePromotionCampaign(
      grpc::ServerContext* context,
      const ecommerce::notification::v1::CreatePromotionCampaignRequest* request,
      ecommerce::notification::v1::PromotionCampaign* reply) override;
  grpc::Status GetCampaign(grpc::ServerContext* context,
                           const ecommerce::notification::v1::GetCampaignRequest* request,
                           ecommerce::notification::v1::PromotionCampaign* reply) override;

 private:
  app::Inbox& inbox_;
  app::Campaigns& campaigns_;
};

}  // namespace ecn::notification::api
