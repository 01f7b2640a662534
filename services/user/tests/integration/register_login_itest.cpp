// Register and Login through gRPC against the real PostgreSQL.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>

#include "ecn/core/uuid.hpp"
#include "user_fixture.hpp"

namespace ecn::user::testing {
namespace {

using grpc::StatusCode;

class UserRegisterLoginTest : public UserServiceTest {};

TEST_F(UserRegisterLoginTest, RegisterStoresTheUserAndSignsATokenForIt) {
  pb::AuthResponse reply;
  const auto before = std::chrono::system_clock::now();
  const auto status =
      register_user("  Ada Lovelace ", " Ada@Example.COM ", "correct horse battery", &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const auto& user = reply.user();
  EXPECT_TRUE(core::is_uuid(user.id())) << user.id();
  EXPECT_EQ(user.id()[14], '7') << "a UUIDv7 (time-ordered)";
  EXPECT_EQ(user.name(), "Ada Lovelace");
  EXPECT_EQ(user.email(), "ada@example.com");
  EXPECT_TRUE(user.preferences().order_updates());
  EXPECT_TRUE(user.preferences().promotions());
  EXPECT_EQ(user.preferences().categories_size(), 0);
  EXPECT_GT(user.created_at().seconds(), 0);
  EXPECT_EQ(user.created_at().seconds(), user.updated_at().seconds());

  const auto claims = tokens_.verify(reply.token(), std::chrono::system_clock::now());
  ASSERT_TRUE(claims) << claims.error();
  EXPECT_EQ(claims->subject, user.id());
  EXPECT_EQ(claims->issuer, kIssuer);
  EXPECT_GE(claims->issued_at,
            std::chrono::duration_cast<std::chrono::seconds>(before.time_since_epoch()).count());
  EXPECT_EQ(claims->expires_at, claims->issued_at + kTtl.count());
  EXPECT_EQ(reply.expires_at().seconds(), claims->expires_at);

  // Stored lower-cased, with an argon2id hash in place of the password.
  EXPECT_EQ(scalar("SELECT count(*) FROM users WHERE email = 'ada@example.com' AND "
                   "password_hash LIKE '$argon2id$%' AND position('correct horse' IN "
                   "password_hash) = 0"),
            1);
  // And its event waits in the outbox, written by the same transaction.
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox WHERE topic = 'user-events' AND key = '" +
                   user.id() + "'"),
            1);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox WHERE position('argon2' IN "
                   "convert_from(payload, 'UTF8')) > 0"),
            0);
}

TEST_F(UserRegisterLoginTest, RegisterAppliesTheGivenPreferences) {
  pb::PreferencesPatch preferences;
  preferences.set_promotions(false);
  preferences.mutable_categories()->add_values(" Toys");
  preferences.mutable_categories()->add_values("books");
  preferences.mutable_categories()->add_values("TOYS");
  pb::AuthResponse reply;
  ASSERT_TRUE(register_user("Ada", "ada@example.com", "12345678", &reply, &preferences).ok());
  EXPECT_TRUE(reply.user().preferences().order_updates());
  EXPECT_FALSE(reply.user().preferences().promotions());
  ASSERT_EQ(reply.user().preferences().categories_size(), 2);
  EXPECT_EQ(reply.user().preferences().categories(0), "books");
  EXPECT_EQ(reply.user().preferences().categories(1), "toys");
}

TEST_F(UserRegisterLoginTest, RegisterRefusesEachBadFieldAndWritesNothing) {
  struct Case {
    std::string name, email, password;
    std::vector<std::string> categories;
    std::string expected_prefix;
  };
  std::vector<std::string> too_many;
  for (int i = 0; i < 51; ++i) too_many.push_back("category-" + std::to_string(i));
  const std::vector<Case> cases = {
      {"", "a@b.io", "12345678", {}, "name: "},
      {"   ", "a@b.io", "12345678", {}, "name: "},
      {std::string(101, 'n'), "a@b.io", "12345678", {}, "name: "},
      {"Ada", "", "12345678", {}, "email: "},
      {"Ada", "not-an-email", "12345678", {}, "email: "},
      {"Ada", "ada@localhost", "12345678", {}, "email: "},
      {"Ada", "a@b.io", "", {}, "password: "},
      {"Ada", "a@b.io", "1234567", {}, "password: "},
      {"Ada", "a@b.io", std::string(257, 'p'), {}, "password: "},
      {"Ada", "a@b.io", "12345678", {"books", ""}, "preferences.categories.values[1]: "},
      {"Ada", "a@b.io", "12345678", {std::string(51, 'c')}, "preferences.categories.values[0]: "},
      {"Ada", "a@b.io", "12345678", too_many, "preferences.categories.values: "},
  };
  for (const auto& c : cases) {
    pb::PreferencesPatch preferences;
    if (!c.categories.empty()) {
      for (const auto& category : c.categories) {
        preferences.mutable_categories()->add_values(category);
      }
    }
    pb::AuthResponse reply;
    const auto status = register_user(c.name, c.email, c.password, &reply, &preferences);
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT) << c.expected_prefix;
    EXPECT_EQ(status.error_message().rfind(c.expected_prefix, 0), 0u)
        << "'" << status.error_message() << "' should start with '" << c.expected_prefix << "'";
    EXPECT_TRUE(reply.token().empty());
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM users"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox"), 0);
}

