#include "api/order_mapping.hpp"

#include "domain/money.hpp"

namespace ecn::order::api {
namespace {

namespace pb = ecommerce::order::v1;

void set_timestamp(std::int64_t us, google::protobuf::Timestamp* out) {
  // Floor division keeps nanos in [0, 1e9) as Timestamp requires, even before 1970.
  auto seconds = us / 1'000'000;
  auto micros = us % 1'000'000;
  if (micros < 0) {
    micros += 1'000'000;
    seconds -= 1;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(micros * 1000));
}

void set_money(std::int64_t minor, const std::string& currency, ecommerce::common::v1::Money* out) {
  out->set_amount(domain::format_amount(minor));
  out->set_currency_code(currency);
}

}  // namespace

std::vector<domain::ItemInput> to_items(const pb::CreateOrderRequest& request) {
  std::vector<domain::ItemInput> items;
  items.reserve(static_cast<std::size_t>(request.items_size()));
  for (const auto& item : request.items()) items.push_back({item.product_id(), item.quantity()});
  return items;
}

std::optional<domain::OrderStatus> from_proto(int status) {
  switch (status) {
    case pb::PENDING:
      return domain::OrderStatus::kPending;
    case pb::CONFIRMED:
      return domain::OrderStatus::kConfirmed;
    case pb::SHIPPED:
      return domain::OrderStatus::kShipped;
    case pb::DELIVERED:
      return domain::OrderStatus::kDelivered;
    case pb::CANCELLED:
      return domain::OrderStatus::kCancelled;
    default:
      return std::nullopt;
  }
}

pb::OrderStatus to_proto(domain::OrderStatus status) {
  switch (status) {
    case domain::OrderStatus::kPending:
      return pb::PENDING;
    case domain::OrderStatus::kConfirmed:
      return pb::CONFIRMED;
    case domain::OrderStatus::kShipped:
      return pb::SHIPPED;
    case domain::OrderStatus::kDelivered:
      return pb::DELIVERED;
    case domain::OrderStatus::kCancelled:
      return pb::CANCELLED;
  }
  return pb::ORDER_STATUS_UNSPECIFIED;
}

void to_proto(const domain::Order& order, pb::Order* out) {
  out->set_id(order.id);
  out->set_user_id(order.user_id);
  out->set_status(to_proto(order.status));
  for (const auto& line : order.lines) {
    auto* item = out->add_items();
    item->set_product_id(line.product_id);
    item->set_product_name(line.product_name);
    item->set_quantity(line.quantity);
    set_money(line.unit_price_minor, order.currency_code, item->mutable_unit_price());
    set_money(line.line_total_minor, order.currency_code, item->mutable_line_total());
  }
  set_money(order.total_minor, order.currency_code, out->mutable_total());
  set_timestamp(order.created_at_us, out->mutable_created_at());
  set_timestamp(order.updated_at_us, out->mutable_updated_at());
}

}  // namespace ecn::order::api
