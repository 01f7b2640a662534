#include "ecn/core/host_port.hpp"

#include <gtest/gtest.h>

namespace ecn::core {
namespace {

TEST(HostPortTest, ParsesTheThreeForms) {
  EXPECT_EQ(parse_host_port("localhost:8080"), (HostPort{"localhost", 8080}));
  EXPECT_EQ(parse_host_port("10.0.0.1:0"), (HostPort{"10.0.0.1", 0}));
  EXPECT_EQ(parse_host_port("[::1]:50051"), (HostPort{"::1", 50051}));
  EXPECT_EQ(parse_host_port("[fe80::1%eth0]:1"), (HostPort{"fe80::1%eth0", 1}));
  EXPECT_EQ(parse_host_port(":9101"), (HostPort{"", 9101}));
  EXPECT_EQ(parse_host_port("host:65535"), (HostPort{"host", 65535}));
}

TEST(HostPortTest, RejectsMalformedAddresses) {
  for (const char* bad :
       {"", "localhost", "host:", "host:65536", "host:-1", "host:12a", ":", "::1:80", "[::1]",
        "[::1]80", "[]:80", "[host]:80", "bad host:80", "host:+80", "host:000080"}) {
    EXPECT_FALSE(parse_host_port(bad).has_value()) << bad;
  }
}

TEST(HostPortTest, PrintsBackTheConfiguredForm) {
  EXPECT_EQ((HostPort{"localhost", 80}).to_string(), "localhost:80");
  EXPECT_EQ((HostPort{"::1", 80}).to_string(), "[::1]:80");
  EXPECT_EQ((HostPort{"", 80}).to_string(), ":80");
}

}  // namespace
}  // namespace ecn::core
