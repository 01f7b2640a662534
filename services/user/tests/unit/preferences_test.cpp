// Partial preference updates: only what the patch names changes, and an update that changes
// nothing is recognisable as such.
#include "domain/preferences.hpp"

#include <gtest/gtest.h>

#include "domain/validation.hpp"

namespace {

using namespace ecn::user::domain;

const Preferences kCurrent{.order_updates = true, .promotions = false, .categories = {"books"}};

TEST(UserApplyPatch, AnEmptyPatchKeepsEverything) {
  EXPECT_EQ(apply_patch(kCurrent, {}), kCurrent);
}

TEST(UserApplyPatch, ChangesOnlyTheFieldsPresent) {
  auto result = apply_patch(kCurrent, {.promotions = true});
  EXPECT_EQ(result,
            (Preferences{.order_updates = true, .promotions = true, .categories = {"books"}}));

  result = apply_patch(kCurrent, {.order_updates = false});
  EXPECT_EQ(result,
            (Preferences{.order_updates = false, .promotions = false, .categories = {"books"}}));

  result = apply_patch(kCurrent, {.categories = std::vector<std::string>{"garden", "toys"}});
  EXPECT_EQ(
      result,
      (Preferences{.order_updates = true, .promotions = false, .categories = {"garden", "toys"}}));
}

TEST(UserApplyPatch, AnEmptyCategoryListIsAValueNotAnAbsence) {
  const auto result = apply_patch(kCurrent, {.categories = std::vector<std::string>{}});
  EXPECT_TRUE(result.categories.empty());  // every category
  EXPECT_EQ(result.promotions, kCurrent.promotions);
}

TEST(UserApplyPatch, SettingTheCurrentValuesChangesNothing) {
  const auto patch = normalize_patch({.order_updates = true,
                                      .promotions = false,
                                      .categories = std::vector<std::string>{"BOOKS", "books "}})
                         .value();
  EXPECT_EQ(apply_patch(kCurrent, patch), kCurrent);
}

TEST(UserNormalizePatch, NormalizesCategoriesAndKeepsAbsentFieldsAbsent) {
  const auto patch =
      normalize_patch({.categories = std::vector<std::string>{"Toys", "books", "toys"}}).value();
  EXPECT_FALSE(patch.order_updates.has_value());
  EXPECT_FALSE(patch.promotions.has_value());
  EXPECT_EQ(patch.categories, (std::vector<std::string>{"books", "toys"}));

  EXPECT_EQ(normalize_patch({}).value(), PreferencesPatch{});
  const auto refused = normalize_patch({.categories = std::vector<std::string>{"ok", ""}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "preferences.categories.values[1]: must not be empty");
}

}  // namespace
