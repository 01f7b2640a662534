#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

namespace ecn::gateway::redis {

// The event loop of the gateway's Redis connections, on a thread of its own so Redis I/O never
// waits behind HTTP work (callers on any executor co_await the clients). Destroy it after the
// clients that use it: it stops and joins.
class RedisIoThread {
 public:
  RedisIoThread() : thread_([this] { context_.run(); }) {}
  ~RedisIoThread() {
    guard_.reset();
    context_.stop();
    thread_.join();
  }
  RedisIoThread(const RedisIoThread&) = delete;
  RedisIoThread& operator=(const RedisIoThread&) = delete;

  boost::asio::any_io_executor executor() { return context_.get_executor(); }

 private:
  boost::asio::io_context context_{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{
      context_.get_executor()};
  std::thread thread_;
};

}  // namespace ecn::gateway::redis
