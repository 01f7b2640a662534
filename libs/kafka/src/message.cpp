#include "ecn/kafka/message.hpp"

namespace ecn::kafka {

std::optional<std::string_view> last_header(const Headers& headers, std::string_view name) {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (it->first == name) return std::string_view(it->second);
  }
  return std::nullopt;
}

}  // namespace ecn::kafka
