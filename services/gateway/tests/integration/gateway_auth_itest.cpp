// Auth over the real stack: forged and stale tokens, other users' records, the admin key, the
// body limit; and a check that the queries sent here exercise every field of the schema.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/schema.hpp"
#include "ecn/testing/environment.hpp"
#include "gateway_stack.hpp"
#include "schema/gateway_schema.hpp"
#include "test_tokens.hpp"

namespace {

namespace json = boost::json;
namespace gql = ecn::graphql;
using namespace ecn::gateway::testing;
using namespace std::chrono_literals;

constexpr const char* kIssuer = "ecommerce-user-service";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A token signed by libjwt, the way user-service signs them, with the claims given.
std::string sign(jwt_alg_t alg, const std::string& key, const std::string& subject,
                 std::int64_t exp, std::optional<std::int64_t> nbf = std::nullopt) {
  return sign_token(alg, key, {.subject = subject, .exp = exp, .nbf = nbf});
}

// A token whose header names `alg`, with the given signature part (unsigned forgeries).
std::string forged(const std::string& alg, const std::string& subject,
                   const std::string& signature) {
  const auto header = json::serialize(json::object{{"alg", alg}, {"typ", "JWT"}});
  const auto claims = json::serialize(
      json::object{{"sub", subject}, {"iss", kIssuer}, {"exp", now_seconds() + 3600}});
  return base64url(header) + "." + base64url(claims) + "." + signature;
}

// The schema coordinates ("Type.field") a query selects, following field types from the root.
void collect_fields(const gql::Schema& schema, const gql::schema::Type& type,
                    const gql::ast::SelectionSet& selections, std::set<std::string>& out) {
  for (const auto* selection : selections.selections) {
    if (const auto* field = gql::ast::as<gql::ast::Field>(selection)) {
      if (field->name.value.starts_with("__")) continue;
      const auto* definition = type.field(field->name.value);
      if (definition == nullptr) continue;
      out.insert(std::string(type.name) + "." + std::string(field->name.value));
      if (field->selection_set != nullptr) {
        collect_fields(schema, *definition->type->named, *field->selection_set, out);
      }
    } else if (const auto* inline_fragment = gql::ast::as<gql::ast::InlineFragment>(selection)) {
      const auto* condition = inline_fragment->type_condition != nullptr
                                  ? schema.type(inline_fragment->type_condition->name.value)
                                  : &type;
      if (condition != nullptr)
        collect_fields(schema, *condition, *inline_fragment->selection_set, out);
    }
  }
}

class GatewayAuth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = std::make_unique<ServiceStack>();
    if (!stack_->started()) return;
    gateway_ =
        std::make_unique<RunningGateway>(stack_->start_gateway({{"MAX_BODY_BYTES", "65536"}}));
  }
  static void TearDownTestSuite() {
    gateway_.reset();
    stack_.reset();
  }

  void SetUp() override {
    ASSERT_TRUE(stack_->started()) << stack_->logs();
    ASSERT_TRUE(gateway_->started) << gateway_->process->stderr_text();
    client_ = std::make_unique<GraphqlClient>(gateway_->http_port);
  }

  json::object graphql(const std::string& query, const json::object& variables = {},
                       const std::string& token = "", const std::string& api_key = "") {
    return client_->graphql(query, variables, token, api_key);
  }
  json::object admin(const std::string& query, const json::object& variables = {}) {
    return graphql(query, variables, "", kStackAdminKey);
  }

  // Registers a new user; returns {token, id}.
  std::pair<std::string, std::string> register_user(const std::string& name) {
    auto reply = graphql(
        "mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }",
        {{"input",
          {{"name", name},
           {"email", ecn::testing::unique_name(name) + "@example.com"},
           {"password", "correct horse battery"}}}});
    EXPECT_FALSE(reply.contains("errors")) << json::serialize(reply);
    const auto& payload = reply.at("data").at("register");
    return {std::string(payload.at("token").as_string()),
            std::string(payload.at("user").at("id").as_string())};
  }

  std::string add_product(const std::string& name, const std::string& category) {
    auto added = admin("mutation($input: AddProductInput!) { addProduct(input: $input) { id } }",
                       {{"input", {{"name", name}, {"price", "4.50"}, {"category", category}}}});
    EXPECT_FALSE(added.contains("errors")) << json::serialize(added);
    return std::string(added.at("data").at("addProduct").at("id").as_string());
  }

  std::string create_order(const std::string& token, const std::string& product_id) {
    auto created = graphql(
        "mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }",
        {{"input",
          {{"items", json::array{json::object{{"productId", product_id}, {"quantity", 1}}}}}}},
        token);
    EXPECT_FALSE(created.contains("errors")) << json::serialize(created);
    return std::string(created.at("data").at("createOrder").at("id").as_string());
  }

  // Shared by the suite's tests (one stack start); SetUpTestSuite/TearDownTestSuite own them.
  static std::unique_ptr<ServiceStack> stack_;
  static std::unique_ptr<RunningGateway> gateway_;
  std::unique_ptr<GraphqlClient> client_;
};

