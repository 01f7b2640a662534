#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "cache/product_cache.hpp"
#include "resolvers/proto_json.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;
namespace product_v1 = ecommerce::product::v1;
using boost::asio::awaitable;

// A cached read's JSON, or null when the text is not JSON (then the cache is bypassed). Parsed
// into one arena the value shares: the executor copies what it selects and the whole tree is
// freed in one release (per-node heap allocations dominated the cached path's profile).
std::optional<json::value> parse_cached(const std::string& text) {
  boost::system::error_code error;
  auto value = json::parse(text, error, json::make_shared_resource<json::monotonic_resource>());
  if (error) return std::nullopt;
  return value;
}

awaitable<ResolverResult> product(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  if (auto bad = check_id(info.args, "id")) co_return *bad;
  const auto id = string_arg(info.args, "id");
  auto* cache = scope.product_cache();
  cache::ProductCache::Lookup lookup;
  const std::string key = "product:" + id;
  cache::ProductCache::Generation seen = 0;
  if (cache != nullptr) {
    seen = cache->generation();
    if (auto local = cache->local(key)) co_return std::move(*local);
    lookup = co_await cache->get(key);
    if (lookup.value) {
      if (auto cached = parse_cached(*lookup.value)) {
        cache->keep_local(key, *cached, seen);
        scope.products().prime(id, *cached);
        co_return std::move(*cached);
      }
    }
  }
  auto loaded = co_await scope.products().load(id);
  if (cache != nullptr && loaded) {
    const auto text = json::serialize(*loaded);  // named: GCC 12 and co_await temporaries
    co_await cache->fill(lookup, key, text);
    cache->keep_local(key, *loaded, seen);
  }
  co_return null_if_not_found(std::move(loaded));
}

// The cache key of a `products` page: its arguments, as JSON so no value can forge another's.
std::string products_key(const gql::ResolveInfo& info) {
  const auto page = page_arg(info.args);
  return "list:" +
         json::serialize(json::array{page.first(), page.after(), string_arg(info.args, "category"),
                                     has_arg(info.args, "category")});
}

awaitable<ResolverResult> products(const gql::ResolveInfo& info) {
  if (auto bad = check_first(info.args)) co_return *bad;
  auto& scope = scope_of(info);
  auto* cache = scope.product_cache();
  cache::ProductCache::Lookup lookup;
  const std::string key = products_key(info);
  cache::ProductCache::Generation seen = 0;
  if (cache != nullptr) {
    seen = cache->generation();
    if (auto local = cache->local(key)) co_return std::move(*local);
    lookup = co_await cache->get(key);
    if (lookup.value) {
      // Not primed into the request's loader, unlike a miss: copying every node costs more than
      // the rare later product(id) in the same request, which has its own cache entry.
      if (auto cached = parse_cached(*lookup.value); cached && cached->is_object()) {
        cache->keep_local(key, *cached, seen);
        co_return std::move(*cached);
      }
    }
  }
  product_v1::ListProductsRequest request;
  if (has_arg(info.args, "category")) request.set_category(string_arg(info.args, "category"));
  *request.mutable_page() = page_arg(info.args);
  auto* stub = scope.upstreams().products->async();
  auto pending = upstream::call<product_v1::ListProductsResponse>(
      {"product-service", "ListProducts"}, [stub](auto... a) { stub->ListProducts(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  json::array nodes;
  for (const auto& item : reply->products()) {
    auto node = json::value(to_json(item));
    scope.products().prime(item.id(), node);
    nodes.push_back(std::move(node));
  }
  const std::vector<std::string> cursors(reply->cursors().begin(), reply->cursors().end());
  json::value result(connection(std::move(nodes), cursors, reply->page_info()));
  if (cache != nullptr) {
    const auto text = json::serialize(result);  // named: GCC 12 and co_await temporaries
    co_await cache->fill(lookup, key, text);
    cache->keep_local(key, result, seen);
  }
  co_return result;
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
      {"product-service", "AddProduct"}, [stub](auto... a) { stub->AddProduct(a...); },
      std::move(request), scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply) co_return reply.error();
  // Every replica's cached lists are stale now; the product-created event will bump the
  // version again, but this request's client should see its product at once.
  if (auto* cache = scope.product_cache()) co_await cache->invalidate();
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
