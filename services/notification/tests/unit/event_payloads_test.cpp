#include "events/event_payloads.hpp"

#include <gtest/gtest.h>

namespace {

using namespace ecn::notification::events;

const std::string kUser =
    R"({"event_id":"0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5a","type":"user-upserted",
  "occurred_at":"2026-11-26T04:00:00.123Z","user":{"id":"0190A5C8-7B1E-7CC3-9A4E-2F6D8E1B3C5B",
  "name":"Ada","email":"ada@example.com","preferences":{"order_updates":true,"promotions":false,
  "categories":["books","games"]},"updated_at":"2026-11-26T04:00:00.123Z"}})";

const std::string kProduct = R"({"event_id":"0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5a",
  "type":"product-created","occurred_at":"2026-11-26T04:00:00.123Z","product":{
  "id":"0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5c","name":"Dune","category":"books",
  "price":{"amount":"19.99","currency_code":"USD"},"created_at":"2026-11-26T04:00:00.000Z"}})";

const std::string kOrder = R"({"event_id":"0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5a",
  "order_id":"0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5d","user_id":"0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5b",
  "old_status":"CONFIRMED","new_status":"SHIPPED","occurred_at":"2026-11-26T04:00:00.123Z",
  "total":{"amount":"19.99","currency_code":"USD"}})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ParseUserUpserted, ReadsEveryField) {
  const auto user = parse_user_upserted(kUser);
  ASSERT_TRUE(user) << user.error();
  EXPECT_EQ(user->id, "0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5b");  // canonical lower case
  EXPECT_EQ(user->name, "Ada");
  EXPECT_EQ(user->email, "ada@example.com");
  EXPECT_TRUE(user->order_updates);
  EXPECT_FALSE(user->promotions);
  EXPECT_EQ(user->categories, (std::vector<std::string>{"books", "games"}));
  EXPECT_EQ(user->updated_at_us, 1'795'665'600'123'000);
}

TEST(ParseUserUpserted, NamesTheBadField) {
  EXPECT_EQ(parse_user_upserted("{nope").error().message, "payload: not valid JSON");
  EXPECT_EQ(parse_user_upserted("[]").error().message, "payload: not a JSON object");
  EXPECT_EQ(parse_user_upserted(replaced(kUser, "user-upserted", "user-deleted")).error().message,
            "type: expected user-upserted");
  EXPECT_EQ(parse_user_upserted(replaced(kUser, "\"order_updates\":true", "\"order_updates\":1"))
                .error()
                .message,
            "user.preferences.order_updates: missing or not a boolean");
  EXPECT_EQ(parse_user_upserted(replaced(kUser, "3C5B", "zzzz")).error().message,
            "user.id: must be a UUID");
  EXPECT_EQ(parse_user_upserted(replaced(kUser, "\"updated_at\":\"2026", "\"updated_at\":\"x"))
                .error()
                .message,
            "user.updated_at: not an RFC 3339 timestamp");
}

TEST(ParseProductCreated, ReadsEveryFieldAndChecksThePrice) {
  const auto product = parse_product_created(kProduct);
  ASSERT_TRUE(product) << product.error();
  EXPECT_EQ(product->category, "books");
  EXPECT_EQ(product->price_amount, "19.99");
  EXPECT_EQ(product->currency_code, "USD");
  EXPECT_EQ(parse_product_created(replaced(kProduct, "19.99", "-1")).error().message,
            "product.price.amount: not a decimal");
  EXPECT_EQ(parse_product_created(replaced(kProduct, "19.99", "1.")).error().message,
            "product.price.amount: not a decimal");
}

TEST(ParseOrderStatusUpdated, ReadsEveryFieldAndNamesTheBadOne) {
  const auto order = parse_order_status_updated(kOrder);
  ASSERT_TRUE(order) << order.error();
  EXPECT_EQ(order->order_id, "0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5d");
  EXPECT_EQ(order->user_id, "0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5b");
  EXPECT_EQ(order->old_status, "CONFIRMED");
  EXPECT_EQ(order->new_status, "SHIPPED");
  EXPECT_EQ(parse_order_status_updated(replaced(kOrder, "\"new_status\":\"SHIPPED\"", "\"x\":1"))
                .error()
                .message,
            "new_status: missing or not a string");
  EXPECT_EQ(parse_order_status_updated(replaced(kOrder, "\"user_id\":\"0190", "\"user_id\":\"x"))
                .error()
                .message,
            "user_id: must be a UUID");
}

}  // namespace
