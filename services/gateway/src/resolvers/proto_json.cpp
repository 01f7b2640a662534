#include "resolvers/proto_json.hpp"

#include <boost/json/parse.hpp>
#include <chrono>

#include "ecn/core/time.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;

json::value data_value(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  return ec ? json::value(nullptr) : value;
}

}  // namespace

json::value to_json(const google::protobuf::Timestamp& time) {
  const auto point = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(time.seconds()) + std::chrono::nanoseconds(time.nanos())));
  return json::value(core::to_rfc3339(point));
}

json::object to_json(const ecommerce::common::v1::Money& money) {
  return {{"amount", money.amount()}, {"currencyCode", money.currency_code()}};
}

json::object to_json(const ecommerce::user::v1::User& user) {
  json::array categories;
  for (const auto& category : user.preferences().categories())
    categories.push_back(json::value(category));
  return {{"id", user.id()},
          {"name", user.name()},
          {"email", user.email()},
          {"preferences", json::object{{"orderUpdates", user.preferences().order_updates()},
                                       {"promotions", user.preferences().promotions()},
                                       {"categories", std::move(categories)}}},
          {"createdAt", to_json(user.created_at())}};
}

json::object to_json(const ecommerce::product::v1::Product& product) {
  return {{"id", product.id()},
          {"name", product.name()},
          {"description", product.description()},
          {"price", to_json(product.price())},
          {"category", product.category()},
          {"imageUrl", product.has_image_url() ? json::value(product.image_url()) : nullptr},
          {"createdAt", to_json(product.created_at())}};
}

json::object to_json(const ecommerce::order::v1::Order& order) {
  json::array items;
  for (const auto& item : order.items()) {
    items.push_back(json::object{{"productId", item.product_id()},
                                 {"productName", item.product_name()},
                                 {"quantity", item.quantity()},
                                 {"unitPrice", to_json(item.unit_price())},
                                 {"lineTotal", to_json(item.line_total())}});
  }
  return {{"id", order.id()},
          {"userId", order.user_id()},
          {"status", ecommerce::order::v1::OrderStatus_Name(order.status())},
          {"items", std::move(items)},
          {"total", to_json(order.total())},
          {"createdAt", to_json(order.created_at())},
          {"updatedAt", to_json(order.updated_at())}};
}

json::object to_json(const ecommerce::notification::v1::Notification& notification) {
  return {{"id", notification.id()},
          {"userId", notification.user_id()},
          {"type", ecommerce::notification::v1::NotificationType_Name(notification.type())},
          {"title", notification.title()},
          {"body", notification.body()},
          {"data", data_value(notification.data_json())},
          {"read", notification.read()},
          {"createdAt", to_json(notification.created_at())},
          {"readAt", notification.has_read_at() ? to_json(notification.read_at()) : nullptr},
          {"cursor", notification.cursor()}};
}

json::object to_json(const ecommerce::notification::v1::PromotionCampaign& campaign) {
  return {
      {"id", campaign.id()},
      {"title", campaign.title()},
      {"body", campaign.body()},
      {"category", campaign.has_category() ? json::value(campaign.category()) : nullptr},
      {"productId", campaign.has_product_id() ? json::value(campaign.product_id()) : nullptr},
      {"status", ecommerce::notification::v1::CampaignStatus_Name(campaign.status())},
      {"recipientCount", campaign.recipient_count()},
      {"createdAt", to_json(campaign.created_at())},
      {"completedAt", campaign.has_completed_at() ? to_json(campaign.completed_at()) : nullptr}};
}

json::object to_json(const ecommerce::user::v1::AuthResponse& auth) {
  return {{"token", auth.token()},
          {"expiresAt", to_json(auth.expires_at())},
          {"user", to_json(auth.user())}};
}

json::object connection(json::array nodes, const std::vector<std::string>& cursors,
                        const ecommerce::common::v1::PageInfo& page_info) {
  json::array edges;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    edges.push_back(json::object{{"cursor", i < cursors.size() ? cursors[i] : std::string()},
                                 {"node", nodes[i]}});
  }
  json::value end_cursor = nullptr;
  if (!page_info.end_cursor().empty()) {
    end_cursor = page_info.end_cursor();
  } else if (!cursors.empty()) {
    end_cursor = cursors.back();
  }
  return {{"edges", std::move(edges)},
          {"nodes", std::move(nodes)},
          {"pageInfo", json::object{{"hasNextPage", page_info.has_next_page()},
                                    {"endCursor", std::move(end_cursor)}}}};
}

}  // namespace ecn::gateway::resolvers
