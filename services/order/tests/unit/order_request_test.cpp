#include "domain/order_request.hpp"

#include <gtest/gtest.h>

namespace ecn::order::domain {
namespace {

const std::string kUser = "01890a5d-ac96-774b-bcce-b302099a8057";
const std::string kA = "01890a5d-ac96-774b-bcce-b302099a80aa";
const std::string kB = "01890a5d-ac96-774b-bcce-b302099a80bb";

std::string error_of(std::string_view user, const std::vector<ItemInput>& items) {
  const auto result = validate_order_request(user, items);
  if (result) return "(accepted)";
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument);
  return result.error().message;
}

TEST(ValidateOrderRequest, AcceptsAndNormalizesAValidRequest) {
  const auto upper_a = "01890A5D-AC96-774B-BCCE-B302099A80AA";
  const auto result =
      validate_order_request("01890A5D-AC96-774B-BCCE-B302099A8057", {{upper_a, 2}, {kB, 1000}});
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->user_id, kUser);
  ASSERT_EQ(result->items.size(), 2u);
  EXPECT_EQ(result->items[0], (RequestedItem{kA, 2, 0}));
  EXPECT_EQ(result->items[1], (RequestedItem{kB, 1000, 1}));
}

TEST(ValidateOrderRequest, MergesDuplicateProductsKeepingFirstPosition) {
  const auto result = validate_order_request(kUser, {{kA, 1}, {kB, 2}, {kA, 3}, {kB, 4}, {kA, 5}});
  ASSERT_TRUE(result) << result.error();
  ASSERT_EQ(result->items.size(), 2u);
  EXPECT_EQ(result->items[0], (RequestedItem{kA, 9, 0}));
  EXPECT_EQ(result->items[1], (RequestedItem{kB, 6, 1}));
}

TEST(ValidateOrderRequest, RefusesAMergedQuantityAboveTheLimit) {
  EXPECT_EQ(error_of(kUser, {{kA, 600}, {kB, 1}, {kA, 401}}),
            "items[2].quantity: product " + kA + " adds up to 1001 over its items, more than 1000");
  EXPECT_EQ(error_of(kUser, {{kA, 600}, {kA, 400}}), "(accepted)");
}

TEST(ValidateOrderRequest, UserIdMustBeAUuid) {
  EXPECT_EQ(error_of("", {{kA, 1}}), "user_id: required");
  EXPECT_EQ(error_of("user-1", {{kA, 1}}), "user_id: must be a UUID");
}

TEST(ValidateOrderRequest, HoldsOneToOneHundredItems) {
  EXPECT_EQ(error_of(kUser, {}), "items: must hold 1 to 100 items, got 0");
  std::vector<ItemInput> many(101, ItemInput{kA, 1});
  EXPECT_EQ(error_of(kUser, many), "items: must hold 1 to 100 items, got 101");
  many.pop_back();
  // 100 items of one product: accepted and merged into one line of 100.
  const auto result = validate_order_request(kUser, many);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->items.size(), 1u);
  EXPECT_EQ(result->items[0].quantity, 100);
}

TEST(ValidateOrderRequest, EachItemNeedsAProductIdAndAQuantityInRange) {
  EXPECT_EQ(error_of(kUser, {{kA, 1}, {"nope", 1}}), "items[1].product_id: must be a UUID");
  EXPECT_EQ(error_of(kUser, {{kA, 0}}), "items[0].quantity: must be 1 to 1000, got 0");
  EXPECT_EQ(error_of(kUser, {{kA, -5}}), "items[0].quantity: must be 1 to 1000, got -5");
  EXPECT_EQ(error_of(kUser, {{kA, 1}, {kB, 1001}}),
            "items[1].quantity: must be 1 to 1000, got 1001");
  EXPECT_EQ(error_of(kUser, {{kA, 1000}}), "(accepted)");
}

}  // namespace
}  // namespace ecn::order::domain
