// argon2id password storage, and the dummy verification that makes unknown emails cost what
// wrong passwords cost.
#include "auth/password_hasher.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <time.h>

#include <algorithm>

namespace {

using ecn::user::auth::PasswordHasher;

TEST(UserPasswordHasher, HashesWithArgon2idInteractiveLimitsAndAFreshSalt) {
  PasswordHasher hasher(2);
  const auto first = hasher.hash("correct horse battery staple");
  const auto second = hasher.hash("correct horse battery staple");
  EXPECT_EQ(first.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << first;
  EXPECT_NE(first, second);  // salted
  EXPECT_EQ(first.find("correct horse"), std::string::npos);
  EXPECT_EQ(crypto_pwhash_str_needs_rehash(first.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                           crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0);
}

TEST(UserPasswordHasher, VerifiesOnlyTheRightPassword) {
  PasswordHasher hasher(2);
  const auto stored = hasher.hash("correct horse battery staple");
  EXPECT_TRUE(hasher.verify(stored, "correct horse battery staple"));
  EXPECT_FALSE(hasher.verify(stored, "correct horse battery stapl"));
  EXPECT_FALSE(hasher.verify(stored, "Correct horse battery staple"));
  EXPECT_FALSE(hasher.verify(stored, ""));
  EXPECT_FALSE(hasher.verify("not a hash", "correct horse battery staple"));
}

TEST(UserPasswordHasher, TheDummyHashHasTheLimitsOfRealHashes) {
  const std::string dummy(PasswordHasher::dummy_hash());
  EXPECT_EQ(crypto_pwhash_str_needs_rehash(dummy.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                           crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0)
      << "re-make the dummy hash with the limits hash() uses";
  PasswordHasher hasher(1);
  EXPECT_FALSE(hasher.verify_unknown("anything at all"));
}

// The thread's own CPU time, not the wall clock: other processes on a busy machine do not
// stretch it, so the comparison below holds under load.
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

TEST(UserPasswordHasher, AnUnknownAccountCostsWhatAWrongPasswordCosts) {
  PasswordHasher hasher(1);
  const auto stored = hasher.hash("correct horse battery staple");
  const auto cheapest = [](auto&& fn) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
      const double start = thread_cpu_seconds();
      fn();
      best = std::min(best, thread_cpu_seconds() - start);
    }
    return best;
  };
  const double wrong = cheapest([&] { (void)hasher.verify(stored, "wrong password"); });
  const double unknown = cheapest([&] { (void)hasher.verify_unknown("wrong password"); });
  // Without the dummy verification an unknown account would cost ~100x less.
  EXPECT_GT(unknown, wrong / 3) << "unknown " << unknown << " s, wrong " << wrong << " s";
  EXPECT_LT(unknown, wrong * 3) << "unknown " << unknown << " s, wrong " << wrong << " s";
}

TEST(UserPasswordHasher, RefusesAConcurrencyOutOfRange) {
  EXPECT_THROW(PasswordHasher(0), std::invalid_argument);
  EXPECT_THROW(PasswordHasher(65), std::invalid_argument);
}

}  // namespace
