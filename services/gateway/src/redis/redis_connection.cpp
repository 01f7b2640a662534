#include "redis/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <vector>

namespace ecn::gateway::redis {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

struct ReplyDeleter {
  void operator()(void* reply) const { freeReplyObject(reply); }
};

RedisValue to_value(const redisReply& reply) {
  RedisValue value;
  switch (reply.type) {
    case REDIS_REPLY_NIL:
      break;
    case REDIS_REPLY_INTEGER:
      value.kind = RedisValue::Kind::kInteger;
      value.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      value.kind = RedisValue::Kind::kArray;
      value.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) {
        value.elements.push_back(to_value(*reply.element[i]));
      }
      break;
    default:  // bulk and status strings, errors nested in arrays (EXEC): their text
      value.kind = RedisValue::Kind::kString;
      if (reply.str != nullptr) value.string.assign(reply.str, reply.len);
      break;
  }
  return value;
}

RedisReply to_reply(const redisReply& reply) {
  if (reply.type == REDIS_REPLY_ERROR) {
    return core::Error{core::ErrorCode::kFailedPrecondition,
                       "redis: " + std::string(reply.str, reply.len)};
  }
  return to_value(reply);
}

// RESP encoding of one command.
std::string format_command(std::span<const std::string> args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  char* target = nullptr;
  const long long length =
      redisFormatCommandArgv(&target, static_cast<int>(argv.size()), argv.data(), lengths.data());
  if (length < 0 || target == nullptr) throw std::bad_alloc();
  std::string out(target, static_cast<std::size_t>(length));
  redisFreeCommand(target);
  return out;
}

}  // namespace

void RedisConnection::ReaderDeleter::operator()(redisReader* reader) const {
  redisReaderFree(reader);
}

RedisConnection::RedisConnection(Strand strand, RedisOptions options, Callbacks callbacks)
    : strand_(std::move(strand)),
      options_(std::move(options)),
      callbacks_(std::move(callbacks)),
      socket_(strand_),
      timer_(strand_) {}

RedisConnection::~RedisConnection() = default;

void RedisConnection::start() {
  asio::co_spawn(
      strand_,
      [](std::shared_ptr<RedisConnection> self) -> asio::awaitable<void> {
        co_await self->run();
      }(shared_from_this()),
      asio::detached);
}

void RedisConnection::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    self->connected_ = false;
    self->callbacks_ = {};
    self->close_socket();
    self->timer_.cancel();
  });
}

bool RedisConnection::send(std::span<const std::string> args) {
  if (!connected_) return false;
  outbox_ += format_command(args);
  if (!writing_) {
    writing_ = true;
    asio::co_spawn(
        strand_,
        [](std::shared_ptr<RedisConnection> self) -> asio::awaitable<void> {
          co_await self->write_loop();
        }(shared_from_this()),
        asio::detached);
  }
  return true;
}

void RedisConnection::drop() {
  connected_ = false;
  close_socket();
}

