#include "domain/new_product.hpp"

#include <boost/url/parse.hpp>

#include "domain/text.hpp"
#include "ecn/core/text.hpp"

namespace ecn::product::domain {
namespace {

using core::Error;
using core::ErrorCode;

using core::ascii_lower;
using core::has_control_character;
using core::trim;

Error invalid(std::string_view field, const std::string& why) {
  return {ErrorCode::kInvalidArgument, std::string(field) + ": " + why};
}

// Characters (code points) of `text`; INVALID_ARGUMENT naming `field` for malformed UTF-8.
core::Result<std::size_t> characters(std::string_view text, std::string_view field) {
  const auto length = core::utf8_length(text);
  if (!length) return invalid(field, "must be valid UTF-8");
  return *length;
}

core::Result<std::string> validate_name(std::string_view text) {
  const auto name = trim(text);
  const auto length = characters(name, "name");
  if (!length) return length.error();
  if (*length == 0 || *length > kMaxNameCharacters) {
    return invalid("name", "must be 1 to " + std::to_string(kMaxNameCharacters) +
                               " characters, got " + std::to_string(*length));
  }
  if (has_control_character(name)) return invalid("name", "must not contain control characters");
  return std::string(name);
}

}  // namespace

core::Result<std::string> normalize_category(std::string_view text, std::string_view field) {
  const auto category = trim(text);
  const auto length = characters(category, field);
  if (!length) return length.error();
  if (*length == 0 || *length > kMaxCategoryCharacters) {
    return invalid(field, "must be 1 to " + std::to_string(kMaxCategoryCharacters) +
                              " characters, got " + std::to_string(*length));
  }
  if (has_control_character(category)) return invalid(field, "must not contain control characters");
  return ascii_lower(category);
}

core::Result<std::string> validate_image_url(std::string_view text, std::string_view field) {
  if (text.size() > kMaxImageUrlBytes) {
    return invalid(field, "at most " + std::to_string(kMaxImageUrlBytes) + " bytes, got " +
                              std::to_string(text.size()));
  }
  const auto url = boost::urls::parse_absolute_uri(text);
  const bool web = url.has_value() && (url->scheme_id() == boost::urls::scheme::http ||
                                       url->scheme_id() == boost::urls::scheme::https);
  if (!web || !url->has_authority() || url->encoded_host().empty()) {
    return invalid(field, "must be an absolute http or https URL, got " + quoted(text));
  }
  return std::string(text);
}

core::Result<NewProduct> validate_new_product(const ProductInput& input) {
  NewProduct product;
  auto name = validate_name(input.name);
  if (!name) return name.error();
  product.name = std::move(*name);

  const auto description_length = characters(input.description, "description");
  if (!description_length) return description_length.error();
  if (*description_length > kMaxDescriptionCharacters) {
    return invalid("description",
                   "at most " + std::to_string(kMaxDescriptionCharacters) + " characters");
  }
  product.description = input.description;

  if (!input.has_price) return invalid("price", "required");
  auto amount = parse_amount(input.price_amount, "price.amount");
  if (!amount) return amount.error();
  auto currency = parse_currency_code(input.price_currency_code, "price.currency_code");
  if (!currency) return currency.error();
  product.price = {*amount, std::move(*currency)};

  auto category = normalize_category(input.category, "category");
  if (!category) return category.error();
  product.category = std::move(*category);

  if (input.image_url) {
    auto url = validate_image_url(*input.image_url, "image_url");
    if (!url) return url.error();
    product.image_url = std::move(*url);
  }
  return product;
}

}  // namespace ecn::product::domain
