#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::gateway::redis {

// Where Redis is and how hard to try: one value for the command client and the pub/sub
// connection alike.
struct RedisOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  std::string username;  // AUTH <username> <password> when both are set
  std::string password;  // AUTH <password> when only this is set
  int database = 0;      // SELECT when not 0 (pub/sub ignores databases)
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds command_timeout{500};  // a slower reply fails with DEADLINE_EXCEEDED
  std::chrono::milliseconds reconnect_min{100};    // backoff doubles from this ...
  std::chrono::milliseconds reconnect_max{5000};   // ... up to this, between connection attempts
  std::size_t max_in_flight = 10000;  // commands awaiting replies; beyond it, UNAVAILABLE
};

// Fills host, port, credentials and database from `redis://[[user]:password@]host[:port][/db]`
// (other fields keep their values). INVALID_ARGUMENT naming the problem otherwise; the
// message never repeats the password.
core::Result<RedisOptions> parse_redis_url(std::string_view url, RedisOptions base = {});

}  // namespace ecn::gateway::redis
