#include "auth/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

namespace ecn::user::auth {
namespace {

// Made once with crypto_pwhash_str(OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE) from random
// bytes nobody kept; a unit test checks its limits still match the ones hash() uses.
constexpr std::string_view kDummyHash =
    "$argon2id$v=19$m=65536,t=2,p=1$5SGM5FdopubK+qzXbp81Wg$"
    "CNf1Kb8KKlpre/37/Bc8ZW1NnpdGsPAsGm6OSowOK68";

void ensure_sodium() {
  // sodium_init is idempotent and thread-safe.
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// Holds one of the hasher's slots for the length of a hash or a verification.
class SlotGuard {
 public:
  explicit SlotGuard(std::counting_semaphore<kMaxHashConcurrency>& slots) : slots_(slots) {
    slots_.acquire();
  }
  ~SlotGuard() { slots_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<kMaxHashConcurrency>& slots_;
};

bool verify_against(std::string_view stored_hash, std::string_view password) {
  // crypto_pwhash_str_verify wants a NUL-terminated hash.
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// Checked before the semaphore is built: a count beyond its maximum is undefined behaviour.
std::ptrdiff_t checked_concurrency(std::ptrdiff_t max_concurrent) {
  if (max_concurrent < 1 || max_concurrent > kMaxHashConcurrency) {
    throw std::invalid_argument("PasswordHasher: max_concurrent must be in 1..64");
  }
  return max_concurrent;
}

}  // namespace

PasswordHasher::PasswordHasher(std::ptrdiff_t max_concurrent)
    : slots_(checked_concurrency(max_concurrent)) {
  ensure_sodium();
}

std::string PasswordHasher::hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  SlotGuard slot(slots_);
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view stored_hash, std::string_view password) {
  SlotGuard slot(slots_);
  return verify_against(stored_hash, password);
}

bool PasswordHasher::verify_unknown(std::string_view password) {
  SlotGuard slot(slots_);
  (void)verify_against(kDummyHash, password);
  return false;
}

std::string_view PasswordHasher::dummy_hash() {
  return kDummyHash;
}

}  // namespace ecn::user::auth
