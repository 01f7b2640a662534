#include "ecn/core/host_port.hpp"

#include <charconv>

namespace ecn::core {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

// An IPv6 address, optionally with a zone ("fe80::1%eth0") whose name is any interface name.
bool is_ipv6_address(std::string_view text) {
  const auto percent = text.find('%');
  const std::string_view address = text.substr(0, percent);
  if (address.find(':') == std::string_view::npos) return false;
  for (const char c : address) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != ':' && c != '.') return false;
  }
  if (percent == std::string_view::npos) return true;
  const std::string_view zone = text.substr(percent + 1);
  if (zone.empty()) return false;
  for (const char c : zone) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::string HostPort::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  std::string text = ipv6 ? "[" + host + "]" : host;
  text += ':';
  text += std::to_string(port);
  return text;
}

std::optional<HostPort> parse_host_port(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    if (!is_ipv6_address(host)) return std::nullopt;
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    // A second colon means an IPv6 address without the brackets that set its port apart.
    for (const char c : host) {
      if (!is_name_char(c)) return std::nullopt;
    }
  }
  const auto port_number = parse_port(port);
  if (!port_number) return std::nullopt;
  return HostPort{std::string(host), *port_number};
}

}  // namespace ecn::core
