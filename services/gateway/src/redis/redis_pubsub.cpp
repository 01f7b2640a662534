#include "redis/redis_pubsub.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "redis/redis_connection.hpp"

namespace ecn::gateway::redis {

namespace asio = boost::asio;

namespace {

using SubscribeCompletion = std::function<void(core::Result<PubSubHandle>)>;
// SUBSCRIBE with this many channels at most per command when re-subscribing after a reconnect.
constexpr std::size_t kResubscribeBatch = 1000;

}  // namespace

struct PubSubHandle::Owner : std::enable_shared_from_this<PubSubHandle::Owner> {
  struct Waiter {
    std::uint64_t id;
    SubscribeCompletion done;
  };
  struct Channel {
    std::map<std::uint64_t, PubSubListener> listeners;
    std::vector<Waiter> waiters;  // listeners whose subscribe() awaits Redis' confirmation
    bool confirmed = false;
    bool resubscribing = false;  // re-sent after a reconnect: tell the listeners once confirmed
  };

  Strand strand;
  RedisOptions options;
  std::shared_ptr<RedisConnection> connection;
  std::unordered_map<std::string, Channel> channels;
  std::uint64_t next_id = 1;
  std::atomic<std::size_t> channel_total{0};
  std::atomic<bool> up{false};
  bool stopped = false;

  Owner(const asio::any_io_executor& executor, RedisOptions opts)
      : strand(asio::make_strand(executor)), options(std::move(opts)) {}

  void start() {
    std::weak_ptr<Owner> weak = shared_from_this();
    connection = std::make_shared<RedisConnection>(
        strand, options,
        RedisConnection::Callbacks{.on_connected =
                                       [weak] {
                                         if (auto self = weak.lock()) self->on_connected();
                                       },
                                   .on_reply =
                                       [weak](RedisReply reply) {
                                         if (auto self = weak.lock()) self->on_reply(reply);
                                       },
                                   .on_disconnected =
                                       [weak] {
                                         if (auto self = weak.lock()) self->on_disconnected();
                                       }});
    connection->start();
  }

  void stop() {
    asio::post(strand, [self = shared_from_this()] {
      if (self->stopped) return;
      self->stopped = true;
      self->up = false;
      if (self->connection) self->connection->stop();
      self->fail_waiters();
    });
  }

  void add(std::string channel, PubSubListener listener, SubscribeCompletion done) {
    if (stopped || !connection || !connection->connected()) {
      done(core::Error{core::ErrorCode::kUnavailable, "redis: pub/sub not connected"});
      return;
    }
    const auto id = next_id++;
    auto [it, created] = channels.try_emplace(channel);
    it->second.listeners.emplace(id, std::move(listener));
    if (created) {
      channel_total = channels.size();
      const std::string command[] = {"SUBSCRIBE", channel};
      connection->send(command);
    }
    if (it->second.confirmed) {
      done(PubSubHandle(weak_from_this(), std::move(channel), id));
    } else {
      it->second.waiters.push_back({id, std::move(done)});
    }
  }

  void remove(const std::string& channel, std::uint64_t id) {
    const auto it = channels.find(channel);
    if (it == channels.end()) return;
    it->second.listeners.erase(id);
    if (!it->second.listeners.empty() || !it->second.waiters.empty()) return;
    channels.erase(it);
    channel_total = channels.size();
    if (connection && connection->connected()) {
      const std::string command[] = {"UNSUBSCRIBE", channel};
      connection->send(command);
    }
  }

  void on_connected() {
    up = true;
    std::vector<std::string> command{"SUBSCRIBE"};
    const auto flush = [&] {
      if (command.size() > 1) connection->send(command);
      command.resize(1);
    };
    for (auto& [name, channel] : channels) {
      channel.resubscribing = true;
      command.push_back(name);
      if (command.size() > kResubscribeBatch) flush();
    }
    flush();
  }

  void on_disconnected() {
    up = false;
    fail_waiters();
    for (auto& [name, channel] : channels) channel.confirmed = false;
  }

