// The gateway's Redis client and pub/sub connection against real Redis: the shared test server
// for commands and pub/sub, a private redis-server for outages (killed, frozen, restarted).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>
#include <vector>

#include "ecn/testing/environment.hpp"
#include "redis/redis_client.hpp"
#include "redis/redis_pubsub.hpp"
#include "redis_test_support.hpp"

namespace {

namespace asio = boost::asio;
using ecn::core::ErrorCode;
using ecn::gateway::redis::PubSubHandle;
using ecn::gateway::redis::PubSubListener;
using ecn::gateway::redis::RedisClient;
using ecn::gateway::redis::RedisOptions;
using ecn::gateway::redis::RedisPubSub;
using ecn::gateway::redis::RedisReply;
using ecn::gateway::testing::IoThread;
using ecn::gateway::testing::PrivateRedis;
using ecn::testing::wait_until;
using namespace std::chrono_literals;

RedisOptions shared_redis() {
  auto options = ecn::gateway::redis::parse_redis_url(ecn::testing::redis_url());
  EXPECT_TRUE(options);
  return *options;
}

RedisOptions local_redis(std::uint16_t port) {
  RedisOptions options;
  options.port = port;
  options.reconnect_min = 20ms;
  options.reconnect_max = 200ms;
  return options;
}

asio::awaitable<RedisReply> send(RedisClient& client, std::vector<std::string> args) {
  auto reply = client.command(std::move(args));
  co_return co_await std::move(reply);
}

// SET then GET of one key; counts the GETs that returned what this coroutine had SET.
asio::awaitable<void> set_then_get(RedisClient& client, std::string key, int n,
                                   std::atomic<int>& matched, std::atomic<int>& finished) {
  const auto value = std::to_string(n);
  std::vector<std::string> set_args{"SET", key, value, "EX", "60"};
  std::vector<std::string> get_args{"GET", key};
  auto set_op = send(client, std::move(set_args));
  auto set = co_await std::move(set_op);
  auto get_op = send(client, std::move(get_args));
  auto get = co_await std::move(get_op);
  if (set && get && get->string == value) ++matched;
  ++finished;
}

// Thread-safe record of what a listener heard.
struct Heard {
  std::mutex mutex;
  std::vector<std::string> messages;
  std::atomic<int> resubscribed{0};

  PubSubListener listener() {
    return {.on_message =
                [this](std::string_view message) {
                  std::lock_guard lock(mutex);
                  messages.emplace_back(message);
                },
            .on_resubscribed = [this] { ++resubscribed; }};
  }
  std::vector<std::string> snapshot() {
    std::lock_guard lock(mutex);
    return messages;
  }
};

class RedisClientTest : public ::testing::Test {
 protected:
  RedisReply run(RedisClient& client, std::vector<std::string> args) {
    return io.run(send(client, std::move(args)));
  }
  ecn::core::Result<PubSubHandle> subscribe(RedisPubSub& pubsub, std::string channel,
                                            PubSubListener listener) {
    return io.run([](RedisPubSub& p, std::string c,
                     PubSubListener l) -> asio::awaitable<ecn::core::Result<PubSubHandle>> {
      auto subscribed = p.subscribe(std::move(c), std::move(l));
      co_return co_await std::move(subscribed);
    }(pubsub, std::move(channel), std::move(listener)));
  }
  // Subscribers of `channel` at Redis (PUBSUB NUMSUB), from every connection.
  std::int64_t numsub(RedisClient& client, const std::string& channel) {
    const auto reply = run(client, {"PUBSUB", "NUMSUB", channel});
    if (!reply || reply->elements.size() != 2) return -1;
    return reply->elements[1].integer;
  }

