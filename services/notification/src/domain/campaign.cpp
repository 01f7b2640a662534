#include "domain/campaign.hpp"

#include <array>

#include "domain/validation.hpp"
#include "ecn/core/text.hpp"

namespace ecn::notification::domain {
namespace {

constexpr std::array<std::string_view, 4> kStatusNames = {"PENDING", "RUNNING", "COMPLETED",
                                                          "FAILED"};

core::Error invalid(std::string_view field, std::string_view problem) {
  return {core::ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(problem)};
}

// The trimmed text, or the field's error when it is empty, too long or not UTF-8.
core::Result<std::string> required_text(std::string_view value, std::string_view field,
                                        std::size_t max_chars) {
  const auto trimmed = core::trim(value);
  const auto length = core::utf8_length(trimmed);
  if (!length) return invalid(field, "not valid UTF-8");
  if (*length == 0) return invalid(field, "required");
  if (*length > max_chars)
    return invalid(field, "at most " + std::to_string(max_chars) + " characters");
  return std::string(trimmed);
}

// At most max_chars characters, cut at a character boundary.
std::string clip(std::string text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > max_chars) {
      text.resize(i);
      break;
    }
  }
  return text;
}

}  // namespace

NewCampaign product_campaign(const PromotedProduct& product) {
  return {.title = clip("New in " + product.category + ": " + product.name, kMaxTitleChars),
          .body = clip(product.name + " is now in our shop for " + product.price_amount + " " +
                           product.currency_code + ".",
                       kMaxBodyChars),
          .category = product.category,
          .product_id = product.id,
          .scheduled = true};
}

std::string_view status_name(CampaignStatus status) {
  return kStatusNames[static_cast<std::size_t>(status) - 1];
}

std::optional<CampaignStatus> parse_status(std::string_view name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<CampaignStatus>(i + 1);
  }
  return std::nullopt;
}

core::Result<NewCampaign> validate_campaign(const CampaignInput& input) {
  NewCampaign out;
  auto title = required_text(input.title, "title", kMaxTitleChars);
  if (!title) return title.error();
  out.title = std::move(*title);
  auto body = required_text(input.body, "body", kMaxBodyChars);
  if (!body) return body.error();
  out.body = std::move(*body);
  if (input.category) {
    auto category = required_text(*input.category, "category", kMaxCategoryChars);
    if (!category) return category.error();
    out.category = std::move(*category);
  }
  if (input.product_id) {
    auto product_id = validate_uuid(*input.product_id, "product_id");
    if (!product_id) return product_id.error();
    out.product_id = std::move(*product_id);
  }
  return out;
}

}  // namespace ecn::notification::domain
