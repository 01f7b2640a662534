#include "auth/admin_key.hpp"

#include <sodium.h>

#include <stdexcept>

namespace ecn::gateway::auth {
namespace {

std::array<unsigned char, 32> digest(std::string_view text) {
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  return out;
}

}  // namespace

AdminKey::AdminKey(std::string_view secret) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  digest_ = digest(secret);
}

bool AdminKey::matches(std::string_view presented) const {
  if (presented.empty()) return false;
  const auto candidate = digest(presented);
  return sodium_memcmp(candidate.data(), digest_.data(), digest_.size()) == 0;
}

}  // namespace ecn::gateway::auth
