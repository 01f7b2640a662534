#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "ecommerce/common/v1/common.pb.h"
#include "ecommerce/notification/v1/notification.pb.h"
#include "ecommerce/order/v1/order.pb.h"
#include "ecommerce/product/v1/product.pb.h"
#include "ecommerce/user/v1/user.pb.h"

// Upstream messages as the JSON objects the schema's types resolve from: GraphQL field names,
// RFC 3339 timestamps, enum names. Ids a nested field loads later stay as `userId`,
// `productId`, ... so its resolver finds them on the parent.
namespace ecn::gateway::resolvers {

boost::json::value to_json(const google::protobuf::Timestamp& time);
boost::json::object to_json(const ecommerce::common::v1::Money& money);
boost::json::object to_json(const ecommerce::user::v1::User& user);
boost::json::object to_json(const ecommerce::product::v1::Product& product);
boost::json::object to_json(const ecommerce::order::v1::Order& order);
boost::json::object to_json(const ecommerce::notification::v1::Notification& notification);
boost::json::object to_json(const ecommerce::notification::v1::PromotionCampaign& campaign);
// `{token, expiresAt, user}`.
boost::json::object to_json(const ecommerce::user::v1::AuthResponse& auth);

// A connection (`edges`, `nodes`, `pageInfo`) from nodes and their cursors, in order.
boost::json::object connection(boost::json::array nodes, const std::vector<std::string>& cursors,
                               const ecommerce::common::v1::PageInfo& page_info);

}  // namespace ecn::gateway::resolvers
