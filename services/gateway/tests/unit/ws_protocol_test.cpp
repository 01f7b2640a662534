#include "subscriptions/ws_protocol.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace {

namespace json = boost::json;
using namespace ecn::gateway::subscriptions;

TEST(WsProtocol, ParsesEveryClientMessage) {
  auto init = parse_client_message(R"({"type":"connection_init","payload":{"token":"t"}})");
  ASSERT_TRUE(init);
  EXPECT_EQ(json::serialize(std::get<ConnectionInit>(*init).payload), R"({"token":"t"})");
  EXPECT_TRUE(std::get<ConnectionInit>(*parse_client_message(R"({"type":"connection_init"})"))
                  .payload.empty());
  EXPECT_TRUE(std::holds_alternative<Ping>(*parse_client_message(R"({"type":"ping"})")));
  EXPECT_TRUE(std::holds_alternative<Pong>(*parse_client_message(R"({"type":"pong"})")));
  auto subscribe = parse_client_message(
      R"({"id":"1","type":"subscribe","payload":{"query":"{ a }","operationName":"A",)"
      R"("variables":{"x":1},"extensions":null}})");
  ASSERT_TRUE(subscribe);
  const auto& s = std::get<Subscribe>(*subscribe);
  EXPECT_EQ(s.id, "1");
  EXPECT_EQ(s.query, "{ a }");
  EXPECT_EQ(s.operation_name, "A");
  EXPECT_EQ(json::serialize(s.variables), R"({"x":1})");
  EXPECT_EQ(std::get<Complete>(*parse_client_message(R"({"id":"1","type":"complete"})")).id, "1");
}

TEST(WsProtocol, RefusesMalformedMessagesWithAReason) {
  for (const auto* bad :
       {"", "[]", "nope", R"({"type":1})", R"({"type":"nope"})",
        R"({"type":"connection_init","payload":"x"})", R"({"type":"subscribe","payload":{}})",
        R"({"id":"","type":"subscribe","payload":{"query":"{a}"}})",
        R"({"id":"1","type":"subscribe","payload":{"query":1}})",
        R"({"id":"1","type":"subscribe","payload":{"query":"{a}","variables":[]}})",
        R"({"id":"1","type":"subscribe","payload":{"query":"{a}","operationName":2}})",
        R"({"type":"complete"})"}) {
    const auto parsed = parse_client_message(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().rfind("Invalid message received", 0), 0u) << parsed.error();
  }
}

TEST(WsProtocol, TokenFromAuthorizationOrToken) {
  EXPECT_EQ(authorization_of(json::parse(R"({"Authorization":"Bearer a"})").as_object()),
            "Bearer a");
  EXPECT_EQ(authorization_of(json::parse(R"({"authorization":"Bearer b"})").as_object()),
            "Bearer b");
  EXPECT_EQ(authorization_of(json::parse(R"({"token":"c"})").as_object()), "Bearer c");
  EXPECT_EQ(authorization_of(json::parse(R"({"other":"d"})").as_object()), "");
  EXPECT_EQ(authorization_of(json::parse(R"({"token":5})").as_object()), "");
}

TEST(WsProtocol, AdminKeyFromXApiKeyInAnyLetterCase) {
  EXPECT_EQ(api_key_of(json::parse(R"({"x-api-key":"k1"})").as_object()), "k1");
  EXPECT_EQ(api_key_of(json::parse(R"({"X-API-Key":"k2","token":"t"})").as_object()), "k2");
  EXPECT_EQ(api_key_of(json::parse(R"({"apiKey":"k3"})").as_object()), "");
  EXPECT_EQ(api_key_of(json::parse(R"({"x-api-key":7})").as_object()), "");
}

TEST(WsProtocol, TokenExpiryReadsExpFromTheBearerToken) {
  // {"alg":"HS256"} . {"sub":"u","exp":1700000000} . signature (not checked here)
  const std::string token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1IiwiZXhwIjoxNzAwMDAwMDAwfQ.c2ln";
  const auto expiry = token_expiry("Bearer " + token);
  ASSERT_TRUE(expiry);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(expiry->time_since_epoch()).count(),
            1700000000);
  EXPECT_TRUE(token_expiry("bearer " + token));
  EXPECT_FALSE(token_expiry(token));
  EXPECT_FALSE(token_expiry("Bearer nodots"));
  EXPECT_FALSE(token_expiry("Bearer a.!!!.c"));
  EXPECT_FALSE(token_expiry("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln"));  // no exp
}

TEST(WsProtocol, SubprotocolOffers) {
  EXPECT_TRUE(offers_subprotocol("graphql-transport-ws"));
  EXPECT_TRUE(offers_subprotocol("graphql-ws, graphql-transport-ws"));
  EXPECT_FALSE(offers_subprotocol("graphql-ws"));
  EXPECT_FALSE(offers_subprotocol(""));
}

}  // namespace