  IoThread io;
  const std::string key = ecn::testing::unique_name("gwredis");
};

TEST_F(RedisClientTest, CommandsReturnStringsIntegersArraysAndNil) {
  RedisClient client(io.executor(), shared_redis());
  client.start();
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));

  const std::string binary("va\0lue\r\n", 8);  // RESP is binary-safe
  auto set = run(client, {"SET", key, binary});
  ASSERT_TRUE(set) << set.error();
  EXPECT_EQ(set->string, "OK");
  auto get = run(client, {"GET", key});
  ASSERT_TRUE(get && get->is_string());
  EXPECT_EQ(get->string, binary);
  EXPECT_EQ(run(client, {"DEL", key})->integer, 1);
  EXPECT_TRUE(run(client, {"GET", key})->is_nil());
  EXPECT_EQ(run(client, {"RPUSH", key, "a", "b"})->integer, 2);
  auto range = run(client, {"LRANGE", key, "0", "-1"});
  ASSERT_TRUE(range && range->is_array());
  ASSERT_EQ(range->elements.size(), 2u);
  EXPECT_EQ(range->elements[1].string, "b");
  run(client, {"DEL", key});
}

TEST_F(RedisClientTest, ErrorRepliesAreValuesAndTheConnectionGoesOn) {
  RedisClient client(io.executor(), shared_redis());
  client.start();
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));
  ASSERT_TRUE(run(client, {"SET", key, "not a number"}));
  const auto incr = run(client, {"INCR", key});
  ASSERT_FALSE(incr);
  EXPECT_EQ(incr.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(incr.error().message.rfind("redis: ERR", 0), 0u) << incr.error().message;
  EXPECT_FALSE(run(client, {"NOSUCHCOMMAND"}));
  EXPECT_EQ(run(client, {"GET", key})->string, "not a number");
  run(client, {"DEL", key});
}

TEST_F(RedisClientTest, ConcurrentCommandsFromTwoExecutorsGetTheirOwnReplies) {
  IoThread other;
  RedisClient client(io.executor(), shared_redis());
  client.start();
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));
  constexpr int kCommands = 2000;
  std::atomic<int> matched{0};
  std::atomic<int> done{0};
  for (int i = 0; i < kCommands; ++i) {
    auto& where = i % 2 == 0 ? io : other;
    asio::co_spawn(where.executor(),
                   set_then_get(client, key + ":" + std::to_string(i), i, matched, done),
                   asio::detached);
  }
  ASSERT_TRUE(wait_until([&] { return done.load() == kCommands; }, 20s));
  EXPECT_EQ(matched.load(), kCommands);
}

TEST_F(RedisClientTest, UnreachableRedisFailsFastWithUnavailable) {
  RedisClient client(io.executor(), local_redis(ecn::gateway::testing::free_port()));
  client.start();
  const auto start = std::chrono::steady_clock::now();
  const auto reply = run(client, {"GET", key});
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 100ms);
  EXPECT_FALSE(client.connected());
}

TEST_F(RedisClientTest, ReconnectsWhenRedisComesBack) {
  PrivateRedis redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(io.executor(), local_redis(redis.port()));
  client.start();
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));
  ASSERT_TRUE(run(client, {"SET", key, "1"}));

  redis.kill();
  ASSERT_TRUE(wait_until([&] { return !client.connected(); }, 5s));
  const auto down = run(client, {"GET", key});
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);

  redis.start();
  ASSERT_TRUE(redis.ready());
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));
  const auto again = run(client, {"SET", key, "2"});
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(run(client, {"GET", key})->string, "2");
}

TEST_F(RedisClientTest, SlowReplyTimesOutThenTheClientRecovers) {
  PrivateRedis redis;
  ASSERT_TRUE(redis.ready());
  auto options = local_redis(redis.port());
  options.command_timeout = 200ms;
  RedisClient client(io.executor(), options);
  client.start();
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));

  redis.freeze();
  const auto start = std::chrono::steady_clock::now();
  const auto reply = run(client, {"GET", key});
  const auto waited = std::chrono::steady_clock::now() - start;
  redis.thaw();
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, ErrorCode::kDeadlineExceeded);
  EXPECT_GE(waited, 200ms);
  EXPECT_LT(waited, 1500ms);
  ASSERT_TRUE(wait_until([&] { return client.connected() && run(client, {"PING"}); }, 5s));
  EXPECT_EQ(run(client, {"PING"})->string, "PONG");
}

