#include "events/event_payloads.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "ecn/core/time.hpp"
#include "ecn/core/uuid.hpp"

namespace ecn::notification::events {
namespace {

namespace json = boost::json;

core::Error invalid(std::string_view field, std::string_view problem) {
  return {core::ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(problem)};
}

core::Result<json::object> parse_object(std::string_view payload) {
  boost::system::error_code error;
  auto value = json::parse(payload, error);
  if (error) return invalid("payload", "not valid JSON");
  if (!value.is_object()) return invalid("payload", "not a JSON object");
  return std::move(value.as_object());
}

core::Result<const json::object*> object_field(const json::object& parent, std::string_view name,
                                               std::string_view path) {
  const auto* value = parent.if_contains(name);
  if (value == nullptr || !value->is_object()) return invalid(path, "missing or not an object");
  return &value->as_object();
}

core::Result<std::string> string_field(const json::object& parent, std::string_view name,
                                       std::string_view path, bool allow_empty = false) {
  const auto* value = parent.if_contains(name);
  if (value == nullptr || !value->is_string()) return invalid(path, "missing or not a string");
  std::string text(value->as_string());
  if (text.empty() && !allow_empty) return invalid(path, "empty");
  return text;
}

core::Result<std::string> uuid_field(const json::object& parent, std::string_view name,
                                     std::string_view path) {
  auto text = string_field(parent, name, path);
  if (!text) return text.error();
  return core::parse_uuid(*text, path);
}

core::Result<bool> bool_field(const json::object& parent, std::string_view name,
                              std::string_view path) {
  const auto* value = parent.if_contains(name);
  if (value == nullptr || !value->is_bool()) return invalid(path, "missing or not a boolean");
  return value->as_bool();
}

core::Result<std::int64_t> time_field(const json::object& parent, std::string_view name,
                                      std::string_view path) {
  auto text = string_field(parent, name, path);
  if (!text) return text.error();
  auto time = core::parse_rfc3339(*text);
  if (!time) return invalid(path, "not an RFC 3339 timestamp");
  return std::chrono::duration_cast<std::chrono::microseconds>(time->time_since_epoch()).count();
}

core::Result<std::string> type_field(const json::object& event, std::string_view expected) {
  auto type = string_field(event, "type", "type");
  if (!type) return type.error();
  if (*type != expected) return invalid("type", "expected " + std::string(expected));
  return *type;
}

bool is_decimal(std::string_view text) {
  std::size_t digits = 0;
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  ++i;
  const auto fraction_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i == text.size() && i > fraction_start;
}

// Lets each step's error return at once, Redpanda-style, without nesting.
#define ECN_ASSIGN(target, expression)            \
  do {                                            \
    auto ecn_result_ = (expression);              \
    if (!ecn_result_) return ecn_result_.error(); \
    target = std::move(*ecn_result_);             \
  } while (false)

}  // namespace

core::Result<UserUpserted> parse_user_upserted(std::string_view payload) {
  auto event = parse_object(payload);
  if (!event) return event.error();
  UserUpserted out;
  ECN_ASSIGN(out.event_id, uuid_field(*event, "event_id", "event_id"));
  if (auto type = type_field(*event, "user-upserted"); !type) return type.error();
  const json::object* user = nullptr;
  ECN_ASSIGN(user, object_field(*event, "user", "user"));
  ECN_ASSIGN(out.id, uuid_field(*user, "id", "user.id"));
  ECN_ASSIGN(out.name, string_field(*user, "name", "user.name"));
  ECN_ASSIGN(out.email, string_field(*user, "email", "user.email"));
  const json::object* preferences = nullptr;
  ECN_ASSIGN(preferences, object_field(*user, "preferences", "user.preferences"));
  ECN_ASSIGN(out.order_updates,
             bool_field(*preferences, "order_updates", "user.preferences.order_updates"));
  ECN_ASSIGN(out.promotions, bool_field(*preferences, "promotions", "user.preferences.promotions"));
  const auto* categories = preferences->if_contains("categories");
  if (categories == nullptr || !categories->is_array()) {
    return invalid("user.preferences.categories", "missing or not an array");
  }
  for (const auto& category : categories->as_array()) {
    if (!category.is_string()) return invalid("user.preferences.categories", "not strings");
    out.categories.emplace_back(category.as_string());
  }
  ECN_ASSIGN(out.updated_at_us, time_field(*user, "updated_at", "user.updated_at"));
  return out;
}

core::Result<ProductCreated> parse_product_created(std::string_view payload) {
  auto event = parse_object(payload);
  if (!event) return event.error();
  ProductCreated out;
  ECN_ASSIGN(out.event_id, uuid_field(*event, "event_id", "event_id"));
  if (auto type = type_field(*event, "product-created"); !type) return type.error();
  const json::object* product = nullptr;
  ECN_ASSIGN(product, object_field(*event, "product", "product"));
  ECN_ASSIGN(out.id, uuid_field(*product, "id", "product.id"));
  ECN_ASSIGN(out.name, string_field(*product, "name", "product.name"));
  ECN_ASSIGN(out.category, string_field(*product, "category", "product.category"));
  const json::object* price = nullptr;
  ECN_ASSIGN(price, object_field(*product, "price", "product.price"));
  ECN_ASSIGN(out.price_amount, string_field(*price, "amount", "product.price.amount"));
  if (!is_decimal(out.price_amount)) return invalid("product.price.amount", "not a decimal");
  ECN_ASSIGN(out.currency_code,
             string_field(*price, "currency_code", "product.price.currency_code"));
  ECN_ASSIGN(out.created_at_us, time_field(*product, "created_at", "product.created_at"));
  return out;
}

core::Result<OrderStatusUpdated> parse_order_status_updated(std::string_view payload) {
  auto event = parse_object(payload);
  if (!event) return event.error();
  OrderStatusUpdated out;
  ECN_ASSIGN(out.event_id, uuid_field(*event, "event_id", "event_id"));
  ECN_ASSIGN(out.order_id, uuid_field(*event, "order_id", "order_id"));
  ECN_ASSIGN(out.user_id, uuid_field(*event, "user_id", "user_id"));
  ECN_ASSIGN(out.old_status, string_field(*event, "old_status", "old_status", true));
  ECN_ASSIGN(out.new_status, string_field(*event, "new_status", "new_status"));
  ECN_ASSIGN(out.occurred_at_us, time_field(*event, "occurred_at", "occurred_at"));
  return out;
}

}  // namespace ecn::notification::events

#undef ECN_ASSIGN
