#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecn::gateway::http {

// The networks whose connections may say who the client is (TRUSTED_PROXIES): the load
// balancers and ingress in front of the gateway. Empty trusts nobody.
class TrustedProxies {
 public:
  // "10.0.0.0/8, 192.168.1.7, fd00::/8" (a bare address is a /32 or /128). Throws
  // std::invalid_argument naming the entry that is not an address or network.
  static TrustedProxies parse(std::string_view list);

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool contains(const boost::asio::ip::address& address) const;

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

// The address a request is accounted to (rate limits, logs). The peer's own, unless the peer is
// a trusted proxy: then the X-Forwarded-For entries (all the header's fields, in order) are read
// from the right, skipping trusted proxies, and the first other address is the client. Entries
// left of it are the client's own claims and are ignored; an entry that is not an address ends
// the walk at the last trusted hop.
std::string client_address(const boost::asio::ip::address& peer,
                           std::span<const std::string_view> forwarded_for,
                           const TrustedProxies& trusted);

}  // namespace ecn::gateway::http
