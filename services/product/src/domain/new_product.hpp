#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/price.hpp"
#include "ecn/core/status.hpp"

namespace ecn::product::domain {

// An AddProduct request as the client sent it, before any rule was applied.
struct ProductInput {
  std::string name;
  std::string description;
  bool has_price = false;
  std::string price_amount;
  std::string price_currency_code;
  std::string category;
  std::optional<std::string> image_url;
};

// A product that passed every rule, in its stored form (trimmed, lower-cased category, exact
// price), waiting for an id and a creation time.
struct NewProduct {
  std::string name;
  std::string description;
  Price price;
  std::string category;
  std::optional<std::string> image_url;

  friend bool operator==(const NewProduct&, const NewProduct&) = default;
};

inline constexpr std::size_t kMaxNameCharacters = 200;
inline constexpr std::size_t kMaxDescriptionCharacters = 5000;
inline constexpr std::size_t kMaxCategoryCharacters = 50;
inline constexpr std::size_t kMaxImageUrlBytes = 2048;

// Applies the catalogue's rules; INVALID_ARGUMENT naming the first offending field (proto
// field names: name, description, price, price.amount, price.currency_code, category,
// image_url).
core::Result<NewProduct> validate_new_product(const ProductInput& input);

// A category as stored: trimmed, lower-cased, 1–50 characters, no control characters. Also
// used for the ListProducts filter so "Books " finds "books".
core::Result<std::string> normalize_category(std::string_view text, std::string_view field);

// An absolute http or https URL with a host, at most 2,048 bytes.
core::Result<std::string> validate_image_url(std::string_view text, std::string_view field);

}  // namespace ecn::product::domain
