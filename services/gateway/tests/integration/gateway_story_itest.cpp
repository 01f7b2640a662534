// The whole shop behind the real gateway binary: user-, product-, order- and
// notification-service binaries on their own databases, the shared test Kafka and Redis, and
// /graphql driven over HTTP the way a client uses it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "gateway_stack.hpp"
#include "http_client.hpp"

namespace {

namespace json = boost::json;
using ecn::gateway::testing::HttpConnection;
using namespace std::chrono_literals;

using ecn::gateway::testing::kStackAdminKey;
using ecn::gateway::testing::RunningGateway;
using ecn::gateway::testing::ServiceStack;

// Handled GetProducts calls, from product-service's /metrics.
long get_products_calls(std::uint16_t ops_port) {
  return ecn::gateway::testing::rpc_calls(ops_port, "GetProducts");
}

class GatewayStory : public ::testing::Test {
 protected:
  // POSTs a GraphQL request; `token` and `admin` add the credentials.
  json::object graphql(const std::string& query, json::object variables = {},
                       const std::string& token = "", bool admin = false) {
    std::map<std::string, std::string> headers{{"content-type", "application/json"},
                                               {"accept", "application/json"}};
    if (!token.empty()) headers["authorization"] = "Bearer " + token;
    if (admin) headers["x-api-key"] = kStackAdminKey;
    const auto body =
        json::serialize(json::object{{"query", query}, {"variables", std::move(variables)}});
    const auto response = http_->request("POST", "/graphql", headers, body);
    EXPECT_EQ(response.status, 200) << response.body;
    return json::parse(response.body).as_object();
  }

  // The first error's extensions.code ("" when there is none).
  static std::string error_code(const json::object& response) {
    const auto* errors = response.if_contains("errors");
    if (errors == nullptr || errors->as_array().empty()) return "";
    return std::string(errors->as_array()[0].at("extensions").at("code").as_string());
  }

  void SetUp() override {
    stack_ = std::make_unique<ServiceStack>();
    ASSERT_TRUE(stack_->started()) << stack_->logs();
    gateway_ = std::make_unique<RunningGateway>(stack_->start_gateway());
    ASSERT_TRUE(gateway_->started) << gateway_->process->stderr_text();
    ASSERT_NE(gateway_->http_port, 0) << gateway_->process->stderr_text();
    products_ = &stack_->products();
    http_ = std::make_unique<HttpConnection>(gateway_->http_port);
  }

  void TearDown() override {
    if (HasFailure() && gateway_) {
      const auto log = gateway_->process->stderr_text();
      std::cerr << "gateway log (tail):\n" << log.substr(log.size() > 4000 ? log.size() - 4000 : 0);
    }
  }

  // Registers a new user and returns {token, id}.
  std::pair<std::string, std::string> register_user(const std::string& name) {
    const auto email = ecn::testing::unique_name(name) + "@example.com";
    auto reply = graphql(
        "mutation($input: RegisterInput!) { register(input: $input) { token user { id email } } }",
        {{"input", {{"name", name}, {"email", email}, {"password", "correct horse battery"}}}});
    EXPECT_FALSE(reply.contains("errors")) << json::serialize(reply);
    const auto& payload = reply.at("data").at("register");
    EXPECT_EQ(payload.at("user").at("email").as_string(), email);
    return {std::string(payload.at("token").as_string()),
            std::string(payload.at("user").at("id").as_string())};
  }

