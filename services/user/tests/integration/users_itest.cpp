// GetUser, GetUsers and UpdatePreferences through gRPC against the real PostgreSQL.
#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>

#include "ecn/core/uuid.hpp"
#include "user_fixture.hpp"

namespace ecn::user::testing {
namespace {

using google::protobuf::util::MessageDifferencer;
using grpc::StatusCode;

class UserQueriesTest : public UserServiceTest {
 protected:
  std::int64_t outbox_rows() { return scalar("SELECT count(*) FROM outbox"); }
};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::toupper);
  return text;
}

std::vector<std::string> ids_of(const pb::GetUsersResponse& reply) {
  std::vector<std::string> ids;
  for (const auto& user : reply.users()) ids.push_back(user.id());
  return ids;
}

TEST_F(UserQueriesTest, GetUserReturnsWhatRegisterStored) {
  const auto user = registered("Ada", "ada@example.com");
  pb::User found;
  ASSERT_TRUE(get_user(user.id(), &found).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(found, user)) << found.DebugString();

  // Ids are UUIDs, so their letter case does not matter.
  pb::User again;
  ASSERT_TRUE(get_user(upper(user.id()), &again).ok());
  EXPECT_EQ(again.id(), user.id());
}

TEST_F(UserQueriesTest, GetUserRefusesBadIdsAndReportsUnknownOnes) {
  pb::User found;
  auto status = get_user("", &found);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "id: required");
  status = get_user("42", &found);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "id: must be a UUID");

  const auto unknown = core::new_uuid_v7();
  status = get_user(unknown, &found);
  EXPECT_EQ(status.error_code(), StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find(unknown), std::string::npos);
}

TEST_F(UserQueriesTest, GetUsersKeepsTheRequestOrderAndReportsMissingIds) {
  const auto a = registered("A", "a@example.com");
  const auto b = registered("B", "b@example.com");
  const auto c = registered("C", "c@example.com");
  const auto missing = core::new_uuid_v7();

  pb::GetUsersResponse reply;
  ASSERT_TRUE(get_users({c.id(), missing, a.id(), b.id(), upper(a.id())}, &reply).ok());
  EXPECT_EQ(ids_of(reply), (std::vector<std::string>{c.id(), a.id(), b.id()}));
  ASSERT_EQ(reply.missing_ids_size(), 1);
  EXPECT_EQ(reply.missing_ids(0), missing);
  EXPECT_TRUE(MessageDifferencer::Equals(reply.users(1), a));

  pb::GetUsersResponse empty;
  ASSERT_TRUE(get_users({}, &empty).ok());
  EXPECT_EQ(empty.users_size(), 0);
  EXPECT_EQ(empty.missing_ids_size(), 0);
}

TEST_F(UserQueriesTest, GetUsersTakes500IdsAtOnceAndRefusesMore) {
  const auto a = registered("A", "a@example.com");
  std::vector<std::string> ids{a.id()};
  while (ids.size() < 500) ids.push_back(core::new_uuid_v7());
  pb::GetUsersResponse reply;
  const auto status = get_users(ids, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.users_size(), 1);
  EXPECT_EQ(reply.missing_ids_size(), 499);

  ids.push_back(core::new_uuid_v7());
  auto refused = get_users(ids, &reply);
  EXPECT_EQ(refused.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error_message(), "ids: at most 500 ids");

  refused = get_users({a.id(), "not-a-uuid"}, &reply);
  EXPECT_EQ(refused.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error_message(), "ids[1]: must be a UUID");
}

