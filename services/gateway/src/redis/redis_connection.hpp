#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "redis/redis_options.hpp"
#include "redis/redis_value.hpp"

struct redisReader;

namespace ecn::gateway::redis {

using Strand = boost::asio::strand<boost::asio::any_io_executor>;

// One TCP connection to Redis that stays open: RESP through hiredis' reader over an Asio socket,
// AUTH/SELECT on connect, reconnection with exponential backoff while Redis is away. The
// building block of RedisClient and RedisPubSub; not for direct use.
// Thread model: everything runs on `strand`; send(), drop() and connected() must be called on
// it, and the callbacks are called on it. start() and stop() may be called from anywhere.
class RedisConnection : public std::enable_shared_from_this<RedisConnection> {
 public:
  struct Callbacks {
    std::function<void()> on_connected;        // handshake done; send() works
    std::function<void(RedisReply)> on_reply;  // every reply and push, in order
    std::function<void()> on_disconnected;     // after a connection broke (not after stop)
  };

  RedisConnection(Strand strand, RedisOptions options, Callbacks callbacks);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  void start();
  // Closes the connection for good; no callback runs afterwards.
  void stop();

  // Queues one command; false (nothing sent) when not connected.
  bool send(std::span<const std::string> args);
  // Closes the current connection (e.g. a reply is overdue); the run loop reconnects.
  void drop();
  bool connected() const { return connected_; }
  const Strand& strand() const { return strand_; }

 private:
  struct ReaderDeleter {
    void operator()(redisReader* reader) const;
  };

  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> open();
  boost::asio::awaitable<bool> handshake();
  boost::asio::awaitable<RedisReply> read_one();
  boost::asio::awaitable<void> read_loop();
  boost::asio::awaitable<void> write_loop();
  // Takes every complete reply out of the reader; false on a protocol error.
  bool drain_reader(const std::function<void(RedisReply)>& sink);
  void close_socket();

  Strand strand_;
  RedisOptions options_;
  Callbacks callbacks_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;
  std::unique_ptr<redisReader, ReaderDeleter> reader_;
  std::string outbox_;
  bool writing_ = false;
  bool connected_ = false;
  bool stopping_ = false;
  bool reported_down_ = false;  // one warning per outage, not one per attempt
};

}  // namespace ecn::gateway::redis
