#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/preferences.hpp"
#include "ecn/core/status.hpp"

// Request validation: each function either returns the normalized value or an
// INVALID_ARGUMENT error whose message starts with the proto field name ("email: ...").
namespace ecn::user::domain {

inline constexpr std::size_t kMaxNameLength = 100;  // characters
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr std::size_t kMaxEmailLength = 254;  // bytes (RFC 5321 path limit)
inline constexpr std::size_t kMaxBatchIds = 500;

// Register as the client sent it.
struct RegistrationInput {
  std::string name;
  std::string email;
  std::string password;
  PreferencesPatch preferences;
};

// Register, validated: name trimmed, email normalized, preferences complete.
struct Registration {
  std::string name;
  std::string email;
  std::string password;
  Preferences preferences;
};

// Login as the client sent it, and (from validate_login) with the email normalized.
struct LoginInput {
  std::string email;
  std::string password;
};

// Trimmed; 1..100 characters of valid UTF-8 without control characters.
core::Result<std::string> validate_name(std::string_view name, std::string_view field = "name");

// Trimmed and lower-cased, then checked: an ASCII dot-atom local part of at most 64
// characters, '@', and a domain of at least two DNS labels (letters, digits, inner hyphens),
// at most 254 characters in all. Quoted local parts and non-ASCII addresses are refused.
core::Result<std::string> normalize_email(std::string_view email, std::string_view field = "email");

// 8..256 characters of valid UTF-8, taken as given (no trimming: spaces may be part of it).
core::Result<std::string> validate_new_password(std::string_view password,
                                                std::string_view field = "password");

// A UUID in any letter case → its canonical lower-case form.
core::Result<std::string> validate_user_id(std::string_view id, std::string_view field);

// At most 500 UUIDs → their canonical forms, each once, in first-seen order. An error names
// the offending position: "ids[3]: must be a UUID".
core::Result<std::vector<std::string>> validate_user_ids(const std::vector<std::string>& ids,
                                                         std::string_view field = "ids");

// Each category trimmed and lower-cased (1..50 characters, no control characters); the list
// sorted and deduplicated, at most 50 remaining.
core::Result<std::vector<std::string>> normalize_categories(const std::vector<std::string>& raw,
                                                            std::string_view field);

// The patch with its categories normalized; `field` is the patch's own field name.
core::Result<PreferencesPatch> normalize_patch(const PreferencesPatch& raw,
                                               std::string_view field = "preferences");

// Every field of Register; the first problem found is reported.
core::Result<Registration> validate_registration(const RegistrationInput& input);

// Login's fields: a well-formed email and a password of at most 256 characters. The minimum
// length of new passwords is not applied, so every wrong password reads alike.
core::Result<LoginInput> validate_login(const LoginInput& input);

}  // namespace ecn::user::domain