TEST_F(UserQueriesTest, UpdatePreferencesChangesOnlyTheGivenFields) {
  pb::PreferencesPatch initial;
  initial.mutable_categories()->add_values("books");
  pb::AuthResponse session;
  ASSERT_TRUE(register_user("Ada", "ada@example.com", "12345678", &session, &initial).ok());
  const auto& user = session.user();

  pb::PreferencesPatch promotions_off;
  promotions_off.set_promotions(false);
  pb::User updated;
  ASSERT_TRUE(update_preferences(user.id(), promotions_off, &updated).ok());
  EXPECT_TRUE(updated.preferences().order_updates());
  EXPECT_FALSE(updated.preferences().promotions());
  ASSERT_EQ(updated.preferences().categories_size(), 1);
  EXPECT_EQ(updated.preferences().categories(0), "books");
  EXPECT_EQ(updated.name(), user.name());
  EXPECT_EQ(updated.created_at().seconds(), user.created_at().seconds());
  EXPECT_GT(std::make_pair(updated.updated_at().seconds(), updated.updated_at().nanos()),
            std::make_pair(user.updated_at().seconds(), user.updated_at().nanos()));

  pb::PreferencesPatch categories;
  categories.mutable_categories()->add_values("Garden ");
  categories.mutable_categories()->add_values("toys");
  categories.mutable_categories()->add_values("garden");
  ASSERT_TRUE(update_preferences(user.id(), categories, &updated).ok());
  EXPECT_FALSE(updated.preferences().promotions()) << "kept from the previous update";
  ASSERT_EQ(updated.preferences().categories_size(), 2);
  EXPECT_EQ(updated.preferences().categories(0), "garden");
  EXPECT_EQ(updated.preferences().categories(1), "toys");

  // A present but empty list means "every category"; it is a change, not an absence.
  pb::PreferencesPatch every_category;
  every_category.mutable_categories();
  ASSERT_TRUE(update_preferences(user.id(), every_category, &updated).ok());
  EXPECT_EQ(updated.preferences().categories_size(), 0);
  EXPECT_FALSE(updated.preferences().promotions());

  pb::User stored;
  ASSERT_TRUE(get_user(user.id(), &stored).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(stored, updated)) << stored.DebugString();
  EXPECT_EQ(outbox_rows(), 4) << "register and three real changes";
}

TEST_F(UserQueriesTest, AnUpdateThatChangesNothingWritesNothing) {
  const auto user = registered("Ada", "ada@example.com");
  ASSERT_EQ(outbox_rows(), 1);

  pb::PreferencesPatch same;
  same.set_order_updates(true);
  same.set_promotions(true);
  same.mutable_categories();
  pb::User reply;
  ASSERT_TRUE(update_preferences(user.id(), same, &reply).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(reply, user)) << reply.DebugString();

  ASSERT_TRUE(update_preferences(user.id(), pb::PreferencesPatch{}, &reply).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(reply, user));
  EXPECT_EQ(outbox_rows(), 1);
}

TEST_F(UserQueriesTest, UpdatePreferencesRefusesBadInputAndUnknownUsersWritingNothing) {
  const auto user = registered("Ada", "ada@example.com");
  const auto updated_at_before =
      scalar("SELECT (extract(epoch FROM updated_at) * 1000000)::bigint FROM users");
  pb::PreferencesPatch patch;
  patch.set_promotions(false);
  pb::User reply;

  auto status = update_preferences("", patch, &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "user_id: required");
  status = update_preferences("user-1", patch, &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "user_id: must be a UUID");
  status = update_preferences(core::new_uuid_v7(), patch, &reply);
  EXPECT_EQ(status.error_code(), StatusCode::NOT_FOUND);

  // A bad category spoils the whole patch, including its valid promotions change.
  patch.mutable_categories()->add_values("books");
  patch.mutable_categories()->add_values(std::string(51, 'x'));
  status = update_preferences(user.id(), patch, &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "preferences.categories.values[1]: at most 50 characters");

  patch.mutable_categories()->clear_values();
  for (int i = 0; i < 51; ++i) patch.mutable_categories()->add_values("c" + std::to_string(i));
  status = update_preferences(user.id(), patch, &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "preferences.categories.values: at most 50 distinct categories");

  EXPECT_EQ(scalar("SELECT count(*) FROM users WHERE promotions"), 1);
  EXPECT_EQ(scalar("SELECT (extract(epoch FROM updated_at) * 1000000)::bigint FROM users"),
            updated_at_before);
  EXPECT_EQ(outbox_rows(), 1);
}

}  // namespace
}  // namespace ecn::user::testing
