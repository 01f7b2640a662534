#include "http/client_address.hpp"

#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <optional>
#include <stdexcept>

namespace ecn::gateway::http {
namespace {

namespace ip = boost::asio::ip;

// An IPv4 client reaching a dual-stack socket shows up as ::ffff:a.b.c.d.
ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code error;
  auto address = ip::make_address(text, error);
  if (error) return std::nullopt;
  return unmapped(address);
}

// The comma-separated items of a list header or setting, trimmed.
std::vector<std::string> entries(std::string_view list) {
  std::vector<std::string> out;
  boost::algorithm::split(out, list, [](char c) { return c == ','; });
  for (auto& entry : out) boost::algorithm::trim(entry);
  return out;
}

}  // namespace

TrustedProxies TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  for (const auto& text : entries(list)) {
    if (text.empty()) continue;
    boost::system::error_code error;
    if (text.find('/') == std::string::npos) {
      const auto address = parse_address(text);
      if (!address) throw std::invalid_argument("\"" + text + "\" is not an IP address or network");
      if (address->is_v4()) {
        out.v4_.emplace_back(address->to_v4(), 32);
      } else {
        out.v6_.emplace_back(address->to_v6(), 128);
      }
    } else if (auto v4 = ip::make_network_v4(text, error); !error) {
      out.v4_.push_back(v4.canonical());
    } else if (auto v6 = ip::make_network_v6(text, error); !error) {
      out.v6_.push_back(v6.canonical());
    } else {
      throw std::invalid_argument("\"" + text + "\" is not an IP network (like 10.0.0.0/8)");
    }
  }
  return out;
}

bool TrustedProxies::contains(const ip::address& address) const {
  const auto plain = unmapped(address);
  if (plain.is_v4()) {
    for (const auto& network : v4_) {
      if (ip::network_v4(plain.to_v4(), network.prefix_length()).canonical() == network) {
        return true;
      }
    }
  } else {
    for (const auto& network : v6_) {
      if (ip::network_v6(plain.to_v6(), network.prefix_length()).canonical() == network) {
        return true;
      }
    }
  }
  return false;
}

std::string client_address(const ip::address& peer, std::span<const std::string_view> forwarded_for,
                           const TrustedProxies& trusted) {
  auto client = unmapped(peer);
  if (trusted.empty() || !trusted.contains(client)) return client.to_string();
  std::vector<std::string> hops;
  for (const auto value : forwarded_for) {
    for (auto& entry : entries(value)) hops.push_back(std::move(entry));
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    const auto address = parse_address(*hop);
    if (!address) break;
    client = *address;
    if (!trusted.contains(client)) break;
  }
  return client.to_string();
}

}  // namespace ecn::gateway::http
