#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::notification::domain {

// Where a campaign's fan-out stands; the values are the proto's CampaignStatus numbers.
enum class CampaignStatus { kPending = 1, kRunning = 2, kCompleted = 3, kFailed = 4 };

// The spelling stored in campaigns.status ("PENDING", ...).
std::string_view status_name(CampaignStatus status);
std::optional<CampaignStatus> parse_status(std::string_view name);

// A campaign about to be stored: validated, product id canonical.
struct NewCampaign {
  std::string title;
  std::string body;
  std::optional<std::string> category;  // nullopt: every opted-in subscriber
  std::optional<std::string> product_id;
  bool scheduled = false;  // made by the scheduler for a new product
};

// A stored campaign as GetCampaign shows it.
struct Campaign {
  std::string id;  // UUIDv7
  std::string title;
  std::string body;
  std::optional<std::string> category;
  std::optional<std::string> product_id;
  CampaignStatus status = CampaignStatus::kPending;
  std::int64_t recipient_count = 0;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> completed_at_us;
};

// CreatePromotionCampaign's input as it arrived.
struct CampaignInput {
  std::string_view title;
  std::string_view body;
  std::optional<std::string_view> category;
  std::optional<std::string_view> product_id;
};

// A product of the projection, as the scheduler promotes it.
struct PromotedProduct {
  std::string id;
  std::string name;
  std::string category;
  std::string price_amount;  // exact decimal text, "19.99"
  std::string currency_code;
};

// The scheduler's campaign for a new product: sent to the subscribers of its category.
NewCampaign product_campaign(const PromotedProduct& product);

inline constexpr std::size_t kMaxCategoryChars = 100;

// Title 1–200 characters after trimming, body 1–2,000, category (when given) 1–100 after
// trimming, product_id (when given) a UUID; INVALID_ARGUMENT naming the first bad field.
core::Result<NewCampaign> validate_campaign(const CampaignInput& input);

}  // namespace ecn::notification::domain
