#pragma once

#include <chrono>
#include <string>

#include "domain/preferences.hpp"

namespace ecn::user::domain {

// An account as the rest of the system sees it: never with its password hash.
struct User {
  std::string id;  // UUIDv7, lower case
  std::string name;
  std::string email;  // lower case
  Preferences preferences;
  std::chrono::system_clock::time_point created_at;
  std::chrono::system_clock::time_point updated_at;

  friend bool operator==(const User&, const User&) = default;
};

}  // namespace ecn::user::domain