  std::unique_ptr<ServiceStack> stack_;
  std::unique_ptr<RunningGateway> gateway_;
  ecn::gateway::testing::RunningService* products_ = nullptr;  // in stack_
  std::unique_ptr<HttpConnection> http_;
};

TEST_F(GatewayStory, RegisterOrderShipNotifyReadAndDegradeWhenAnUpstreamDies) {
  // register -> login -> me
  const auto email = ecn::testing::unique_name("ada") + "@example.com";
  auto registered = graphql(
      "mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }",
      {{"input", {{"name", "Ada"}, {"email", email}, {"password", "correct horse battery"}}}});
  ASSERT_FALSE(registered.contains("errors")) << json::serialize(registered);
  const std::string user_id(registered.at("data").at("register").at("user").at("id").as_string());
  auto login = graphql(
      "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt } }",
      {{"e", email}, {"p", "correct horse battery"}});
  ASSERT_FALSE(login.contains("errors")) << json::serialize(login);
  const std::string token(login.at("data").at("login").at("token").as_string());
  auto me = graphql("{ me { id name email preferences { orderUpdates } } }", {}, token);
  EXPECT_EQ(me.at("data").at("me").at("id").as_string(), user_id);
  EXPECT_EQ(me.at("data").at("me").at("email").as_string(), email);
  EXPECT_EQ(error_code(graphql("{ me { id } }")), "UNAUTHENTICATED");

  // addProduct needs the admin key; products lists what was added
  const std::string add =
      "mutation($input: AddProductInput!) { addProduct(input: $input) { id name price { amount "
      "currencyCode } } }";
  EXPECT_EQ(error_code(graphql(
                add, {{"input", {{"name", "Kettle"}, {"price", "19.99"}, {"category", "kitchen"}}}},
                token)),
            "FORBIDDEN");
  std::vector<std::string> product_ids;
  for (const auto* name : {"Kettle", "Teapot"}) {
    auto added = graphql(
        add, {{"input", {{"name", name}, {"price", "19.99"}, {"category", "kitchen"}}}}, "", true);
    ASSERT_FALSE(added.contains("errors")) << json::serialize(added);
    EXPECT_EQ(added.at("data").at("addProduct").at("price").at("amount").as_string(), "19.99");
    product_ids.emplace_back(added.at("data").at("addProduct").at("id").as_string());
  }
  auto listed = graphql(
      "{ products(first: 10) { nodes { id name } edges { cursor } pageInfo { hasNextPage } } }");
  ASSERT_FALSE(listed.contains("errors")) << json::serialize(listed);
  const auto& nodes = listed.at("data").at("products").at("nodes").as_array();
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].at("name").as_string(), "Teapot");  // newest first
  EXPECT_FALSE(listed.at("data").at("products").at("pageInfo").at("hasNextPage").as_bool());

  // createOrder for the signed-in user
  auto created = graphql(
      "mutation($input: CreateOrderInput!) { createOrder(input: $input) { id status total { amount "
      "} } }",
      {{"input",
        {{"items", json::array{json::object{{"productId", product_ids[0]}, {"quantity", 2}},
                               json::object{{"productId", product_ids[1]}, {"quantity", 1}}}}}}},
      token);
  ASSERT_FALSE(created.contains("errors")) << json::serialize(created);
  const std::string order_id(created.at("data").at("createOrder").at("id").as_string());
  EXPECT_EQ(created.at("data").at("createOrder").at("status").as_string(), "PENDING");
  EXPECT_EQ(created.at("data").at("createOrder").at("total").at("amount").as_string(), "59.97");

  // the order with its items' products and its user: one GetProducts call for both items
  const long before = get_products_calls(products_->ops_port);
  auto order = graphql(
      "query($id: ID!) { order(id: $id) { id status user { id } items { quantity product { name } "
      "} } }",
      {{"id", order_id}}, token);
  ASSERT_FALSE(order.contains("errors")) << json::serialize(order);
  const auto& items = order.at("data").at("order").at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("product").at("name").as_string(), "Kettle");
  EXPECT_EQ(items[1].at("product").at("name").as_string(), "Teapot");
  EXPECT_EQ(order.at("data").at("order").at("user").at("id").as_string(), user_id);
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] { return get_products_calls(products_->ops_port) >= before + 1; }, 5s, 20ms));
  EXPECT_EQ(get_products_calls(products_->ops_port), before + 1);

  // another user may not read it
  const auto [other_token, other_id] = register_user("bob");
  auto foreign =
      graphql("query($id: ID!) { order(id: $id) { id } }", {{"id", order_id}}, other_token);
  EXPECT_EQ(error_code(foreign), "FORBIDDEN");
  EXPECT_TRUE(foreign.at("data").at("order").is_null());
  EXPECT_EQ(error_code(graphql("query($u: ID!) { ordersByUser(userId: $u) { nodes { id } } }",
                               {{"u", user_id}}, other_token)),
            "FORBIDDEN");
  auto mine = graphql("{ me { orders(first: 5) { nodes { id } } } }", {}, token);
  ASSERT_FALSE(mine.contains("errors")) << json::serialize(mine);
  EXPECT_EQ(mine.at("data").at("me").at("orders").at("nodes").as_array().at(0).at("id").as_string(),
            order_id);

  // updateOrderStatus is admin-only
  const std::string update =
      "mutation($id: ID!, $s: OrderStatus!) { updateOrderStatus(id: $id, status: $s) { status } }";
  EXPECT_EQ(error_code(graphql(update, {{"id", order_id}, {"s", "CONFIRMED"}}, token)),
            "FORBIDDEN");
  for (const auto* status : {"CONFIRMED", "SHIPPED"}) {
    auto updated = graphql(update, {{"id", order_id}, {"s", status}}, "", true);
    ASSERT_FALSE(updated.contains("errors")) << json::serialize(updated);
    EXPECT_EQ(updated.at("data").at("updateOrderStatus").at("status").as_string(), status);
  }

  // the SHIPPED notification arrives, linked to the order
  const std::string unread_query =
      "{ notifications(unreadOnly: true) { nodes { id type title read data order { id status } } } "
      "}";
  std::string notification_id;
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] {
        auto page = graphql(unread_query, {}, token);
        if (page.contains("errors")) return false;
        for (const auto& node : page.at("data").at("notifications").at("nodes").as_array()) {
          const auto& order_ref = node.at("order");
          if (node.at("type") == "ORDER_UPDATE" && !order_ref.is_null() &&
              order_ref.at("id") == json::value(order_id) && order_ref.at("status") == "SHIPPED" &&
              node.at("data").at("status") == "SHIPPED") {
            notification_id = node.at("id").as_string();
            return true;
          }
        }
        return false;
      },
      90s, 200ms))
      << json::serialize(graphql(unread_query, {}, token));

  // markNotificationRead -> the unread count drops by one
  const auto count = graphql("{ unreadNotificationCount }", {}, token)
                         .at("data")
                         .at("unreadNotificationCount")
                         .as_int64();
  ASSERT_GE(count, 1);
  auto marked = graphql("mutation($id: ID!) { markNotificationRead(id: $id) { id read readAt } }",
                        {{"id", notification_id}}, token);
  ASSERT_FALSE(marked.contains("errors")) << json::serialize(marked);
  EXPECT_TRUE(marked.at("data").at("markNotificationRead").at("read").as_bool());
  EXPECT_EQ(graphql("{ unreadNotificationCount }", {}, token)
                .at("data")
                .at("unreadNotificationCount")
                .as_int64(),
            count - 1);
  EXPECT_EQ(error_code(graphql("mutation { postNotification(input: {userId: \"x\", title: \"t\", "
                               "body: \"b\"}) { id } }",
                               {}, token)),
            "FORBIDDEN");
  // promotions: admin only; the campaign can be read back
  const std::string promote =
      "mutation { sendPromotion(input: {title: \"Sale\", body: \"b\"}) { id title status } }";
  EXPECT_EQ(error_code(graphql(promote, {}, token)), "FORBIDDEN");
  auto campaign = graphql(promote, {}, "", true);
  ASSERT_FALSE(campaign.contains("errors")) << json::serialize(campaign);
  const std::string campaign_id(campaign.at("data").at("sendPromotion").at("id").as_string());
  auto read_back =
      graphql("query($id: ID!) { promotionCampaign(id: $id) { title product { id } } }",
              {{"id", campaign_id}}, "", true);
  ASSERT_FALSE(read_back.contains("errors")) << json::serialize(read_back);
  EXPECT_EQ(read_back.at("data").at("promotionCampaign").at("title").as_string(), "Sale");
  EXPECT_TRUE(read_back.at("data").at("promotionCampaign").at("product").is_null());

  // product-service dies: its fields fail with UNAVAILABLE, the rest still answers
  products_->process->signal(SIGKILL);
  products_->process->wait_for_exit(10s);
  auto partial = graphql("query($id: ID!) { me { id } product(id: $id) { name } }",
                         {{"id", product_ids[0]}}, token);
  EXPECT_EQ(partial.at("data").at("me").at("id").as_string(), user_id);
  EXPECT_TRUE(partial.at("data").at("product").is_null());
  EXPECT_EQ(error_code(partial), "UNAVAILABLE") << json::serialize(partial);
  EXPECT_EQ(partial.at("errors").as_array().at(0).at("path").as_array().at(0).as_string(),
            "product");
}

}  // namespace
