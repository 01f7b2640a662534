#include <boost/json/array.hpp>

#include "resolvers/proto_json.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;
namespace product_v1 = ecommerce::product::v1;
using boost::asio::awaitable;

awaitable<ResolverResult> product(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  co_return null_if_not_found(co_await scope.products().load(string_arg(info.args, "id")));
}

awaitable<ResolverResult> products(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  product_v1::ListProductsRequest request;
  if (has_arg(info.args, "category")) request.set_category(string_arg(info.args, "category"));
  *request.mutable_page() = page_arg(info.args);
  auto* stub = scope.upstreams().products->async();
  auto pending = upstream::call<product_v1::ListProductsResponse>(
      "product-service", [stub](auto... a) { stub->ListProducts(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  json::array nodes;
  for (const auto& item : reply->products()) {
    auto node = json::value(to_json(item));
    scope.products().prime(item.id(), node);
    nodes.push_back(std::move(node));
  }
  const std::vector<std::string> cursors(reply->cursors().begin(), reply->cursors().end());
  co_return json::value(connection(std::move(nodes), cursors, reply->page_info()));
}

awaitable<ResolverResult> add_product(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  if (auto denied = require_admin(scope.auth())) co_return *denied;
  const auto& input = info.args.at("input").as_object();
  product_v1::AddProductRequest request;
  request.set_name(string_arg(input, "name"));
  request.set_description(string_arg(input, "description"));
  request.mutable_price()->set_amount(string_arg(input, "price"));
  request.mutable_price()->set_currency_code(string_arg(input, "currencyCode"));
  request.set_category(string_arg(input, "category"));
  if (has_arg(input, "imageUrl")) request.set_image_url(string_arg(input, "imageUrl"));
  auto* stub = scope.upstreams().products->async();
  auto pending = upstream::call<product_v1::Product>(
      "product-service", [stub](auto... a) { stub->AddProduct(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  co_return json::value(to_json(*reply));
}

// A product the parent refers to by `key` (an id string), through the request's loader; null
// when the parent refers to none.
awaitable<ResolverResult> referenced_product(const gql::ResolveInfo& info, const json::value* id) {
  if (id == nullptr || !id->is_string() || id->get_string().empty()) {
    co_return json::value(nullptr);
  }
  co_return co_await scope_of(info).products().load(std::string(id->get_string()));
}

}  // namespace

void register_product_resolvers(gql::ResolverMap& map) {
  map.on_async("Query.product", product);
  map.on_async("Query.products", products);
  map.on_async("Mutation.addProduct", add_product);
  map.on_async("OrderItem.product", [](const gql::ResolveInfo& info) {
    return referenced_product(info, info.parent.as_object().if_contains("productId"));
  });
  map.on_async(
      "PromotionCampaign.product", [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
        co_return null_if_not_found(
            co_await referenced_product(info, info.parent.as_object().if_contains("productId")));
      });
  map.on_async("Notification.product",
               [](const gql::ResolveInfo& info) -> awaitable<ResolverResult> {
                 const auto* data = info.parent.as_object().if_contains("data");
                 const json::value* id = data != nullptr && data->is_object()
                                             ? data->get_object().if_contains("product_id")
                                             : nullptr;
                 co_return null_if_not_found(co_await referenced_product(info, id));
               });
}

}  // namespace ecn::gateway::resolvers
