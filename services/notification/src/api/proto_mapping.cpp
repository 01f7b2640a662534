#include "api/proto_mapping.hpp"

namespace ecn::notification::api {
namespace {

namespace pb = ecommerce::notification::v1;

void set_timestamp(google::protobuf::Timestamp* out, std::int64_t micros) {
  // Floor division, so instants before 1970 keep nanos in [0, 1e9).
  std::int64_t seconds = micros / 1'000'000;
  std::int64_t rest = micros % 1'000'000;
  if (rest < 0) {
    rest += 1'000'000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(rest * 1000));
}

}  // namespace

pb::Notification to_proto(const domain::Notification& notification) {
  pb::Notification out;
  out.set_id(notification.id);
  out.set_user_id(notification.user_id);
  out.set_type(static_cast<pb::NotificationType>(notification.type));
  out.set_title(notification.title);
  out.set_body(notification.body);
  out.set_data_json(notification.data_json);
  out.set_read(notification.read());
  set_timestamp(out.mutable_created_at(), notification.created_at_us);
  if (notification.read_at_us) set_timestamp(out.mutable_read_at(), *notification.read_at_us);
  out.set_cursor(app::cursor_of(notification));
  return out;
}

pb::ListNotificationsResponse to_proto(const app::Page& page) {
  pb::ListNotificationsResponse out;
  for (const auto& notification : page.notifications) {
    *out.add_notifications() = to_proto(notification);
  }
  out.mutable_page_info()->set_has_next_page(page.has_next_page);
  out.mutable_page_info()->set_end_cursor(page.end_cursor);
  return out;
}

pb::PromotionCampaign to_proto(const domain::Campaign& campaign) {
  pb::PromotionCampaign out;
  out.set_id(campaign.id);
  out.set_title(campaign.title);
  out.set_body(campaign.body);
  if (campaign.category) out.set_category(*campaign.category);
  if (campaign.product_id) out.set_product_id(*campaign.product_id);
  out.set_status(static_cast<pb::CampaignStatus>(campaign.status));
  out.set_recipient_count(campaign.recipient_count);
  set_timestamp(out.mutable_created_at(), campaign.created_at_us);
  if (campaign.completed_at_us)
    set_timestamp(out.mutable_completed_at(), *campaign.completed_at_us);
  return out;
}

}  // namespace ecn::notification::api
