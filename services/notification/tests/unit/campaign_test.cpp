#include "domain/campaign.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ecn::notification::domain {
namespace {

std::string error_of(const CampaignInput& input) {
  auto result = validate_campaign(input);
  EXPECT_FALSE(result.has_value());
  if (result) return "";
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument);
  return result.error().message;
}

TEST(CampaignValidationTest, AcceptsTrimmedTextAndCanonicalProductId) {
  auto campaign =
      validate_campaign({.title = "  Spring sale ",
                         .body = "20% off",
                         .category = std::string_view(" books "),
                         .product_id = std::string_view("0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")});
  ASSERT_TRUE(campaign.has_value()) << campaign.error().message;
  EXPECT_EQ(campaign->title, "Spring sale");
  EXPECT_EQ(campaign->body, "20% off");
  EXPECT_EQ(campaign->category, "books");
  EXPECT_EQ(campaign->product_id, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
  EXPECT_FALSE(campaign->scheduled);
}

TEST(CampaignValidationTest, CategoryAndProductAreOptional) {
  auto campaign = validate_campaign({.title = "t", .body = "b"});
  ASSERT_TRUE(campaign.has_value());
  EXPECT_FALSE(campaign->category.has_value());
  EXPECT_FALSE(campaign->product_id.has_value());
}

TEST(CampaignValidationTest, RejectsBadFieldsByName) {
  EXPECT_EQ(error_of({.title = "  ", .body = "b"}), "title: required");
  EXPECT_EQ(error_of({.title = std::string(201, 'x'), .body = "b"}),
            "title: at most 200 characters");
  EXPECT_EQ(error_of({.title = "t", .body = ""}), "body: required");
  EXPECT_EQ(error_of({.title = "t", .body = std::string(2001, 'x')}),
            "body: at most 2000 characters");
  EXPECT_EQ(error_of({.title = "t", .body = "\xff"}), "body: not valid UTF-8");
  EXPECT_EQ(error_of({.title = "t", .body = "b", .category = std::string_view(" ")}),
            "category: required");
  EXPECT_EQ(
      error_of({.title = "t", .body = "b", .category = std::string_view(std::string(101, 'c'))}),
      "category: at most 100 characters");
  EXPECT_EQ(error_of({.title = "t", .body = "b", .product_id = std::string_view("42")}),
            "product_id: must be a UUID");
}

TEST(CampaignValidationTest, StatusNamesRoundTrip) {
  for (auto status : {CampaignStatus::kPending, CampaignStatus::kRunning,
                      CampaignStatus::kCompleted, CampaignStatus::kFailed}) {
    EXPECT_EQ(parse_status(status_name(status)), status);
  }
  EXPECT_EQ(status_name(CampaignStatus::kCompleted), "COMPLETED");
  EXPECT_FALSE(parse_status("DONE").has_value());
}

TEST(ProductCampaignTest, IsPersonalizedByTheProductsCategory) {
  const auto campaign = product_campaign({.id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                                          .name = "Dune",
                                          .category = "books",
                                          .price_amount = "19.99",
                                          .currency_code = "EUR"});
  EXPECT_EQ(campaign.title, "New in books: Dune");
  EXPECT_EQ(campaign.body, "Dune is now in our shop for 19.99 EUR.");
  EXPECT_EQ(campaign.category, "books");
  EXPECT_EQ(campaign.product_id, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
  EXPECT_TRUE(campaign.scheduled);
}

TEST(ProductCampaignTest, LongNamesAreClippedAtACharacterBoundary) {
  std::string name;
  for (int i = 0; i < 300; ++i) name += "\xc3\xa9";  // é, two bytes
  const auto campaign = product_campaign(
      {.id = "x", .name = name, .category = "c", .price_amount = "1.00", .currency_code = "EUR"});
  auto valid = validate_campaign({.title = campaign.title, .body = campaign.body});
  ASSERT_TRUE(valid.has_value()) << valid.error().message;
  EXPECT_EQ(campaign.title.size(), std::string("New in c: ").size() + 2 * (200 - 10));
}

}  // namespace
}  // namespace ecn::notification::domain
