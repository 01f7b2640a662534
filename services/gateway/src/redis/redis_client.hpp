#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <vector>

#include "redis/redis_options.hpp"
#include "redis/redis_value.hpp"

namespace ecn::gateway::redis {

// The gateway's Redis command client: one pipelined connection shared by every caller,
// reconnected with backoff in the background. Failures are values (see RedisReply), never
// exceptions, and never slow: while Redis is away a command fails at once with UNAVAILABLE, and
// a reply slower than `command_timeout` fails with DEADLINE_EXCEEDED (the connection is then
// re-opened, since later replies could no longer be matched).
//
//   auto get = redis.command({"GET", key});  // GCC 12: name the awaitable (temporaries)
//   RedisReply reply = co_await std::move(get);
//   if (reply && reply->is_string()) use(reply->string);
//
// command() may be awaited from any executor; the coroutine resumes on its own executor.
// Thread-safe. start() before use; the destructor stops it.
class RedisClient {
 public:
  RedisClient(boost::asio::any_io_executor executor, RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Begins connecting (in the background; commands fail with UNAVAILABLE until connected).
  void start();
  // Closes the connection; commands in flight and later ones fail with UNAVAILABLE.
  void stop();

  // Sends one command, e.g. {"SET", key, value, "EX", "60"}, and awaits its reply.
  boost::asio::awaitable<RedisReply> command(std::vector<std::string> args);

  // Whether the connection is up right now (for /readyz).
  bool connected() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ecn::gateway::redis
