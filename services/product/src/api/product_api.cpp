#include "api/product_api.hpp"

#include "api/product_mapping.hpp"
#include "domain/new_product.hpp"
#include "ecn/core/batch_ids.hpp"
#include "ecn/core/cursor.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/rpc/handler.hpp"
#include "storage/product_store.hpp"

namespace ecn::product::api {
namespace {

namespace pb = ecommerce::product::v1;
using core::Error;
using core::ErrorCode;
using core::Result;

}  // namespace

grpc::ServerUnaryReactor* ProductApi::AddProduct(grpc::CallbackServerContext* context,
                                                 const pb::AddProductRequest* request,
                                                 pb::Product* reply) {
  return rpc::serve(*context, reply, "AddProduct", work_, [=, this]() -> Result<pb::Product> {
    auto product = domain::validate_new_product(to_input(*request));
    if (!product) return product.error();
    pb::Product out;
    to_proto(store_.add(*product), &out);
    return out;
  });
}

grpc::ServerUnaryReactor* ProductApi::GetProduct(grpc::CallbackServerContext* context,
                                                 const pb::GetProductRequest* request,
                                                 pb::Product* reply) {
  return rpc::serve(*context, reply, "GetProduct", work_, [=, this]() -> Result<pb::Product> {
    auto id = core::parse_uuid(request->id(), "id");
    if (!id) return id.error();
    const auto product = store_.get(*id);
    if (!product) return Error{ErrorCode::kNotFound, "product " + *id + " does not exist"};
    pb::Product out;
    to_proto(*product, &out);
    return out;
  });
}

grpc::ServerUnaryReactor* ProductApi::GetProducts(grpc::CallbackServerContext* context,
                                                  const pb::GetProductsRequest* request,
                                                  pb::GetProductsResponse* reply) {
  return rpc::serve(
      *context, reply, "GetProducts", work_, [=, this]() -> Result<pb::GetProductsResponse> {
        auto batch =
            core::parse_batch_ids({request->ids().begin(), request->ids().end()}, kMaxBatch);
        if (!batch) return batch.error();
        pb::GetProductsResponse out;
        core::match_batch(
            *batch, store_.get_many(batch->ids), [](const domain::Product& row) { return row.id; },
            [&](const domain::Product& row) { to_proto(row, out.add_products()); },
            [&](const std::string& id) { out.add_missing_ids(id); });
        return out;
      });
}

grpc::ServerUnaryReactor* ProductApi::ListProducts(grpc::CallbackServerContext* context,
                                                   const pb::ListProductsRequest* request,
                                                   pb::ListProductsResponse* reply) {
  return rpc::serve(
      *context, reply, "ListProducts", work_, [=, this]() -> Result<pb::ListProductsResponse> {
        std::optional<std::string> category;
        if (request->has_category()) {
          auto normalized = domain::normalize_category(request->category(), "category");
          if (!normalized) return normalized.error();
          category = std::move(*normalized);
        }
        const auto limit = core::page_size(request->page().first(), "page.first");
        if (!limit) return limit.error();
        std::optional<core::KeysetCursor> after;
        if (!request->page().after().empty()) {
          auto cursor = core::decode_cursor(request->page().after(), "page.after");
          if (!cursor) return cursor.error();
          after = std::move(*cursor);
        }
        const auto page = store_.list(category, *limit, after);
        pb::ListProductsResponse out;
        for (const auto& product : page.products) {
          to_proto(product, out.add_products());
          out.add_cursors(core::encode_cursor(storage::cursor_of(product)));
        }
        out.mutable_page_info()->set_has_next_page(page.has_next_page);
        if (!page.products.empty()) {
          out.mutable_page_info()->set_end_cursor(out.cursors(out.cursors_size() - 1));
        }
        return out;
      });
}

}  // namespace ecn::product::api
