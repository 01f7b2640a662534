#include "api/order_api.hpp"

#include "api/order_mapping.hpp"
#include "clients/product_catalog.hpp"
#include "domain/order_request.hpp"
#include "domain/pricing.hpp"
#include "ecn/core/batch_ids.hpp"
#include "ecn/core/cursor.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/rpc/handler.hpp"
#include "storage/order_store.hpp"

namespace ecn::order::api {
namespace {

namespace pb = ecommerce::order::v1;
using core::Error;
using core::ErrorCode;
using core::Result;

}  // namespace

grpc::ServerUnaryReactor* OrderApi::CreateOrder(grpc::CallbackServerContext* context,
                                                const pb::CreateOrderRequest* request,
                                                pb::Order* reply) {
  return rpc::serve(*context, reply, "CreateOrder", work_, [=, this]() -> Result<pb::Order> {
    const auto valid = domain::validate_order_request(request->user_id(), to_items(*request));
    if (!valid) return valid.error();
    std::vector<std::string> product_ids;
    for (const auto& item : valid->items) product_ids.push_back(item.product_id);
    const auto catalog = catalog_.get_products(product_ids);
    if (!catalog) return catalog.error();
    const auto priced = domain::price_order(*valid, *catalog);
    if (!priced) return priced.error();
    pb::Order out;
    to_proto(store_.create(valid->user_id, *priced), &out);
    return out;
  });
}

grpc::ServerUnaryReactor* OrderApi::GetOrder(grpc::CallbackServerContext* context,
                                             const pb::GetOrderRequest* request, pb::Order* reply) {
  return rpc::serve(*context, reply, "GetOrder", work_, [=, this]() -> Result<pb::Order> {
    const auto id = core::parse_uuid(request->id(), "id");
    if (!id) return id.error();
    const auto order = store_.get(*id);
    if (!order) return Error{ErrorCode::kNotFound, "order " + *id + " does not exist"};
    pb::Order out;
    to_proto(*order, &out);
    return out;
  });
}

grpc::ServerUnaryReactor* OrderApi::GetOrders(grpc::CallbackServerContext* context,
                                              const pb::GetOrdersRequest* request,
                                              pb::GetOrdersResponse* reply) {
  return rpc::serve(
      *context, reply, "GetOrders", work_, [=, this]() -> Result<pb::GetOrdersResponse> {
        auto batch =
            core::parse_batch_ids({request->ids().begin(), request->ids().end()}, kMaxBatch);
        if (!batch) return batch.error();
        pb::GetOrdersResponse out;
        core::match_batch(
            *batch, store_.get_many(batch->ids), [](const domain::Order& row) { return row.id; },
            [&](const domain::Order& row) { to_proto(row, out.add_orders()); },
            [&](const std::string& id) { out.add_missing_ids(id); });
        return out;
      });
}

grpc::ServerUnaryReactor* OrderApi::ListOrdersByUser(grpc::CallbackServerContext* context,
                                                     const pb::ListOrdersByUserRequest* request,
                                                     pb::ListOrdersByUserResponse* reply) {
  return rpc::serve(
      *context, reply, "ListOrdersByUser", work_,
      [=, this]() -> Result<pb::ListOrdersByUserResponse> {
        const auto user_id = core::parse_uuid(request->user_id(), "user_id");
        if (!user_id) return user_id.error();
        const auto limit = core::page_size(request->page().first(), "page.first");
        if (!limit) return limit.error();
        std::optional<core::KeysetCursor> after;
        if (!request->page().after().empty()) {
          auto cursor = core::decode_cursor(request->page().after(), "page.after");
          if (!cursor) return cursor.error();
          after = std::move(*cursor);
        }
        const auto page = store_.list_by_user(*user_id, *limit, after);
        pb::ListOrdersByUserResponse out;
        for (const auto& order : page.orders) {
          to_proto(order, out.add_orders());
          out.add_cursors(core::encode_cursor(storage::cursor_of(order)));
        }
        out.mutable_page_info()->set_has_next_page(page.has_next_page);
        if (!page.orders.empty()) {
          out.mutable_page_info()->set_end_cursor(out.cursors(out.cursors_size() - 1));
        }
        return out;
      });
}

grpc::ServerUnaryReactor* OrderApi::UpdateOrderStatus(grpc::CallbackServerContext* context,
                                                      const pb::UpdateOrderStatusRequest* request,
                                                      pb::Order* reply) {
  return rpc::serve(*context, reply, "UpdateOrderStatus", work_, [=, this]() -> Result<pb::Order> {
    const auto id = core::parse_uuid(request->id(), "id");
    if (!id) return id.error();
    const auto status = from_proto(request->status());
    if (!status) {
      return Error{ErrorCode::kInvalidArgument,
                   "status: must be one of PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED"};
    }
    const auto order = store_.update_status(*id, *status);
    if (!order) return order.error();
    pb::Order out;
    to_proto(*order, &out);
    return out;
  });
}

}  // namespace ecn::order::api
