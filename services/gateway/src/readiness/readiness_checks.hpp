#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>

#include "ecn/ops/ops_server.hpp"
#include "upstream/upstreams.hpp"

namespace ecn::gateway::redis {
class RedisClient;
}

namespace ecn::gateway::readiness {

// Registers the gateway's /readyz checks: each upstream's gRPC health service (SERVING within
// `timeout`) and, when `redis` is not null, a Redis PING through the command client. The
// gateway answers with partial data when an upstream is down, but a load balancer should still
// prefer a replica that can reach everything. Everything referenced must outlive `ops`.
void add_readiness_checks(ops::OpsServer& ops, const upstream::Upstreams& upstreams,
                          redis::RedisClient* redis, boost::asio::any_io_executor redis_executor,
                          std::chrono::milliseconds timeout);

}  // namespace ecn::gateway::readiness