TEST_F(UserRegisterLoginTest, ADuplicateEmailInAnyLetterCaseIsAlreadyExistsAndWritesNothing) {
  const auto first = registered("Ada", "ada@example.com");
  pb::AuthResponse reply;
  const auto status = register_user("Impostor", "  ADA@Example.com", "another-password", &reply);
  EXPECT_EQ(status.error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(status.error_message(), "email: already registered");
  EXPECT_EQ(scalar("SELECT count(*) FROM users"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox"), 1);

  // The original account is untouched: its password still signs in.
  pb::AuthResponse session;
  ASSERT_TRUE(login("ada@example.com", "password-of-Ada", &session).ok());
  EXPECT_EQ(session.user().id(), first.id());
  EXPECT_EQ(session.user().name(), "Ada");
}

TEST_F(UserRegisterLoginTest, LoginReturnsTheUserAndAFreshToken) {
  const auto user = registered("Ada", "ada@example.com");
  pb::AuthResponse reply;
  const auto status = login("  ADA@example.com ", "password-of-Ada", &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.user().id(), user.id());
  EXPECT_EQ(reply.user().email(), "ada@example.com");
  const auto claims = tokens_.verify(reply.token(), std::chrono::system_clock::now());
  ASSERT_TRUE(claims) << claims.error();
  EXPECT_EQ(claims->subject, user.id());
  EXPECT_EQ(reply.expires_at().seconds(), claims->expires_at);
}

TEST_F(UserRegisterLoginTest, AWrongPasswordAndAnUnknownEmailLookAndTakeAlike) {
  registered("Ada", "ada@example.com");
  const auto attempt = [&](const std::string& email, const std::string& password) {
    pb::AuthResponse reply;
    const auto start = std::chrono::steady_clock::now();
    const auto status = login(email, password, &reply);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(reply.token().empty());
    return std::make_pair(status, std::chrono::duration<double>(elapsed).count());
  };

  double wrong_fastest = 1e9;
  double unknown_fastest = 1e9;
  for (int i = 0; i < 3; ++i) {
    const auto [wrong, wrong_s] = attempt("ada@example.com", "not-her-password");
    const auto [unknown, unknown_s] = attempt("nobody@example.com", "not-her-password");
    EXPECT_EQ(wrong.error_code(), StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(unknown.error_code(), StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(wrong.error_message(), unknown.error_message());
    EXPECT_EQ(wrong.error_message(), "invalid email or password");
    wrong_fastest = std::min(wrong_fastest, wrong_s);
    unknown_fastest = std::min(unknown_fastest, unknown_s);
  }
  // Both pay one argon2id verification (~0.1 s); without the dummy one an unknown email would
  // answer in about a millisecond. Loose bounds keep a busy machine from failing this.
  EXPECT_GT(unknown_fastest, wrong_fastest / 3)
      << "unknown " << unknown_fastest << " s, wrong " << wrong_fastest << " s";
  EXPECT_LT(unknown_fastest, wrong_fastest * 3)
      << "unknown " << unknown_fastest << " s, wrong " << wrong_fastest << " s";
}

TEST_F(UserRegisterLoginTest, LoginRefusesMalformedInputNamingTheField) {
  pb::AuthResponse reply;
  auto status = login("", "whatever-password", &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "email: required");
  status = login("ada@example.com", "", &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "password: required");
  status = login("ada@example.com", std::string(257, 'p'), &reply);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("password: ", 0), 0u);
}

}  // namespace
}  // namespace ecn::user::testing
