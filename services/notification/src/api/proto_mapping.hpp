#pragma once

#include "app/inbox.hpp"
#include "domain/campaign.hpp"
#include "domain/notification.hpp"
#include "ecommerce/notification/v1/notification.pb.h"

namespace ecn::notification::api {

ecommerce::notification::v1::Notification to_proto(const domain::Notification& notification);
ecommerce::notification::v1::ListNotificationsResponse to_proto(const app::Page& page);
ecommerce::notification::v1::PromotionCampaign to_proto(const domain::Campaign& campaign);

}  // namespace ecn::notification::api
