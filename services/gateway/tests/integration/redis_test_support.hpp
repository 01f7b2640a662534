#pragma once

// Helpers for tests of the gateway's Redis client: an io_context on its own thread, running a
// coroutine to completion, and a private redis-server the test may kill and restart.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <thread>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"

namespace ecn::gateway::testing {

// An io_context run by one thread for the life of the object.
class IoThread {
 public:
  IoThread() : thread_([this] { context_.run(); }) {}
  ~IoThread() {
    guard_.reset();
    context_.stop();
    thread_.join();
  }
  boost::asio::any_io_executor executor() { return context_.get_executor(); }

  // Runs `awaitable` on this context and returns its value (rethrows its exception).
  template <class T>
  T run(boost::asio::awaitable<T> awaitable) {
    auto future = boost::asio::co_spawn(context_, std::move(awaitable), boost::asio::use_future);
    return future.get();
  }

 private:
  boost::asio::io_context context_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{
      context_.get_executor()};
  std::thread thread_;
};

// A port nothing listens on right now.
inline std::uint16_t free_port() {
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor acceptor(context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

inline bool port_open(std::uint16_t port) {
  boost::asio::io_context context;
  boost::asio::ip::tcp::socket socket(context);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}

// redis-server on a free port with no persistence, for tests that stop Redis without touching
// the shared test server.
class PrivateRedis {
 public:
  PrivateRedis() : port_(free_port()) { start(); }

  void start() {
    process_ = std::make_unique<ecn::testing::ChildProcess>(
        "/usr/bin/redis-server",
        std::vector<std::string>{"--port", std::to_string(port_), "--bind", "127.0.0.1", "--save",
                                 "", "--appendonly", "no"});
    ready_ =
        ecn::testing::wait_until([this] { return port_open(port_); }, std::chrono::seconds(10));
  }
  void kill() {
    process_->signal(SIGKILL);
    process_->wait_for_exit(std::chrono::seconds(5));
  }
  void freeze() { process_->signal(SIGSTOP); }
  void thaw() { process_->signal(SIGCONT); }

  bool ready() const { return ready_; }
  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  bool ready_ = false;
  std::unique_ptr<ecn::testing::ChildProcess> process_;
};

}  // namespace ecn::gateway::testing
