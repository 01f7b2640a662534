#include "events/product_created.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace ecn::product::events {
namespace {

domain::Product lamp() {
  domain::Product product;
  product.id = "01890a5d-ac96-774b-bcce-b302099a8057";
  product.name = "Desk \"lamp\"";
  product.description = "not in the event";
  product.price = {1905, "EUR"};
  product.category = "lighting";
  product.image_url = "https://example.com/lamp.png";
  product.created_at_us = 1'700'000'000'123'456;  // 2023-11-14T22:13:20.123456Z
  return product;
}

TEST(ProductCreatedPayload, MatchesTheBriefExactly) {
  const auto payload = product_created_payload(lamp(), "01890a5d-ac96-774b-bcce-b302099a8058");
  EXPECT_EQ(
      payload,
      R"({"event_id":"01890a5d-ac96-774b-bcce-b302099a8058","type":"product-created",)"
      R"("occurred_at":"2023-11-14T22:13:20.123Z","product":{"id":"01890a5d-ac96-774b-bcce-b302099a8057",)"
      R"("name":"Desk \"lamp\"","category":"lighting","price":{"amount":"19.05","currency_code":"EUR"},)"
      R"("created_at":"2023-11-14T22:13:20.123Z"}})");
}

TEST(ProductCreatedPayload, IsValidJsonWithoutDescriptionOrImage) {
  const auto value = boost::json::parse(product_created_payload(lamp(), "e"));
  const auto& product = value.at("product").as_object();
  EXPECT_FALSE(product.contains("description"));
  EXPECT_FALSE(product.contains("image_url"));
  EXPECT_EQ(product.at("price").at("amount").as_string(), "19.05");
}

}  // namespace
}  // namespace ecn::product::events