std::unique_ptr<ServiceStack> GatewayAuth::stack_;
std::unique_ptr<RunningGateway> GatewayAuth::gateway_;

TEST_F(GatewayAuth, ForgedOrStaleTokensAreUnauthenticated) {
  const auto [token, user_id] = register_user("tokens");
  auto me = graphql("{ me { id } }", {}, token);
  ASSERT_FALSE(me.contains("errors")) << json::serialize(me);  // the control: a real token works
  ASSERT_EQ(me.at("data").at("me").at("id").as_string(), user_id);

  const std::string secret = kStackJwtSecret;
  const auto last_dot = token.rfind('.');
  std::string bad_signature = token;
  bad_signature.back() = bad_signature.back() == 'A' ? 'B' : 'A';
  std::string bad_payload = token;
  bad_payload[token.find('.') + 2] = bad_payload[token.find('.') + 2] == 'A' ? 'B' : 'A';
  const std::map<std::string, std::string> forgeries{
      {"tampered signature", bad_signature},
      {"tampered payload", bad_payload},
      {"signature stripped", token.substr(0, last_dot + 1)},
      {"expired", sign(JWT_ALG_HS256, secret, user_id, now_seconds() - 3600)},
      {"not yet valid",
       sign(JWT_ALG_HS256, secret, user_id, now_seconds() + 7200, now_seconds() + 3600)},
      {"another secret", sign(JWT_ALG_HS256, secret + "x", user_id, now_seconds() + 3600)},
      {"alg none", forged("none", user_id, "")},
      {"alg None", forged("None", user_id, "")},
      {"HS512 with the right secret", sign(JWT_ALG_HS512, secret, user_id, now_seconds() + 3600)},
      {"RS256 header", forged("RS256", user_id, token.substr(last_dot + 1))},
      {"garbage", "not-a-token"}};
  for (const auto& [what, forgery] : forgeries) {
    auto reply = graphql("{ me { id } }", {}, forgery);
    EXPECT_EQ(error_code(reply), "UNAUTHENTICATED") << what << ": " << json::serialize(reply);
    EXPECT_TRUE(reply.at("data").is_null()) << what;
    auto orders = graphql("query($u: ID!) { ordersByUser(userId: $u) { nodes { id } } }",
                          {{"u", user_id}}, forgery);
    EXPECT_EQ(error_code(orders), "UNAUTHENTICATED") << what << ": " << json::serialize(orders);
  }
  // a public field still answers beside a refused one
  auto mixed = graphql("query($u: ID!) { products(first: 1) { nodes { id } } user(id: $u) { id } }",
                       {{"u", user_id}}, forgeries.at("expired"));
  EXPECT_TRUE(mixed.at("data").at("products").is_object()) << json::serialize(mixed);
  EXPECT_TRUE(mixed.at("data").at("user").is_null());
  EXPECT_EQ(error_code(mixed), "UNAUTHENTICATED");
}

