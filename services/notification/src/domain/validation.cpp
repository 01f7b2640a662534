#include "domain/validation.hpp"

#include <boost/json.hpp>

#include "ecn/core/text.hpp"
#include "ecn/core/uuid.hpp"

namespace ecn::notification::domain {
namespace {

using core::trim;
using core::utf8_length;

core::Error invalid(std::string_view field, std::string_view problem) {
  return {core::ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(problem)};
}

}  // namespace

core::Result<std::string> validate_uuid(std::string_view value, std::string_view field) {
  return core::parse_uuid(value, field);
}

core::Result<NewNotification> validate_post(const PostInput& input) {
  NewNotification out;
  auto user_id = validate_uuid(input.user_id, "user_id");
  if (!user_id) return user_id.error();
  out.user_id = *user_id;

  if (input.type < 1 || input.type > 3) {
    return invalid("type", "must be ORDER_UPDATE, PROMOTION or SYSTEM");
  }
  out.type = static_cast<NotificationType>(input.type);

  const auto title = trim(input.title);
  const auto title_length = utf8_length(title);
  if (!title_length) return invalid("title", "not valid UTF-8");
  if (*title_length == 0) return invalid("title", "required");
  if (*title_length > kMaxTitleChars) {
    return invalid("title", "at most 200 characters");
  }
  out.title = std::string(title);

  const auto body_length = utf8_length(input.body);
  if (!body_length) return invalid("body", "not valid UTF-8");
  if (*body_length > kMaxBodyChars) {
    return invalid("body", "at most 2000 characters");
  }
  out.body = std::string(input.body);

  if (input.data_json.size() > kMaxDataBytes) return invalid("data_json", "at most 16 KiB");
  if (trim(input.data_json).empty()) {
    out.data_json = "{}";
  } else {
    boost::system::error_code error;
    const auto parsed = boost::json::parse(input.data_json, error);
    if (error) return invalid("data_json", "not valid JSON");
    if (!parsed.is_object()) return invalid("data_json", "must be a JSON object");
    out.data_json = boost::json::serialize(parsed);
  }
  return out;
}

}  // namespace ecn::notification::domain