TEST_F(RedisClientTest, OneConnectionCarriesEveryChannelSubscribedOnFirstUnsubscribedOnLast) {
  RedisClient client(io.executor(), shared_redis());
  RedisPubSub pubsub(io.executor(), shared_redis());
  client.start();
  pubsub.start();
  ASSERT_TRUE(wait_until([&] { return client.connected() && pubsub.connected(); }, 5s));
  const auto a = key + ":a";
  const auto b = key + ":b";
  Heard first, second, third;
  auto h1 = subscribe(pubsub, a, first.listener());
  auto h2 = subscribe(pubsub, a, second.listener());
  auto h3 = subscribe(pubsub, b, third.listener());
  ASSERT_TRUE(h1 && h2 && h3);
  EXPECT_EQ(pubsub.channel_count(), 2u);
  EXPECT_EQ(numsub(client, a), 1);  // two listeners, one Redis subscription

  // Subscribed means confirmed: a message published right away reaches every listener.
  EXPECT_EQ(run(client, {"PUBLISH", a, "hello a"})->integer, 1);
  EXPECT_EQ(run(client, {"PUBLISH", b, "hello b"})->integer, 1);
  ASSERT_TRUE(wait_until(
      [&] { return first.snapshot().size() == 1 && second.snapshot().size() == 1; }, 5s));
  ASSERT_TRUE(wait_until([&] { return third.snapshot().size() == 1; }, 5s));
  EXPECT_EQ(first.snapshot()[0], "hello a");
  EXPECT_EQ(third.snapshot()[0], "hello b");

  h1->reset();
  run(client, {"PUBLISH", a, "only the second"});
  ASSERT_TRUE(wait_until([&] { return second.snapshot().size() == 2; }, 5s));
  EXPECT_EQ(first.snapshot().size(), 1u);
  EXPECT_EQ(numsub(client, a), 1);

  h2->reset();
  ASSERT_TRUE(wait_until([&] { return numsub(client, a) == 0; }, 5s));
  EXPECT_EQ(pubsub.channel_count(), 1u);
  EXPECT_EQ(numsub(client, b), 1);
}

TEST_F(RedisClientTest, SubscribeWhileRedisIsAwayIsUnavailable) {
  RedisPubSub pubsub(io.executor(), local_redis(ecn::gateway::testing::free_port()));
  pubsub.start();
  Heard heard;
  const auto handle = subscribe(pubsub, key, heard.listener());
  ASSERT_FALSE(handle);
  EXPECT_EQ(handle.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(pubsub.channel_count(), 0u);
}

TEST_F(RedisClientTest, PubSubResubscribesAfterRedisRestartsAndSaysSo) {
  PrivateRedis redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(io.executor(), local_redis(redis.port()));
  RedisPubSub pubsub(io.executor(), local_redis(redis.port()));
  client.start();
  pubsub.start();
  ASSERT_TRUE(wait_until([&] { return client.connected() && pubsub.connected(); }, 5s));
  Heard heard;
  auto handle = subscribe(pubsub, key, heard.listener());
  ASSERT_TRUE(handle);

  redis.kill();
  ASSERT_TRUE(wait_until([&] { return !pubsub.connected(); }, 5s));
  redis.start();
  ASSERT_TRUE(redis.ready());
  ASSERT_TRUE(wait_until([&] { return heard.resubscribed.load() == 1; }, 5s));
  ASSERT_TRUE(wait_until([&] { return client.connected(); }, 5s));
  EXPECT_EQ(run(client, {"PUBLISH", key, "after the restart"})->integer, 1);
  ASSERT_TRUE(wait_until([&] { return heard.snapshot().size() == 1; }, 5s));
  EXPECT_EQ(heard.snapshot()[0], "after the restart");
}

}  // namespace