TEST_F(GatewayAuth, AUserCannotReadAnotherUsersRecords) {
  const auto [owner_token, owner_id] = register_user("owner");
  const auto [other_token, other_id] = register_user("other");
  const auto product_id = add_product("Mug", "kitchen");
  const auto order_id = create_order(owner_token, product_id);
  auto posted = admin(
      "mutation($input: PostNotificationInput!) { postNotification(input: $input) { id } }",
      {{"input", {{"userId", owner_id}, {"title", "Hello"}, {"body", "for the owner only"}}}});
  ASSERT_FALSE(posted.contains("errors")) << json::serialize(posted);
  const std::string notification_id(posted.at("data").at("postNotification").at("id").as_string());

  auto order =
      graphql("query($id: ID!) { order(id: $id) { id } }", {{"id", order_id}}, other_token);
  EXPECT_EQ(error_code(order), "FORBIDDEN") << json::serialize(order);
  EXPECT_TRUE(order.at("data").at("order").is_null());
  auto user =
      graphql("query($id: ID!) { user(id: $id) { id email } }", {{"id", owner_id}}, other_token);
  EXPECT_EQ(error_code(user), "FORBIDDEN") << json::serialize(user);
  EXPECT_TRUE(user.at("data").at("user").is_null());
  auto orders = graphql("query($u: ID!) { ordersByUser(userId: $u) { nodes { id } } }",
                        {{"u", owner_id}}, other_token);
  EXPECT_EQ(error_code(orders), "FORBIDDEN") << json::serialize(orders);
  auto mark = graphql("mutation($id: ID!) { markNotificationRead(id: $id) { id read } }",
                      {{"id", notification_id}}, other_token);
  const auto mark_code = error_code(mark);
  EXPECT_TRUE(mark_code == "FORBIDDEN" || mark_code == "NOT_FOUND") << json::serialize(mark);
  // ... and the owner's notification is still unread
  auto unread = graphql("{ unreadNotificationCount }", {}, owner_token);
  EXPECT_EQ(unread.at("data").at("unreadNotificationCount").as_int64(), 1)
      << json::serialize(unread);

  // the owner and the admin key may
  EXPECT_FALSE(graphql("query($id: ID!) { order(id: $id) { id } }", {{"id", order_id}}, owner_token)
                   .contains("errors"));
  auto as_admin = admin(
      "query($id: ID!, $u: ID!) { order(id: $id) { id } user(id: $u) { id } "
      "ordersByUser(userId: $u) { nodes { id } } }",
      {{"id", order_id}, {"u", owner_id}});
  ASSERT_FALSE(as_admin.contains("errors")) << json::serialize(as_admin);
  EXPECT_EQ(as_admin.at("data").at("user").at("id").as_string(), owner_id);
  EXPECT_EQ(as_admin.at("data").at("ordersByUser").at("nodes").as_array().size(), 1u);
  // the admin key alone does not make a user: createOrder still needs the user's JWT
  auto keyed_order =
      admin("mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }",
            {{"input",
              {{"items", json::array{json::object{{"productId", product_id}, {"quantity", 1}}}}}}});
  EXPECT_EQ(error_code(keyed_order), "UNAUTHENTICATED") << json::serialize(keyed_order);
}

TEST_F(GatewayAuth, EveryAdminFieldNeedsTheRightKey) {
  const auto [token, user_id] = register_user("nonadmin");
  const auto product_id = add_product("Spoon", "kitchen");
  const auto order_id = create_order(token, product_id);
  const std::map<std::string, std::pair<std::string, json::object>> admin_fields{
      {"addProduct",
       {"mutation { addProduct(input: {name: \"X\", price: \"1.00\", category: \"c\"}) { id } }",
        {}}},
      {"updateOrderStatus",
       {"mutation($id: ID!) { updateOrderStatus(id: $id, status: CONFIRMED) { id } }",
        {{"id", order_id}}}},
      {"postNotification",
       {"mutation($u: ID!) { postNotification(input: {userId: $u, title: \"t\", body: \"b\"}) "
        "{ id } }",
        {{"u", user_id}}}},
      {"sendPromotion",
       {"mutation { sendPromotion(input: {title: \"t\", body: \"b\"}) { id } }", {}}},
      {"promotionCampaign",
       {"{ promotionCampaign(id: \"0190a0b0-0000-7000-8000-000000000001\") { id } }", {}}}};
  for (const auto& [field, request] : admin_fields) {
    for (const std::string key : {"", "wrong-key", "stack-test-admin-kez", "stack-test-admin-key-",
                                  "STACK-TEST-ADMIN-KEY"}) {
      for (const std::string& bearer : {std::string(), token}) {
        auto reply = graphql(request.first, request.second, bearer, key);
        EXPECT_EQ(error_code(reply), "FORBIDDEN")
            << field << " key='" << key << "' jwt=" << !bearer.empty() << ": "
            << json::serialize(reply);
      }
    }
  }
  // nothing changed: the order is still PENDING
  auto order = admin("query($id: ID!) { order(id: $id) { status } }", {{"id", order_id}});
  EXPECT_EQ(order.at("data").at("order").at("status").as_string(), "PENDING");
  // and the right key passes
  for (const auto& [field, request] : admin_fields) {
    auto reply = graphql(request.first, request.second, "", kStackAdminKey);
    EXPECT_NE(error_code(reply), "FORBIDDEN") << field << ": " << json::serialize(reply);
  }
}

