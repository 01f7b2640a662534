#include "redis/redis_client.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <deque>
#include <functional>

#include "redis/redis_connection.hpp"

namespace ecn::gateway::redis {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

using Completion = std::function<void(RedisReply)>;

core::Error unavailable(std::string message) {
  return {core::ErrorCode::kUnavailable, std::move(message)};
}

}  // namespace

struct RedisClient::Impl : std::enable_shared_from_this<Impl> {
  struct Pending {
    Completion done;
    Clock::time_point deadline;
  };

  Strand strand;
  RedisOptions options;
  std::shared_ptr<RedisConnection> connection;
  std::deque<Pending> pending;
  asio::steady_timer watchdog{strand};
  std::atomic<bool> up{false};
  bool stopped = false;

  Impl(const asio::any_io_executor& executor, RedisOptions opts)
      : strand(asio::make_strand(executor)), options(std::move(opts)) {}

  void start() {
    std::weak_ptr<Impl> weak = shared_from_this();
    connection = std::make_shared<RedisConnection>(
        strand, options,
        RedisConnection::Callbacks{.on_connected =
                                       [weak] {
                                         if (auto self = weak.lock()) self->up = true;
                                       },
                                   .on_reply =
                                       [weak](RedisReply reply) {
                                         if (auto self = weak.lock())
                                           self->complete_front(std::move(reply));
                                       },
                                   .on_disconnected =
                                       [weak] {
                                         if (auto self = weak.lock()) {
                                           self->up = false;
                                           self->fail_all("redis: connection lost");
                                         }
                                       }});
    connection->start();
    asio::co_spawn(
        strand,
        [](std::shared_ptr<Impl> self) -> asio::awaitable<void> {
          co_await self->watch();
        }(shared_from_this()),
        asio::detached);
  }

  void stop() {
    asio::post(strand, [self = shared_from_this()] {
      if (self->stopped) return;
      self->stopped = true;
      self->up = false;
      if (self->connection) self->connection->stop();
      self->watchdog.cancel();
      self->fail_all("redis: client stopped");
    });
  }

  // On the strand.
  void submit(std::vector<std::string> args, Completion done) {
    if (stopped || !connection || !connection->connected()) {
      done(unavailable("redis: not connected"));
      return;
    }
    if (pending.size() >= options.max_in_flight) {
      done(unavailable("redis: too many commands in flight"));
      return;
    }
    if (!connection->send(args)) {
      done(unavailable("redis: not connected"));
      return;
    }
    pending.push_back({std::move(done), Clock::now() + options.command_timeout});
  }

  void complete_front(RedisReply reply) {
    if (pending.empty()) return;  // a reply to a command already failed by the watchdog
    auto done = std::move(pending.front().done);
    pending.pop_front();
    done(std::move(reply));
  }

  void fail_all(const std::string& why) {
    auto failed = std::move(pending);
    pending.clear();
    for (auto& entry : failed) entry.done(unavailable(why));
  }

  // Fails the oldest command when its reply is overdue and re-opens the connection: replies
  // arrive in order, so nothing after it could be matched any more.
  asio::awaitable<void> watch() {
    const auto tick = std::max(std::chrono::milliseconds(5), options.command_timeout / 4);
    while (!stopped) {
      watchdog.expires_after(tick);
      co_await watchdog.async_wait(asio::as_tuple(asio::use_awaitable));
      if (stopped || pending.empty() || pending.front().deadline > Clock::now()) continue;
      auto overdue = std::move(pending.front().done);
      pending.pop_front();
      overdue(core::Error{core::ErrorCode::kDeadlineExceeded, "redis: reply timed out"});
      up = false;
      connection->drop();
      fail_all("redis: connection reset after a timeout");
    }
  }
};

RedisClient::RedisClient(asio::any_io_executor executor, RedisOptions options)
    : impl_(std::make_shared<Impl>(executor, std::move(options))) {}

RedisClient::~RedisClient() {
  stop();
}

void RedisClient::start() {
  impl_->start();
}

void RedisClient::stop() {
  impl_->stop();
}

bool RedisClient::connected() const {
  return impl_->up.load();
}

asio::awaitable<RedisReply> RedisClient::command(std::vector<std::string> args) {
  auto impl = impl_;
  auto initiate = [impl, args = std::move(args)](auto handler) mutable {
    // The caller resumes on its own executor, never on the client's strand.
    auto executor = asio::get_associated_executor(handler, impl->strand);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    Completion done = [shared, executor](RedisReply reply) {
      asio::post(executor,
                 [shared, reply = std::move(reply)]() mutable { (*shared)(std::move(reply)); });
    };
    asio::post(impl->strand, [impl, args = std::move(args), done = std::move(done)]() mutable {
      impl->submit(std::move(args), std::move(done));
    });
  };
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(RedisReply)>(
      std::move(initiate), asio::use_awaitable);
}

}  // namespace ecn::gateway::redis
