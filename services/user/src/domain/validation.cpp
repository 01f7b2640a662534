#include "domain/validation.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "ecn/core/text.hpp"
#include "ecn/core/uuid.hpp"

namespace ecn::user::domain {

using core::ascii_lower;
using core::has_control_character;
using core::trim;
using core::utf8_length;
namespace {

using core::Error;
using core::ErrorCode;
using core::Result;

Error invalid(std::string_view field, std::string_view problem) {
  std::string message(field);
  message += ": ";
  message += problem;
  return Error{ErrorCode::kInvalidArgument, std::move(message)};
}

std::string indexed(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 "atext": what a dot-atom local part may hold besides dots.
bool is_atext(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  return is_ascii_alnum(c) || kSpecials.find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || is_atext(c); });
}

bool is_dns_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return c == '-' || is_ascii_alnum(c); });
}

bool is_domain(std::string_view domain) {
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    const auto dot = domain.find('.');
    last = domain.substr(0, dot);
    if (!is_dns_label(last)) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  // A top-level domain is never all digits; "1.2.3.4" is an IP address, not a mail domain.
  const bool numeric_tld =
      std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
  return labels >= 2 && !numeric_tld;
}

// Shared by names and categories: trimmed, valid UTF-8, min..max characters, no controls.
Result<std::string> validate_label(std::string_view raw, std::string_view field,
                                   std::size_t max_length) {
  const std::string_view text = trim(raw);
  const auto length = utf8_length(text);
  if (!length) return invalid(field, "not valid UTF-8");
  if (*length == 0) return invalid(field, "must not be empty");
  if (*length > max_length) {
    return invalid(field, "at most " + std::to_string(max_length) + " characters");
  }
  if (has_control_character(text)) return invalid(field, "must not contain control characters");
  return std::string(text);
}

}  // namespace

Result<std::string> validate_name(std::string_view name, std::string_view field) {
  return validate_label(name, field, kMaxNameLength);
}

Result<std::string> normalize_email(std::string_view email, std::string_view field) {
  const std::string normalized = ascii_lower(trim(email));
  if (normalized.empty()) return invalid(field, "required");
  if (normalized.size() > kMaxEmailLength) {
    return invalid(field, "at most " + std::to_string(kMaxEmailLength) + " characters");
  }
  const auto at = normalized.rfind('@');
  if (at == std::string::npos || !is_dot_atom(std::string_view(normalized).substr(0, at)) ||
      !is_domain(std::string_view(normalized).substr(at + 1))) {
    return invalid(field, "not a valid email address");
  }
  return normalized;
}

Result<std::string> validate_new_password(std::string_view password, std::string_view field) {
  if (password.empty()) return invalid(field, "required");
  const auto length = utf8_length(password);
  if (!length) return invalid(field, "not valid UTF-8");
  if (*length < kMinPasswordLength || *length > kMaxPasswordLength) {
    return invalid(field, "must be " + std::to_string(kMinPasswordLength) + " to " +
                              std::to_string(kMaxPasswordLength) + " characters");
  }
  return std::string(password);
}

Result<std::string> validate_user_id(std::string_view id, std::string_view field) {
  return core::parse_uuid(id, field);
}

Result<std::vector<std::string>> validate_user_ids(const std::vector<std::string>& ids,
                                                   std::string_view field) {
  if (ids.size() > kMaxBatchIds) {
    return invalid(field, "at most " + std::to_string(kMaxBatchIds) + " ids");
  }
  std::vector<std::string> out;
  out.reserve(ids.size());
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto id = validate_user_id(ids[i], indexed(field, i));
    if (!id) return id.error();
    if (seen.insert(*id).second) out.push_back(std::move(*id));
  }
  return out;
}

Result<std::vector<std::string>> normalize_categories(const std::vector<std::string>& raw,
                                                      std::string_view field) {
  std::set<std::string> distinct;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto category = validate_label(raw[i], indexed(field, i), kMaxCategoryLength);
    if (!category) return category.error();
    distinct.insert(ascii_lower(*category));
    // Checked as we go so a huge list is refused without being read to the end.
    if (distinct.size() > kMaxCategories) {
      return invalid(field, "at most " + std::to_string(kMaxCategories) + " distinct categories");
    }
  }
  return std::vector<std::string>(distinct.begin(), distinct.end());
}

Result<PreferencesPatch> normalize_patch(const PreferencesPatch& raw, std::string_view field) {
  PreferencesPatch patch = raw;
  if (raw.categories) {
    auto categories =
        normalize_categories(*raw.categories, std::string(field) + ".categories.values");
    if (!categories) return categories.error();
    patch.categories = std::move(*categories);
  }
  return patch;
}

Result<Registration> validate_registration(const RegistrationInput& input) {
  auto name = validate_name(input.name);
  if (!name) return name.error();
  auto email = normalize_email(input.email);
  if (!email) return email.error();
  auto password = validate_new_password(input.password);
  if (!password) return password.error();
  auto patch = normalize_patch(input.preferences);
  if (!patch) return patch.error();
  return Registration{std::move(*name), std::move(*email), std::move(*password),
                      apply_patch(Preferences{}, *patch)};
}

Result<LoginInput> validate_login(const LoginInput& input) {
  auto email = normalize_email(input.email);
  if (!email) return email.error();
  if (input.password.empty()) return invalid("password", "required");
  const auto length = utf8_length(input.password);
  if (!length) return invalid("password", "not valid UTF-8");
  if (*length > kMaxPasswordLength) {
    return invalid("password", "at most " + std::to_string(kMaxPasswordLength) + " characters");
  }
  return LoginInput{std::move(*email), input.password};
}

}  // namespace ecn::user::domain
