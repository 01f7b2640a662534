#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::core::ErrorCode;
using namespace ecn::notification::domain;

const std::string kUser = "0190a5c8-7b1e-7cc3-9a4e-2f6d8e1b3c5a";

PostInput valid_input() {
  return {.user_id = kUser, .type = 3, .title = "Hello", .body = "World", .data_json = ""};
}

void expect_invalid(const PostInput& input, const std::string& field) {
  const auto result = validate_post(input);
  ASSERT_FALSE(result) << field;
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message.rfind(field + ": ", 0), 0u) << result.error().message;
}

TEST(ValidatePost, AcceptsAValidRequestAndNormalizesIt) {
  auto input = valid_input();
  const std::string upper = "0190A5C8-7B1E-7CC3-9A4E-2F6D8E1B3C5A";
  input.user_id = upper;
  input.title = "  Hello  ";
  const auto result = validate_post(input);
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->user_id, kUser);
  EXPECT_EQ(result->title, "Hello");
  EXPECT_EQ(result->type, NotificationType::kSystem);
  EXPECT_EQ(result->data_json, "{}");  // empty data is an empty object
}

TEST(ValidatePost, NamesTheBadField) {
  auto input = valid_input();
  input.user_id = "";
  expect_invalid(input, "user_id");
  input = valid_input();
  input.user_id = "not-a-uuid";
  expect_invalid(input, "user_id");
  input = valid_input();
  input.type = 0;
  expect_invalid(input, "type");
  input.type = 4;
  expect_invalid(input, "type");
  input = valid_input();
  input.title = "   ";
  expect_invalid(input, "title");
  input = valid_input();
  input.data_json = "[1,2]";
  expect_invalid(input, "data_json");
  input.data_json = "{oops";
  expect_invalid(input, "data_json");
}

TEST(ValidatePost, CountsLimitsInCharactersNotBytes) {
  auto input = valid_input();
  std::string title;
  for (int i = 0; i < 200; ++i) title += "é";  // 400 bytes, 200 characters
  input.title = title;
  EXPECT_TRUE(validate_post(input));
  title += "x";
  input.title = title;
  expect_invalid(input, "title");

  input = valid_input();
  const std::string body(2000, 'b');
  input.body = body;
  EXPECT_TRUE(validate_post(input));
  const std::string long_body(2001, 'b');
  input.body = long_body;
  expect_invalid(input, "body");
}

TEST(ValidatePost, LimitsDataTo16KiB) {
  auto input = valid_input();
  const std::string fits = "{\"k\":\"" + std::string(16 * 1024 - 8, 'x') + "\"}";
  ASSERT_EQ(fits.size(), 16u * 1024u);
  input.data_json = fits;
  EXPECT_TRUE(validate_post(input));
  const std::string too_big = "{\"k\":\"" + std::string(16 * 1024 - 7, 'x') + "\"}";
  input.data_json = too_big;
  expect_invalid(input, "data_json");
}

}  // namespace
