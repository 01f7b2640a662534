#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecn::core {

// A listen or connect address as configured: `host:port`, `[::1]:port` or `:port`.
struct HostPort {
  // A host name, an IPv4 address, or an IPv6 address without brackets; "" means every
  // interface (from the `:port` form).
  std::string host;
  std::uint16_t port = 0;

  // Back to the configured form: brackets around IPv6 addresses, ":port" for an empty host.
  std::string to_string() const;

  friend bool operator==(const HostPort&, const HostPort&) = default;
};

// Parses the three forms above; port 0 (let the system choose) is allowed. nullopt when the
// port is missing or out of range, the host has characters no host name or address has, or an
// IPv6 address lacks its brackets.
std::optional<HostPort> parse_host_port(std::string_view text);

}  // namespace ecn::core
