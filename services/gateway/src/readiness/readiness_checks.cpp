#include "readiness/readiness_checks.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "readiness/grpc_health.hpp"
#include "redis/redis_client.hpp"

namespace ecn::gateway::readiness {

void add_readiness_checks(ops::OpsServer& ops, const upstream::Upstreams& upstreams,
                          redis::RedisClient* redis, boost::asio::any_io_executor redis_executor,
                          std::chrono::milliseconds timeout) {
  for (const auto& [name, channel] : upstreams.channels) {
    ops.add_readiness_check(name, [channel, timeout] { return grpc_serving(channel, timeout); });
  }
  if (redis == nullptr) return;
  ops.add_readiness_check("redis", [redis, redis_executor] {
    // The client bounds every command by its command timeout, so the future always completes.
    auto done = boost::asio::co_spawn(
        redis_executor,
        [redis]() -> boost::asio::awaitable<bool> {
          auto pending = redis->command({"PING"});
          const auto reply = co_await std::move(pending);
          co_return reply && reply->is_string() && reply->string == "PONG";
        },
        boost::asio::use_future);
    return done.get();
  });
}

}  // namespace ecn::gateway::readiness
