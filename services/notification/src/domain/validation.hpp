#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/notification.hpp"
#include "ecn/core/status.hpp"

namespace ecn::notification::domain {

inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxBodyChars = 2000;
inline constexpr std::size_t kMaxDataBytes = 16 * 1024;

// PostNotification's input as it arrived; `type` is the proto enum's number.
struct PostInput {
  std::string_view user_id;
  int type = 0;
  std::string_view title;
  std::string_view body;
  std::string_view data_json;
};

// The canonical (lower-case) UUID, or INVALID_ARGUMENT "<field>: ...".
core::Result<std::string> validate_uuid(std::string_view value, std::string_view field);

// Checks every rule of the issue (user_id a UUID, a known type, title 1–200 characters after
// trimming, body at most 2,000 characters, data at most 16 KiB and a JSON object; empty data
// means {}) and returns what to store, or INVALID_ARGUMENT naming the first bad field.
core::Result<NewNotification> validate_post(const PostInput& input);

}  // namespace ecn::notification::domain