TEST_F(GatewayAuth, ABodyOverTheLimitIs413AndChangesNothing) {
  const std::string padding(70 * 1024, ' ');
  const auto response = client_->post(
      "mutation { addProduct(input: {name: \"Huge\", price: \"1.00\", category: \"huge\"}) { id "
      "} }" +
          padding,
      {}, "", kStackAdminKey);
  EXPECT_EQ(response.status, 413) << response.body;
  GraphqlClient fresh(gateway_->http_port);
  auto listed = fresh.graphql("{ products(category: \"huge\") { nodes { id } } }");
  EXPECT_TRUE(listed.at("data").at("products").at("nodes").as_array().empty())
      << json::serialize(listed);
}

// Every field of the schema, selected at least once by the queries of this test, each answered
// without errors. Subscription.notificationAdded is driven over WebSocket by its own tests.
// Arguments the services would misread or report under another name are refused by the
// gateway, naming the argument the client wrote.
TEST_F(GatewayAuth, BadIdsAndPageSizesNameTheArgument) {
  const std::string token = register_user("args").first;
  const auto message_and_code = [](const json::object& reply) {
    const auto& error = reply.at("errors").as_array().at(0).as_object();
    return std::string(error.at("message").as_string()) + " / " +
           std::string(error.at("extensions").at("code").as_string());
  };
  EXPECT_EQ(message_and_code(graphql("{ product(id: \"nope\") { id } }")),
            "id: must be a UUID / BAD_USER_INPUT");
  EXPECT_EQ(message_and_code(graphql("{ order(id: \"nope\") { id } }", {}, token)),
            "id: must be a UUID / BAD_USER_INPUT");
  EXPECT_EQ(message_and_code(admin("{ user(id: \"nope\") { id } }")),
            "id: must be a UUID / BAD_USER_INPUT");
  // The services read 0 as "the default size": 20 items would come back.
  EXPECT_EQ(message_and_code(graphql("{ products(first: 0) { nodes { id } } }")),
            "first: must be between 1 and 100 / BAD_USER_INPUT");
  EXPECT_EQ(message_and_code(graphql("{ notifications(first: -1) { nodes { id } } }", {}, token)),
            "first: must be between 1 and 100 / BAD_USER_INPUT");
  EXPECT_EQ(message_and_code(graphql("{ me { orders(first: 0) { nodes { id } } } }", {}, token)),
            "first: must be between 1 and 100 / BAD_USER_INPUT");
}

