#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ecn::user::domain {

inline constexpr std::size_t kMaxCategories = 50;
inline constexpr std::size_t kMaxCategoryLength = 50;  // characters

// What a user wants to be notified about.
struct Preferences {
  bool order_updates = true;
  bool promotions = true;
  // Sorted, distinct, lower-case; empty means every category. Sorted so that two lists with
  // the same categories compare equal and an update that only reorders them changes nothing.
  std::vector<std::string> categories;

  friend bool operator==(const Preferences&, const Preferences&) = default;
};

// A partial update of Preferences: an absent field keeps its value.
struct PreferencesPatch {
  std::optional<bool> order_updates;
  std::optional<bool> promotions;
  std::optional<std::vector<std::string>> categories;

  friend bool operator==(const PreferencesPatch&, const PreferencesPatch&) = default;
};

// `current` with the fields present in `patch` replaced. The patch must be normalized
// (normalize_patch in validation.hpp) so the result keeps Preferences' invariants.
Preferences apply_patch(Preferences current, const PreferencesPatch& patch);

}  // namespace ecn::user::domain