  // Fails every subscribe() still awaiting confirmation and drops its listener.
  void fail_waiters() {
    std::vector<SubscribeCompletion> failed;
    for (auto it = channels.begin(); it != channels.end();) {
      for (auto& waiter : it->second.waiters) {
        it->second.listeners.erase(waiter.id);
        failed.push_back(std::move(waiter.done));
      }
      it->second.waiters.clear();
      it = it->second.listeners.empty() ? channels.erase(it) : std::next(it);
    }
    channel_total = channels.size();
    for (auto& done : failed) {
      done(core::Error{core::ErrorCode::kUnavailable, "redis: pub/sub connection lost"});
    }
  }

  void on_reply(const RedisReply& reply) {
    if (!reply) {
      spdlog::warn("redis pub/sub: {}", reply.error().message);
      return;
    }
    const auto& elements = reply->elements;
    if (!reply->is_array() || elements.size() < 3 || !elements[0].is_string()) return;
    const auto& kind = elements[0].string;
    const auto it = channels.find(elements[1].string);
    if (it == channels.end()) return;  // unsubscribed meanwhile
    auto& channel = it->second;
    if (kind == "message") {
      for (const auto& [id, listener] : channel.listeners) {
        if (listener.on_message) listener.on_message(elements[2].string);
      }
    } else if (kind == "subscribe" && !channel.confirmed) {
      channel.confirmed = true;
      auto waiters = std::move(channel.waiters);
      channel.waiters.clear();
      if (channel.resubscribing) {
        channel.resubscribing = false;
        for (const auto& [id, listener] : channel.listeners) {
          if (listener.on_resubscribed) listener.on_resubscribed();
        }
      }
      for (auto& waiter : waiters) {
        waiter.done(PubSubHandle(weak_from_this(), it->first, waiter.id));
      }
    }
  }
};

PubSubHandle::PubSubHandle(std::weak_ptr<Owner> owner, std::string channel, std::uint64_t id)
    : owner_(std::move(owner)), channel_(std::move(channel)), id_(id) {}

PubSubHandle::~PubSubHandle() {
  reset();
}

PubSubHandle::PubSubHandle(PubSubHandle&& other) noexcept
    : owner_(std::move(other.owner_)),
      channel_(std::move(other.channel_)),
      id_(std::exchange(other.id_, 0)) {}

PubSubHandle& PubSubHandle::operator=(PubSubHandle&& other) noexcept {
  if (this != &other) {
    reset();
    owner_ = std::move(other.owner_);
    channel_ = std::move(other.channel_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void PubSubHandle::reset() {
  if (id_ == 0) return;
  if (auto owner = owner_.lock()) {
    asio::post(owner->strand,
               [owner, channel = std::move(channel_), id = id_] { owner->remove(channel, id); });
  }
  id_ = 0;
  owner_.reset();
}

RedisPubSub::RedisPubSub(asio::any_io_executor executor, RedisOptions options)
    : impl_(std::make_shared<PubSubHandle::Owner>(executor, std::move(options))) {}

RedisPubSub::~RedisPubSub() {
  stop();
}

void RedisPubSub::start() {
  impl_->start();
}

void RedisPubSub::stop() {
  impl_->stop();
}

std::size_t RedisPubSub::channel_count() const {
  return impl_->channel_total.load();
}

bool RedisPubSub::connected() const {
  return impl_->up.load();
}

asio::awaitable<core::Result<PubSubHandle>> RedisPubSub::subscribe(std::string channel,
                                                                   PubSubListener listener) {
  auto impl = impl_;
  auto initiate = [impl, channel = std::move(channel),
                   listener = std::move(listener)](auto handler) mutable {
    auto executor = asio::get_associated_executor(handler, impl->strand);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    SubscribeCompletion done = [shared, executor](core::Result<PubSubHandle> result) {
      asio::post(executor,
                 [shared, result = std::move(result)]() mutable { (*shared)(std::move(result)); });
    };
    asio::post(impl->strand, [impl, channel = std::move(channel), listener = std::move(listener),
                              done = std::move(done)]() mutable {
      impl->add(std::move(channel), std::move(listener), std::move(done));
    });
  };
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable),
                                          void(core::Result<PubSubHandle>)>(std::move(initiate),
                                                                            asio::use_awaitable);
}

}  // namespace ecn::gateway::redis
