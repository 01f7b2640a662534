#include "conninfo.hpp"

namespace ecn::pg {

std::string with_connect_timeout(std::string_view url, std::chrono::milliseconds timeout) {
  std::string result(url);
  if (timeout.count() <= 0 || url.find("connect_timeout") != std::string_view::npos) return result;
  const auto seconds = (timeout.count() + 999) / 1000;
  const std::string setting = "connect_timeout=" + std::to_string(seconds);
  const bool is_uri = url.starts_with("postgresql://") || url.starts_with("postgres://");
  if (is_uri) {
    if (url.find('?') == std::string_view::npos) {
      result += '?';
    } else if (!url.ends_with('?') && !url.ends_with('&')) {
      result += '&';
    }
  } else if (!result.empty()) {
    result += ' ';
  }
  return result + setting;
}

}  // namespace ecn::pg
