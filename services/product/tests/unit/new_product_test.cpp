#include "domain/new_product.hpp"

#include <gtest/gtest.h>

namespace ecn::product::domain {
namespace {

using core::ErrorCode;

ProductInput valid_input() {
  ProductInput input;
  input.name = "Desk lamp";
  input.description = "Warm light.\nTwo settings.";
  input.has_price = true;
  input.price_amount = "19.99";
  input.price_currency_code = "EUR";
  input.category = "Lighting";
  input.image_url = "https://img.example.com/lamp.png?size=2";
  return input;
}

// The error message of validating `input`, which must fail with INVALID_ARGUMENT.
std::string error_of(const ProductInput& input) {
  const auto result = validate_new_product(input);
  if (result) return "(accepted)";
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  return result.error().message;
}

TEST(ValidateNewProduct, NormalizesAValidProduct) {
  auto input = valid_input();
  input.name = "  Desk lamp \t";
  input.category = " Home-Lighting ";
  const auto product = validate_new_product(input);
  ASSERT_TRUE(product) << product.error();
  EXPECT_EQ(product->name, "Desk lamp");
  EXPECT_EQ(product->description, "Warm light.\nTwo settings.");
  EXPECT_EQ(product->price, (Price{1999, "EUR"}));
  EXPECT_EQ(product->category, "home-lighting");
  EXPECT_EQ(product->image_url, "https://img.example.com/lamp.png?size=2");
}

TEST(ValidateNewProduct, DefaultsTheCurrencyAndAllowsNoImageAndAFreePrice) {
  auto input = valid_input();
  input.price_currency_code = "";
  input.price_amount = "0";
  input.image_url.reset();
  const auto product = validate_new_product(input);
  ASSERT_TRUE(product) << product.error();
  EXPECT_EQ(product->price, (Price{0, "USD"}));
  EXPECT_FALSE(product->image_url.has_value());
}

TEST(ValidateNewProduct, NameIsOneToTwoHundredCharacters) {
  auto input = valid_input();
  input.name = "   ";
  EXPECT_EQ(error_of(input), "name: must be 1 to 200 characters, got 0");
  input.name = std::string(201, 'x');
  EXPECT_EQ(error_of(input), "name: must be 1 to 200 characters, got 201");
  input.name = std::string(200, 'x');
  EXPECT_TRUE(validate_new_product(input));
  // Characters, not bytes: 200 two-byte letters fit.
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "é";
  input.name = accented;
  EXPECT_TRUE(validate_new_product(input));
  input.name = accented + "é";
  EXPECT_EQ(error_of(input), "name: must be 1 to 200 characters, got 201");
  input.name = "two\nlines";
  EXPECT_EQ(error_of(input), "name: must not contain control characters");
}

TEST(ValidateNewProduct, DescriptionHasALimit) {
  auto input = valid_input();
  input.description = std::string(5000, 'd');
  EXPECT_TRUE(validate_new_product(input));
  input.description += 'd';
  EXPECT_EQ(error_of(input), "description: at most 5000 characters");
}

TEST(ValidateNewProduct, PriceIsRequiredAndChecked) {
  auto input = valid_input();
  input.has_price = false;
  EXPECT_EQ(error_of(input), "price: required");
  input = valid_input();
  input.price_amount = "-1.00";
  EXPECT_TRUE(error_of(input).starts_with("price.amount: ")) << error_of(input);
  input.price_amount = "1.005";
  EXPECT_EQ(error_of(input), "price.amount: at most 2 decimal places");
  input = valid_input();
  input.price_currency_code = "eur";
  EXPECT_TRUE(error_of(input).starts_with("price.currency_code: ")) << error_of(input);
}

TEST(ValidateNewProduct, CategoryIsOneToFiftyCharacters) {
  auto input = valid_input();
  input.category = "";
  EXPECT_EQ(error_of(input), "category: must be 1 to 50 characters, got 0");
  input.category = std::string(51, 'c');
  EXPECT_EQ(error_of(input), "category: must be 1 to 50 characters, got 51");
  input.category = std::string(50, 'C');
  EXPECT_EQ(validate_new_product(input)->category, std::string(50, 'c'));
}

TEST(ValidateNewProduct, ImageUrlMustBeAnAbsoluteWebUrl) {
  auto input = valid_input();
  for (const char* good :
       {"http://example.com", "HTTPS://Example.com/a%20b.png", "https://1.2.3.4:8443/x"}) {
    input.image_url = good;
    EXPECT_TRUE(validate_new_product(input)) << good;
  }
  for (const char* bad : {"", "example.com/lamp.png", "/lamp.png", "ftp://example.com/lamp.png",
                          "javascript:alert(1)", "https://", "https:///path", "http://exa mple.com",
                          "data:image/png;base64,AAAA", "mailto:a@example.com"}) {
    input.image_url = bad;
    EXPECT_TRUE(error_of(input).starts_with("image_url: must be an absolute http or https URL"))
        << bad << " → " << error_of(input);
  }
  input.image_url = "https://example.com/" + std::string(2048, 'a');
  EXPECT_TRUE(error_of(input).starts_with("image_url: at most 2048 bytes")) << error_of(input);
  input.image_url = "https://example.com/" + std::string(2048 - 20, 'a');
  EXPECT_TRUE(validate_new_product(input));
}

TEST(ValidateNewProduct, ReportsTheFirstBadFieldInDeclarationOrder) {
  ProductInput input;  // everything missing
  EXPECT_TRUE(error_of(input).starts_with("name: "));
  input.name = "x";
  EXPECT_EQ(error_of(input), "price: required");
}

TEST(NormalizeCategory, NamesTheFieldItWasGiven) {
  const auto result = normalize_category("", "category");
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().message.starts_with("category: "));
  EXPECT_EQ(normalize_category(" Books ", "category").value(), "books");
}

}  // namespace
}  // namespace ecn::product::domain
