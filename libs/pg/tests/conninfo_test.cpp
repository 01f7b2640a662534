#include "conninfo.hpp"

#include <gtest/gtest.h>

namespace ecn::pg {
namespace {

using std::chrono::milliseconds;

TEST(WithConnectTimeout, AddsWholeSecondsRoundedUpToAUrl) {
  EXPECT_EQ(with_connect_timeout("postgresql://u@h:5432/db", milliseconds(3000)),
            "postgresql://u@h:5432/db?connect_timeout=3");
  EXPECT_EQ(with_connect_timeout("postgres://h/db?sslmode=disable", milliseconds(2500)),
            "postgres://h/db?sslmode=disable&connect_timeout=3");
  EXPECT_EQ(with_connect_timeout("postgresql://h/db?", milliseconds(1)),
            "postgresql://h/db?connect_timeout=1");
}

TEST(WithConnectTimeout, AddsAKeyToAKeyValueString) {
  EXPECT_EQ(with_connect_timeout("host=h dbname=db", milliseconds(4000)),
            "host=h dbname=db connect_timeout=4");
  EXPECT_EQ(with_connect_timeout("", milliseconds(4000)), "connect_timeout=4");
}

TEST(WithConnectTimeout, KeepsTheUrlsOwnTimeoutAndZeroMeansNone) {
  EXPECT_EQ(with_connect_timeout("postgresql://h/db?connect_timeout=9", milliseconds(3000)),
            "postgresql://h/db?connect_timeout=9");
  EXPECT_EQ(with_connect_timeout("postgresql://h/db", milliseconds(0)), "postgresql://h/db");
}

}  // namespace
}  // namespace ecn::pg
