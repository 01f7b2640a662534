#include "domain/preferences.hpp"

#include <utility>

namespace ecn::user::domain {

Preferences apply_patch(Preferences current, const PreferencesPatch& patch) {
  if (patch.order_updates) current.order_updates = *patch.order_updates;
  if (patch.promotions) current.promotions = *patch.promotions;
  if (patch.categories) current.categories = *patch.categories;
  return current;
}

}  // namespace ecn::user::domain
