#pragma once

#include <cstddef>
#include <semaphore>
#include <string>
#include <string_view>

namespace ecn::user::auth {

// The most hashes one process may compute at once; each holds 64 MiB while it runs.
inline constexpr std::ptrdiff_t kMaxHashConcurrency = 64;

// Password storage with argon2id (libsodium's crypto_pwhash_str, "interactive" limits: 2
// passes over 64 MiB, about 0.1 s of one core here). The work is memory-hard on purpose, so
// concurrent hashes are bounded: a burst of registrations queues instead of exhausting memory.
// Thread-safe.
class PasswordHasher {
 public:
  // `max_concurrent` in 1..kMaxHashConcurrency.
  explicit PasswordHasher(std::ptrdiff_t max_concurrent);

  // A self-describing string ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") with a fresh random
  // salt. Throws std::runtime_error when the memory cannot be had.
  std::string hash(std::string_view password);

  // True when `password` is the one `stored_hash` was made from.
  bool verify(std::string_view stored_hash, std::string_view password);

  // Verifies against a fixed hash of an unknown password with the same limits and returns
  // false: what a sign-in for an unknown email does, so it costs what a wrong password costs
  // and response times do not tell which emails have accounts.
  bool verify_unknown(std::string_view password);

  // The fixed hash verify_unknown() uses (for tests of its limits).
  static std::string_view dummy_hash();

 private:
  std::counting_semaphore<kMaxHashConcurrency> slots_;
};

}  // namespace ecn::user::auth
