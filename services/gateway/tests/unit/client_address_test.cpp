#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string_view>
#include <vector>

namespace ecn::gateway::http {
namespace {

namespace ip = boost::asio::ip;

std::string client(std::string_view peer, std::vector<std::string_view> forwarded_for,
                   std::string_view trusted) {
  return client_address(ip::make_address(peer), forwarded_for, TrustedProxies::parse(trusted));
}

TEST(ClientAddressTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client("10.0.0.2", {"203.0.113.7"}, ""), "10.0.0.2");
}

TEST(ClientAddressTest, AnUntrustedPeerCannotNameAnotherClient) {
  EXPECT_EQ(client("198.51.100.9", {"203.0.113.7"}, "10.0.0.0/8"), "198.51.100.9");
}

TEST(ClientAddressTest, ATrustedProxyNamesTheClient) {
  EXPECT_EQ(client("10.0.0.2", {"203.0.113.7"}, "10.0.0.0/8"), "203.0.113.7");
  EXPECT_EQ(client("10.0.0.2", {}, "10.0.0.0/8"), "10.0.0.2");  // no header: the proxy itself
}

TEST(ClientAddressTest, WhatTheClientPrependsIsIgnored) {
  // The client sent "X-Forwarded-For: 1.1.1.1"; two proxies of ours appended to it.
  EXPECT_EQ(client("10.0.0.3", {"1.1.1.1, 203.0.113.7, 10.0.0.2"}, "10.0.0.0/8"), "203.0.113.7");
}

TEST(ClientAddressTest, SeveralHeaderFieldsReadAsOneListInOrder) {
  EXPECT_EQ(client("10.0.0.3", {"1.1.1.1", "203.0.113.7 ,10.0.0.2"}, "10.0.0.0/8"), "203.0.113.7");
}

TEST(ClientAddressTest, OnlyTrustedHopsGivesTheFirstOfThem) {
  EXPECT_EQ(client("10.0.0.3", {"10.0.0.1, 10.0.0.2"}, "10.0.0.0/8"), "10.0.0.1");
}

TEST(ClientAddressTest, AnEntryThatIsNotAnAddressStopsAtTheLastTrustedHop) {
  EXPECT_EQ(client("10.0.0.3", {"203.0.113.7, unknown"}, "10.0.0.0/8"), "10.0.0.3");
  EXPECT_EQ(client("10.0.0.3", {"203.0.113.7, unknown, 10.0.0.2"}, "10.0.0.0/8"), "10.0.0.2");
}

TEST(ClientAddressTest, IPv6AndIPv4MappedPeers) {
  EXPECT_EQ(client("::ffff:10.0.0.2", {"203.0.113.7"}, "10.0.0.0/8"), "203.0.113.7");
  EXPECT_EQ(client("::ffff:198.51.100.9", {"203.0.113.7"}, "10.0.0.0/8"), "198.51.100.9");
  EXPECT_EQ(client("fd00::5", {"2001:db8::7"}, "fd00::/8"), "2001:db8::7");
  EXPECT_EQ(client("fe80::1", {"2001:db8::7"}, "fd00::/8"), "fe80::1");
}

TEST(TrustedProxiesTest, ParsesAddressesAndNetworks) {
  const auto trusted = TrustedProxies::parse(" 192.168.1.7 ,, 172.16.0.1/12, ::1 ");
  EXPECT_FALSE(trusted.empty());
  EXPECT_TRUE(trusted.contains(ip::make_address("192.168.1.7")));
  EXPECT_FALSE(trusted.contains(ip::make_address("192.168.1.8")));
  EXPECT_TRUE(trusted.contains(ip::make_address("172.31.255.255")));  // host bits are dropped
  EXPECT_FALSE(trusted.contains(ip::make_address("172.32.0.1")));
  EXPECT_TRUE(trusted.contains(ip::make_address("::1")));
  EXPECT_TRUE(TrustedProxies::parse("").empty());
}

TEST(TrustedProxiesTest, RefusesWhatIsNotAnAddressOrNetworkNamingIt) {
  for (const auto* bad :
       {"banana", "10.0.0.0/33", "10.0.0/8", "fd00::/129", "10.0.0.1, 300.1.1.1"}) {
    try {
      TrustedProxies::parse(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find('"'), std::string::npos) << error.what();
    }
  }
}

}  // namespace
}  // namespace ecn::gateway::http