void RedisConnection::close_socket() {
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

asio::awaitable<void> RedisConnection::write_loop() {
  while (!outbox_.empty() && socket_.is_open()) {
    std::string chunk;
    chunk.swap(outbox_);
    auto [ec, written] = co_await asio::async_write(socket_, asio::buffer(chunk), kNoThrow);
    if (ec) {
      drop();
      break;
    }
  }
  outbox_.clear();
  writing_ = false;
}

asio::awaitable<void> RedisConnection::run() {
  auto backoff = options_.reconnect_min;
  while (!stopping_) {
    if (co_await open()) {
      if (reported_down_) spdlog::info("redis: reconnected to {}:{}", options_.host, options_.port);
      reported_down_ = false;
      backoff = options_.reconnect_min;
      connected_ = true;
      if (callbacks_.on_connected) callbacks_.on_connected();
      co_await read_loop();
      connected_ = false;
      close_socket();
      if (stopping_) break;
      spdlog::warn("redis: connection to {}:{} lost", options_.host, options_.port);
      reported_down_ = true;
      if (callbacks_.on_disconnected) callbacks_.on_disconnected();
    } else if (!reported_down_ && !stopping_) {
      spdlog::warn("redis: cannot connect to {}:{}; retrying with backoff", options_.host,
                   options_.port);
      reported_down_ = true;
    }
    if (stopping_) break;
    timer_.expires_after(backoff);
    co_await timer_.async_wait(kNoThrow);
    backoff = std::min(backoff * 2, options_.reconnect_max);
  }
}

asio::awaitable<bool> RedisConnection::open() {
  close_socket();
  reader_.reset(redisReaderCreate());
  outbox_.clear();
  if (!reader_) co_return false;
  asio::steady_timer deadline(strand_);
  deadline.expires_after(options_.connect_timeout);
  auto connect = [this]() -> asio::awaitable<bool> {
    tcp::resolver resolver(strand_);
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(options_.host, std::to_string(options_.port), kNoThrow);
    if (resolve_ec) co_return false;
    auto [connect_ec, endpoint] = co_await asio::async_connect(socket_, endpoints, kNoThrow);
    if (connect_ec) co_return false;
    socket_.set_option(tcp::no_delay(true));
    co_return co_await handshake();
  };
  auto attempt = connect();
  auto outcome = co_await (std::move(attempt) || deadline.async_wait(asio::use_awaitable));
  const auto* opened = std::get_if<0>(&outcome);
  if (opened == nullptr || !*opened) {
    close_socket();
    co_return false;
  }
  co_return true;
}

asio::awaitable<bool> RedisConnection::handshake() {
  std::vector<std::vector<std::string>> commands;
  if (!options_.password.empty()) {
    if (options_.username.empty()) {
      commands.push_back({"AUTH", options_.password});
    } else {
      commands.push_back({"AUTH", options_.username, options_.password});
    }
  }
  if (options_.database != 0) commands.push_back({"SELECT", std::to_string(options_.database)});
  for (const auto& command : commands) {
    const auto bytes = format_command(command);
    auto [ec, written] = co_await asio::async_write(socket_, asio::buffer(bytes), kNoThrow);
    if (ec) co_return false;
    const auto reply = co_await read_one();
    if (!reply) {
      // The error text of AUTH never holds the password; it says what is wrong.
      spdlog::error("redis: {} refused: {}", command.front(), reply.error().message);
      co_return false;
    }
  }
  co_return true;
}

asio::awaitable<RedisReply> RedisConnection::read_one() {
  std::array<char, 4096> buffer{};
  for (;;) {
    void* raw = nullptr;
    if (redisReaderGetReply(reader_.get(), &raw) != REDIS_OK) break;
    if (raw != nullptr) {
      const std::unique_ptr<void, ReplyDeleter> owned(raw);
      co_return to_reply(*static_cast<redisReply*>(raw));
    }
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer), kNoThrow);
    if (ec) break;
    if (redisReaderFeed(reader_.get(), buffer.data(), n) != REDIS_OK) break;
  }
  co_return core::Error{core::ErrorCode::kUnavailable, "redis: connection lost"};
}

bool RedisConnection::drain_reader(const std::function<void(RedisReply)>& sink) {
  for (;;) {
    void* raw = nullptr;
    if (redisReaderGetReply(reader_.get(), &raw) != REDIS_OK) {
      spdlog::error("redis: protocol error: {}", reader_->errstr);
      return false;
    }
    if (raw == nullptr) return true;
    const std::unique_ptr<void, ReplyDeleter> owned(raw);
    if (sink) sink(to_reply(*static_cast<redisReply*>(raw)));
  }
}

asio::awaitable<void> RedisConnection::read_loop() {
  std::array<char, 16384> buffer{};
  while (connected_) {
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer), kNoThrow);
    if (ec) co_return;
    if (redisReaderFeed(reader_.get(), buffer.data(), n) != REDIS_OK) co_return;
    if (!drain_reader(callbacks_.on_reply)) co_return;
  }
}

}  // namespace ecn::gateway::redis
