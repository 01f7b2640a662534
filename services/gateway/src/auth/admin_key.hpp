#pragma once

#include <array>
#include <string_view>

namespace ecn::gateway::auth {

// The admin secret (ADMIN_SECRET_KEY), kept only as a hash and compared in constant time, so
// neither the comparison's timing nor the presented key's length tells a caller anything.
class AdminKey {
 public:
  explicit AdminKey(std::string_view secret);
  bool matches(std::string_view presented) const;

 private:
  std::array<unsigned char, 32> digest_{};
};

}  // namespace ecn::gateway::auth
