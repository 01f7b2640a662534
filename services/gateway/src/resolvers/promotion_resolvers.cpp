#include "resolvers/proto_json.hpp"
#include "resolvers/resolvers.hpp"

namespace ecn::gateway::resolvers {
namespace {

namespace json = boost::json;
namespace gql = graphql::execution;
namespace notification_v1 = ecommerce::notification::v1;
using boost::asio::awaitable;

constexpr const char* kService = "notification-service";

ResolverResult campaign_or_error(
    const upstream::CallResult<notification_v1::PromotionCampaign>& reply) {
  if (reply) return json::value(to_json(*reply));
  return reply.error();
}

awaitable<ResolverResult> send_promotion(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  if (auto denied = require_admin(scope.auth())) co_return *denied;
  const auto& input = info.args.at("input").as_object();
  notification_v1::CreatePromotionCampaignRequest request;
  request.set_title(string_arg(input, "title"));
  request.set_body(string_arg(input, "body"));
  if (has_arg(input, "category")) request.set_category(string_arg(input, "category"));
  if (has_arg(input, "productId")) request.set_product_id(string_arg(input, "productId"));
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::PromotionCampaign>(
      {kService, "CreatePromotionCampaign"},
      [stub](auto... a) { stub->CreatePromotionCampaign(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  co_return campaign_or_error(reply);
}

awaitable<ResolverResult> promotion_campaign(const gql::ResolveInfo& info) {
  auto& scope = scope_of(info);
  if (auto denied = require_admin(scope.auth())) co_return *denied;
  notification_v1::GetCampaignRequest request;
  request.set_id(string_arg(info.args, "id"));
  auto* stub = scope.upstreams().notifications->async();
  auto pending = upstream::call<notification_v1::PromotionCampaign>(
      {kService, "GetCampaign"}, [stub](auto... a) { stub->GetCampaign(a...); }, std::move(request),
      scope.call_options());
  auto reply = co_await std::move(pending);
  if (!reply && reply.error().code == "NOT_FOUND") co_return json::value(nullptr);
  co_return campaign_or_error(reply);
}

}  // namespace

void register_promotion_resolvers(gql::ResolverMap& map) {
  map.on_async("Mutation.sendPromotion", send_promotion);
  map.on_async("Query.promotionCampaign", promotion_campaign);
}

}  // namespace ecn::gateway::resolvers