TEST_F(GatewayAuth, EveryFieldOfTheSchemaAnswers) {
  auto registered = graphql(
      "mutation($input: RegisterInput!) { register(input: $input) { token expiresAt user { id "
      "name email createdAt preferences { orderUpdates promotions categories } } } }",
      {{"input",
        {{"name", "Grace"},
         {"email", ecn::testing::unique_name("grace") + "@example.com"},
         {"password", "correct horse battery"},
         {"preferences",
          {{"orderUpdates", true}, {"promotions", true}, {"categories", {"tea"}}}}}}});
  ASSERT_FALSE(registered.contains("errors")) << json::serialize(registered);
  const auto& payload = registered.at("data").at("register");
  const std::string user_id(payload.at("user").at("id").as_string());
  const std::string email(payload.at("user").at("email").as_string());
  auto login = graphql(
      "mutation($e: String!) { login(email: $e, password: \"correct horse battery\") { token "
      "expiresAt user { id } } }",
      {{"e", email}});
  ASSERT_FALSE(login.contains("errors")) << json::serialize(login);
  const std::string token(login.at("data").at("login").at("token").as_string());

  auto prefs = graphql(
      "mutation { updatePreferences(input: {promotions: true, categories: [\"tea\", \"cups\"]}) "
      "{ id preferences { orderUpdates promotions categories } } }",
      {}, token);
  ASSERT_FALSE(prefs.contains("errors")) << json::serialize(prefs);
  EXPECT_EQ(prefs.at("data").at("updatePreferences").at("preferences").at("categories"),
            (json::array{"cups", "tea"}));  // kept as a sorted set

  const auto category = ecn::testing::unique_name("tea");
  std::vector<std::string> product_ids;
  for (const auto* name : {"Green", "Black"}) {
    auto added = admin(
        "mutation($input: AddProductInput!) { addProduct(input: $input) { id name description "
        "price { amount currencyCode } category imageUrl createdAt } }",
        {{"input",
          {{"name", name},
           {"description", "leaves"},
           {"price", "3.25"},
           {"currencyCode", "EUR"},
           {"category", category},
           {"imageUrl", "https://example.com/tea.png"}}}});
    ASSERT_FALSE(added.contains("errors")) << json::serialize(added);
    EXPECT_EQ(added.at("data").at("addProduct").at("price").at("currencyCode").as_string(), "EUR");
    product_ids.emplace_back(added.at("data").at("addProduct").at("id").as_string());
  }
  auto page1 = graphql(
      "query($c: String!) { products(first: 1, category: $c) { edges { cursor node { id } } "
      "nodes { id } pageInfo { hasNextPage endCursor } } }",
      {{"c", category}});
  ASSERT_FALSE(page1.contains("errors")) << json::serialize(page1);
  const auto& info = page1.at("data").at("products").at("pageInfo");
  EXPECT_TRUE(info.at("hasNextPage").as_bool());
  auto page2 = graphql(
      "query($c: String!, $a: String) { products(first: 5, after: $a, category: $c) { nodes { id "
      "} pageInfo { hasNextPage } } }",
      {{"c", category}, {"a", info.at("endCursor")}});
  ASSERT_FALSE(page2.contains("errors")) << json::serialize(page2);
  EXPECT_EQ(page2.at("data").at("products").at("nodes").as_array().size(), 1u);
  auto one = graphql("query($id: ID!) { product(id: $id) { id name imageUrl } }",
                     {{"id", product_ids[0]}});
  EXPECT_EQ(one.at("data").at("product").at("name").as_string(), "Green");

  auto created = graphql(
      "mutation($input: CreateOrderInput!) { createOrder(input: $input) { id status total { "
      "amount currencyCode } items { quantity unitPrice { amount currencyCode } lineTotal { "
      "amount currencyCode } product { id } } createdAt updatedAt user { id } } }",
      {{"input",
        {{"items", json::array{json::object{{"productId", product_ids[0]}, {"quantity", 2}}}}}}},
      token);
  ASSERT_FALSE(created.contains("errors")) << json::serialize(created);
  const std::string order_id(created.at("data").at("createOrder").at("id").as_string());
  EXPECT_EQ(created.at("data").at("createOrder").at("total").at("amount").as_string(), "6.50");
  auto order = graphql("query($id: ID!) { order(id: $id) { id status items { quantity } } }",
                       {{"id", order_id}}, token);
  ASSERT_FALSE(order.contains("errors")) << json::serialize(order);
  auto updated = admin(
      "mutation($id: ID!) { updateOrderStatus(id: $id, status: CONFIRMED) { id status "
      "updatedAt } }",
      {{"id", order_id}});
  ASSERT_FALSE(updated.contains("errors")) << json::serialize(updated);

  auto posted = admin(
      "mutation($input: PostNotificationInput!) { postNotification(input: $input) { id type "
      "title body data read createdAt readAt } }",
      {{"input",
        {{"userId", user_id},
         {"type", "SYSTEM"},
         {"title", "Welcome"},
         {"body", "tea time"},
         {"data", {{"order_id", order_id}, {"product_id", product_ids[1]}}}}}});
  ASSERT_FALSE(posted.contains("errors")) << json::serialize(posted);
  const std::string notification_id(posted.at("data").at("postNotification").at("id").as_string());

  auto lists = graphql(
      "query($u: ID!) { me { id name email createdAt unreadNotificationCount preferences { "
      "orderUpdates promotions categories } orders(first: 1) { edges { cursor node { id } } "
      "nodes { id } pageInfo { hasNextPage endCursor } } notifications(unreadOnly: true, first: "
      "5) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } } "
      "user(id: $u) { id name } ordersByUser(userId: $u, first: 1) { edges { cursor node { id } "
      "} nodes { id status } pageInfo { hasNextPage endCursor } } unreadNotificationCount "
      "notifications(first: 10) { edges { cursor node { id cursor title body data type read "
      "createdAt "
      "readAt order { id status } product { id name } } } nodes { id } pageInfo { hasNextPage "
      "endCursor } } }",
      {{"u", user_id}}, token);
  ASSERT_FALSE(lists.contains("errors")) << json::serialize(lists);
  bool linked = false;
  for (const auto& edge : lists.at("data").at("notifications").at("edges").as_array()) {
    const auto& node = edge.at("node");
    if (node.at("id") == json::value(notification_id)) {
      linked = node.at("order").at("id") == json::value(order_id) &&
               node.at("product").at("name") == "Black";
    }
  }
  EXPECT_TRUE(linked) << json::serialize(lists);
  auto after = graphql(
      "query($u: ID!, $a: String) { ordersByUser(userId: $u, first: 1, after: $a) { nodes { id "
      "} } me { orders(first: 1, after: $a) { nodes { id } } } }",
      {{"u", user_id}, {"a", lists.at("data").at("ordersByUser").at("pageInfo").at("endCursor")}},
      token);
  ASSERT_FALSE(after.contains("errors")) << json::serialize(after);
  EXPECT_TRUE(after.at("data").at("ordersByUser").at("nodes").as_array().empty());

  auto read = graphql("mutation($id: ID!) { markNotificationRead(id: $id) { id read readAt } }",
                      {{"id", notification_id}}, token);
  ASSERT_FALSE(read.contains("errors")) << json::serialize(read);
  EXPECT_FALSE(read.at("data").at("markNotificationRead").at("readAt").is_null());
  auto all = graphql("mutation { markAllNotificationsRead }", {}, token);
  ASSERT_FALSE(all.contains("errors")) << json::serialize(all);
  EXPECT_EQ(graphql("{ unreadNotificationCount }", {}, token)
                .at("data")
                .at("unreadNotificationCount")
                .as_int64(),
            0);

  auto campaign = admin(
      "mutation($input: PromotionInput!) { sendPromotion(input: $input) { id title body "
      "category status recipientCount createdAt completedAt product { id } } }",
      {{"input",
        {{"title", "Tea week"},
         {"body", "10% off"},
         {"category", category},
         {"productId", product_ids[0]}}}});
  ASSERT_FALSE(campaign.contains("errors")) << json::serialize(campaign);
  const std::string campaign_id(campaign.at("data").at("sendPromotion").at("id").as_string());
  auto read_back = admin(
      "query($id: ID!) { promotionCampaign(id: $id) { id title body category status "
      "recipientCount createdAt completedAt product { id name } } }",
      {{"id", campaign_id}});
  ASSERT_FALSE(read_back.contains("errors")) << json::serialize(read_back);
  EXPECT_EQ(read_back.at("data").at("promotionCampaign").at("product").at("name").as_string(),
            "Green");

  // coverage: every object field of the schema, minus the WebSocket-only subscription
  const auto schema = gql::build_schema(ecn::gateway::schema::embedded_sdl()).value();
  std::set<std::string> expected;
  for (const auto* type : schema->types()) {
    if (type->kind != gql::schema::TypeKind::kObject || type->built_in ||
        type == schema->subscription_type()) {
      continue;
    }
    for (const auto& field : type->fields) {
      expected.insert(std::string(type->name) + "." + std::string(field.name));
    }
  }
  std::set<std::string> covered;
  for (const auto& query : client_->sent()) {
    const auto document = gql::parse(query).value();
    for (const auto* definition : document.definitions()) {
      if (const auto* operation = gql::ast::as<gql::ast::OperationDefinition>(definition)) {
        collect_fields(*schema, *schema->root_type(operation->operation), *operation->selection_set,
                       covered);
      }
    }
  }
  std::string missing;
  for (const auto& coordinate : expected) {
    if (!covered.contains(coordinate)) missing += coordinate + " ";
  }
  EXPECT_TRUE(missing.empty()) << "fields no query here selects: " << missing;
}

}  // namespace
