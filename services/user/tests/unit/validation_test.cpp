// Request validation: normalization and the field named by every refusal.
#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace {

using namespace ecn::user::domain;
using ecn::core::ErrorCode;

// The error message of a refused value, or "" when it was accepted.
template <typename T>
std::string refusal(const ecn::core::Result<T>& result) {
  if (result) return "";
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  return result.error().message;
}

TEST(UserValidateName, TrimsAndCountsCharacters) {
  EXPECT_EQ(validate_name("  Ada Lovelace \n").value(), "Ada Lovelace");
  EXPECT_EQ(validate_name(std::string(100, 'x')).value(), std::string(100, 'x'));
  std::string hundred_umlauts;
  for (int i = 0; i < 100; ++i) hundred_umlauts += "ö";  // 200 bytes, 100 characters
  EXPECT_TRUE(validate_name(hundred_umlauts));

  EXPECT_EQ(refusal(validate_name("")), "name: must not be empty");
  EXPECT_EQ(refusal(validate_name("   ")), "name: must not be empty");
  EXPECT_EQ(refusal(validate_name(std::string(101, 'x'))), "name: at most 100 characters");
  EXPECT_EQ(refusal(validate_name("Ada\x01")), "name: must not contain control characters");
  EXPECT_EQ(refusal(validate_name("Ada\xFF")), "name: not valid UTF-8");
}

TEST(UserNormalizeEmail, TrimsAndLowerCases) {
  EXPECT_EQ(normalize_email("  Ada.Lovelace+News@Example.COM ").value(),
            "ada.lovelace+news@example.com");
  EXPECT_EQ(normalize_email("o'brien@mail.example.co.uk").value(), "o'brien@mail.example.co.uk");
  EXPECT_EQ(normalize_email("a@b-c.io").value(), "a@b-c.io");
}

TEST(UserNormalizeEmail, RefusesWhatIsNotAnAddress) {
  EXPECT_EQ(refusal(normalize_email("")), "email: required");
  EXPECT_EQ(refusal(normalize_email("  ")), "email: required");
  for (const char* bad : {"plainaddress",
                          "@example.com",
                          "ada@",
                          "ada@example",
                          "ada@@example.com",
                          "ada@exa mple.com",
                          "ada lovelace@example.com",
                          ".ada@example.com",
                          "ada.@example.com",
                          "a..b@example.com",
                          "ada@-example.com",
                          "ada@example-.com",
                          "ada@example..com",
                          "ada@.example.com",
                          "ada@example.com.",
                          "ada@1.2.3.4",
                          "ada@[127.0.0.1]",
                          "\"ada\"@example.com",
                          "adä@example.com",
                          "ada@exämple.com",
                          "ada@exa_mple.com"}) {
    EXPECT_EQ(refusal(normalize_email(bad)), "email: not a valid email address") << bad;
  }
  const std::string local(64, 'a');
  EXPECT_TRUE(normalize_email(local + "@example.com"));
  EXPECT_FALSE(normalize_email(local + "a@example.com"));
  const std::string label(63, 'b');
  const std::string long_address = local + "@" + label + "." + label + "." + label + ".com";
  ASSERT_GT(long_address.size(), 254u);
  EXPECT_EQ(refusal(normalize_email(long_address)), "email: at most 254 characters");
}

TEST(UserValidateNewPassword, KeepsThePasswordAsGivenWithin8To256Characters) {
  EXPECT_EQ(validate_new_password(" spaced out ").value(), " spaced out ");
  EXPECT_TRUE(validate_new_password("12345678"));
  EXPECT_TRUE(validate_new_password(std::string(256, 'p')));
  EXPECT_TRUE(validate_new_password("ääääääää"));  // 8 characters in 16 bytes

  EXPECT_EQ(refusal(validate_new_password("")), "password: required");
  EXPECT_EQ(refusal(validate_new_password("1234567")), "password: must be 8 to 256 characters");
  EXPECT_EQ(refusal(validate_new_password(std::string(257, 'p'))),
            "password: must be 8 to 256 characters");
  EXPECT_EQ(refusal(validate_new_password("abcdefgh\xFF")), "password: not valid UTF-8");
}

