#pragma once

#include <chrono>

namespace ecn::rpc {

// How our gRPC channels and servers keep idle connections alive, one value for both sides so
// they agree: a client pings a connection every `ping_every`, with or without calls, and gives
// up on a peer that does not answer within `ping_timeout`; a server accepts pings as often as
// every `accept_pings_every`, with or without calls. gRPC's own server policy (no pings without
// calls, at most one every 5 minutes without data, GOAWAY "too_many_pings" after 2 strikes) sends
// away any client that keeps a connection alive at all.
struct Keepalive {
  std::chrono::milliseconds ping_every{30000};
  std::chrono::milliseconds ping_timeout{10000};
  std::chrono::milliseconds accept_pings_every{10000};
};
static_assert(Keepalive{}.accept_pings_every < Keepalive{}.ping_every,
              "servers must accept pings at least as often as clients send them");

}  // namespace ecn::rpc
