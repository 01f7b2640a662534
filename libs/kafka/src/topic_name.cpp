#include <algorithm>

#include "ecn/kafka/admin.hpp"

namespace ecn::kafka {

std::optional<std::string> topic_name_problem(std::string_view name) {
  constexpr std::size_t kMaxLength = 200;
  if (name.empty()) return "empty; a topic needs a name";
  if (name == "." || name == "..") return "\".\" and \"..\" are not topic names";
  if (name.size() > kMaxLength) {
    return std::to_string(name.size()) + " characters; at most " + std::to_string(kMaxLength);
  }
  const auto bad = std::find_if(name.begin(), name.end(), [](char c) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '_' || c == '-');
  });
  if (bad != name.end()) {
    return "\"" + std::string(name) + "\" has '" + std::string(1, *bad) +
           "'; topic names use letters, digits, '.', '_' and '-'";
  }
  return std::nullopt;
}

}  // namespace ecn::kafka