TEST(UserValidateUserIds, NormalizesDeduplicatesAndNamesTheBadPosition) {
  const std::string a = "0190a5f0-7e5b-7cc1-8a3e-0123456789ab";
  const std::string b = "0190a5f0-7e5b-7cc1-8a3e-0123456789ac";
  EXPECT_EQ(validate_user_id("0190A5F0-7E5B-7CC1-8A3E-0123456789AB", "id").value(), a);
  EXPECT_EQ(refusal(validate_user_id("", "id")), "id: required");
  EXPECT_EQ(refusal(validate_user_id("42", "user_id")), "user_id: must be a UUID");

  const auto ids = validate_user_ids({b, a, "0190A5F0-7E5B-7CC1-8A3E-0123456789AC"}).value();
  EXPECT_EQ(ids, (std::vector<std::string>{b, a}));
  EXPECT_TRUE(validate_user_ids({}).value().empty());
  EXPECT_EQ(refusal(validate_user_ids({a, b, "nope"})), "ids[2]: must be a UUID");
  EXPECT_TRUE(validate_user_ids(std::vector<std::string>(500, a)));
  EXPECT_EQ(refusal(validate_user_ids(std::vector<std::string>(501, a))), "ids: at most 500 ids");
}

TEST(UserNormalizeCategories, LowerCasesSortsAndDeduplicates) {
  const auto categories =
      normalize_categories({" Books", "garden", "BOOKS", "toys ", "Garden"}, "c").value();
  EXPECT_EQ(categories, (std::vector<std::string>{"books", "garden", "toys"}));
  EXPECT_TRUE(normalize_categories({}, "c").value().empty());
  EXPECT_TRUE(normalize_categories({std::string(50, 'x')}, "c"));
}

TEST(UserNormalizeCategories, RefusesBadEntriesAndTooManyNamingTheField) {
  const std::string field = "preferences.categories.values";
  EXPECT_EQ(refusal(normalize_categories({"books", " "}, field)), field + "[1]: must not be empty");
  EXPECT_EQ(refusal(normalize_categories({std::string(51, 'x')}, field)),
            field + "[0]: at most 50 characters");
  EXPECT_EQ(refusal(normalize_categories({"a\tb"}, field)),
            field + "[0]: must not contain control characters");

  std::vector<std::string> fifty;
  for (int i = 0; i < 50; ++i) fifty.push_back("c" + std::to_string(i));
  EXPECT_TRUE(normalize_categories(fifty, field));
  auto duplicates = fifty;
  duplicates.push_back("C0");  // the same as "c0" once lower-cased: still 50 distinct
  EXPECT_TRUE(normalize_categories(duplicates, field));
  fifty.push_back("c50");
  EXPECT_EQ(refusal(normalize_categories(fifty, field)),
            field + ": at most 50 distinct categories");
}

TEST(UserValidateRegistration, NormalizesEveryFieldAndAppliesDefaults) {
  const auto registration =
      validate_registration(
          {.name = " Ada ",
           .email = "ADA@Example.com",
           .password = "correct horse",
           .preferences = {.promotions = false, .categories = std::vector<std::string>{"Books"}}})
          .value();
  EXPECT_EQ(registration.name, "Ada");
  EXPECT_EQ(registration.email, "ada@example.com");
  EXPECT_EQ(registration.password, "correct horse");
  EXPECT_TRUE(registration.preferences.order_updates);  // absent: the default
  EXPECT_FALSE(registration.preferences.promotions);
  EXPECT_EQ(registration.preferences.categories, std::vector<std::string>{"books"});

  const auto defaults =
      validate_registration({.name = "Ada", .email = "a@b.io", .password = "12345678"}).value();
  EXPECT_EQ(defaults.preferences, Preferences{});
}

TEST(UserValidateRegistration, ReportsTheFirstBadFieldByName) {
  const RegistrationInput good{.name = "Ada", .email = "a@b.io", .password = "12345678"};
  auto input = good;
  input.name = "";
  EXPECT_EQ(refusal(validate_registration(input)), "name: must not be empty");
  input = good;
  input.email = "nope";
  EXPECT_EQ(refusal(validate_registration(input)), "email: not a valid email address");
  input = good;
  input.password = "short";
  EXPECT_EQ(refusal(validate_registration(input)), "password: must be 8 to 256 characters");
  input = good;
  input.preferences.categories = std::vector<std::string>{""};
  EXPECT_EQ(refusal(validate_registration(input)),
            "preferences.categories.values[0]: must not be empty");
}

TEST(UserValidateLogin, NormalizesTheEmailAndOnlyBoundsThePassword) {
  const auto login = validate_login({.email = " ADA@example.com", .password = "short"}).value();
  EXPECT_EQ(login.email, "ada@example.com");
  EXPECT_EQ(login.password, "short");  // a too-short password simply will not match

  EXPECT_EQ(refusal(validate_login({.email = "", .password = "x"})), "email: required");
  EXPECT_EQ(refusal(validate_login({.email = "a@b.io", .password = ""})), "password: required");
  EXPECT_EQ(refusal(validate_login({.email = "a@b.io", .password = std::string(257, 'p')})),
            "password: at most 256 characters");
}

}  // namespace
