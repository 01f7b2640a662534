#include "api/notification_grpc_service.hpp"

#include "api/proto_mapping.hpp"
#include "ecn/rpc/handler.hpp"

namespace ecn::notification::api {

namespace pb = ecommerce::notification::v1;
using core::Result;

grpc::ServerUnaryReactor* NotificationGrpcService::PostNotification(
    grpc::CallbackServerContext* context, const pb::PostNotificationRequest* request,
    pb::Notification* reply) {
  return rpc::serve(*context, reply, "PostNotification", work_,
                    [=, this]() -> Result<pb::Notification> {
                      auto stored = inbox_.post({.user_id = request->user_id(),
                                                 .type = request->type(),
                                                 .title = request->title(),
                                                 .body = request->body(),
                                                 .data_json = request->data_json()});
                      if (!stored) return stored.error();
                      return to_proto(*stored);
                    });
}

grpc::ServerUnaryReactor* NotificationGrpcService::ListNotifications(
    grpc::CallbackServerContext* context, const pb::ListNotificationsRequest* request,
    pb::ListNotificationsResponse* reply) {
  return rpc::serve(*context, reply, "ListNotifications", work_,
                    [=, this]() -> Result<pb::ListNotificationsResponse> {
                      auto page = inbox_.list(request->user_id(), request->unread_only(),
                                              request->page().first(), request->page().after());
                      if (!page) return page.error();
                      return to_proto(*page);
                    });
}

grpc::ServerUnaryReactor* NotificationGrpcService::ListNotificationsAfter(
    grpc::CallbackServerContext* context, const pb::ListNotificationsAfterRequest* request,
    pb::ListNotificationsResponse* reply) {
  return rpc::serve(*context, reply, "ListNotificationsAfter", work_,
                    [=, this]() -> Result<pb::ListNotificationsResponse> {
                      auto page =
                          inbox_.list_after(request->user_id(), request->after(), request->first());
                      if (!page) return page.error();
                      return to_proto(*page);
                    });
}

grpc::ServerUnaryReactor* NotificationGrpcService::UnreadCount(
    grpc::CallbackServerContext* context, const pb::UnreadCountRequest* request,
    pb::UnreadCountResponse* reply) {
  return rpc::serve(*context, reply, "UnreadCount", work_,
                    [=, this]() -> Result<pb::UnreadCountResponse> {
                      auto count = inbox_.unread_count(request->user_id());
                      if (!count) return count.error();
                      pb::UnreadCountResponse out;
                      out.set_count(*count);
                      return out;
                    });
}

grpc::ServerUnaryReactor* NotificationGrpcService::MarkRead(grpc::CallbackServerContext* context,
                                                            const pb::MarkReadRequest* request,
                                                            pb::Notification* reply) {
  return rpc::serve(*context, reply, "MarkRead", work_, [=, this]() -> Result<pb::Notification> {
    auto marked = inbox_.mark_read(request->user_id(), request->id());
    if (!marked) return marked.error();
    return to_proto(*marked);
  });
}

grpc::ServerUnaryReactor* NotificationGrpcService::MarkAllRead(
    grpc::CallbackServerContext* context, const pb::MarkAllReadRequest* request,
    pb::MarkAllReadResponse* reply) {
  return rpc::serve(*context, reply, "MarkAllRead", work_,
                    [=, this]() -> Result<pb::MarkAllReadResponse> {
                      auto count = inbox_.mark_all_read(request->user_id());
                      if (!count) return count.error();
                      pb::MarkAllReadResponse out;
                      out.set_count(*count);
                      return out;
                    });
}

grpc::ServerUnaryReactor* NotificationGrpcService::CreatePromotionCampaign(
    grpc::CallbackServerContext* context, const pb::CreatePromotionCampaignRequest* request,
    pb::PromotionCampaign* reply) {
  return rpc::serve(*context, reply, "CreatePromotionCampaign", work_,
                    [=, this]() -> Result<pb::PromotionCampaign> {
                      domain::CampaignInput input{.title = request->title(),
                                                  .body = request->body()};
                      if (request->has_category()) input.category = request->category();
                      if (request->has_product_id()) input.product_id = request->product_id();
                      auto created = campaigns_.create(input);
                      if (!created) return created.error();
                      return to_proto(*created);
                    });
}

grpc::ServerUnaryReactor* NotificationGrpcService::GetCampaign(
    grpc::CallbackServerContext* context, const pb::GetCampaignRequest* request,
    pb::PromotionCampaign* reply) {
  return rpc::serve(*context, reply, "GetCampaign", work_,
                    [=, this]() -> Result<pb::PromotionCampaign> {
                      auto campaign = campaigns_.get(request->id());
                      if (!campaign) return campaign.error();
                      return to_proto(*campaign);
                    });
}

}  // namespace ecn::notification::api
