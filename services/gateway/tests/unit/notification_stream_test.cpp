// NotificationStream's seam logic without a network: a scripted replay source and live
// messages pushed by hand.
#include "subscriptions/notification_stream.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using ecn::gateway::subscriptions::NotificationStream;
using ecn::gateway::subscriptions::ReplayPage;
using ecn::gateway::subscriptions::ReplayResult;

// A notification in the gateway's shape; its cursor is "c<n>".
json::object notification(int n) {
  return {{"id", "id" + std::to_string(n)}, {"cursor", "c" + std::to_string(n)}};
}

// The same notification as notification-service publishes it on Redis.
std::string redis_message(int n) {
  return json::serialize(json::object{{"id", "id" + std::to_string(n)},
                                      {"user_id", "u"},
                                      {"type", "SYSTEM"},
                                      {"title", "t" + std::to_string(n)},
                                      {"body", "b"},
                                      {"data", json::object{}},
                                      {"read", false},
                                      {"created_at", "2026-01-01T00:00:00.000Z"},
                                      {"read_at", nullptr},
                                      {"cursor", "c" + std::to_string(n)}});
}

class NotificationStreamTest : public ::testing::Test {
 protected:
  // Pages by the cursor they follow; a cursor without a page fails as a bad one.
  std::map<std::string, ReplayPage> pages;
  std::vector<std::string> fetched;  // the cursors asked for, in order

  std::shared_ptr<NotificationStream> make(std::size_t max_buffered = 256) {
    return NotificationStream::create(
        io.get_executor(),
        [this](const std::string& cursor) -> asio::awaitable<ReplayResult> {
          fetched.push_back(cursor);
          const auto found = pages.find(cursor);
          if (found == pages.end()) {
            ReplayResult failed(
                boost::system::in_place_error,
                ecn::graphql::execution::FieldError{"after: unknown cursor", "BAD_USER_INPUT"});
            co_return failed;
          }
          ReplayResult page(boost::system::in_place_value, found->second);
          co_return page;
        },
        max_buffered);
  }

  template <class T>
  T run(asio::awaitable<T> awaitable) {
    auto future = asio::co_spawn(io, std::move(awaitable), asio::use_future);
    io.restart();
    io.run();
    return future.get();
  }

  // The ids of the next `count` events.
  std::vector<std::string> take(NotificationStream& stream, int count) {
    return run([](NotificationStream& s, int n) -> asio::awaitable<std::vector<std::string>> {
      std::vector<std::string> ids;
      for (int i = 0; i < n; ++i) {
        auto waiting = s.next();
        auto event = co_await std::move(waiting);
        if (!event) break;
        ids.emplace_back(event->as_object().at("id").as_string());
      }
      co_return ids;
    }(stream, count));
  }

  void start(NotificationStream& stream, const std::string& cursor) {
    const auto error = run(stream.start_replay(cursor));
    ASSERT_FALSE(error) << error->message;
  }

  asio::io_context io;
};

using Ids = std::vector<std::string>;

TEST_F(NotificationStreamTest, ReplaysEveryPageThenLiveSkippingWhatTheReplayHad) {
  pages["c0"] = {{notification(1), notification(2)}, true};
  pages["c2"] = {{notification(3)}, false};
  auto stream = make();
  // Published while the replay was being read: 2 and 3 arrive both ways.
  stream->push_live(redis_message(2));
  stream->push_live(redis_message(3));
  stream->push_live(redis_message(4));
  start(*stream, "c0");
  EXPECT_EQ(take(*stream, 4), (Ids{"id1", "id2", "id3", "id4"}));
  EXPECT_EQ(fetched, (std::vector<std::string>{"c0", "c2"}));
}

TEST_F(NotificationStreamTest, LiveOnlyWithoutACursorAndEachIdOnce) {
  auto stream = make();
  stream->push_live(redis_message(1));
  stream->push_live(redis_message(1));
  stream->push_live("not json");
  stream->push_live(R"({"no":"id"})");
  stream->push_live(redis_message(2));
  EXPECT_EQ(take(*stream, 2), (Ids{"id1", "id2"}));
  EXPECT_TRUE(fetched.empty());
}

TEST_F(NotificationStreamTest, LiveEventsCarryTheGatewayShape) {
  auto stream = make();
  stream->push_live(redis_message(7));
  const auto event = run([](NotificationStream& s) -> asio::awaitable<json::value> {
    auto waiting = s.next();
    auto got = co_await std::move(waiting);
    co_return got.value_or(nullptr);
  }(*stream));
  EXPECT_EQ(json::serialize(event),
            R"({"id":"id7","userId":"u","type":"SYSTEM","title":"t7","body":"b","data":{},)"
            R"("read":false,"createdAt":"2026-01-01T00:00:00.000Z","readAt":null,"cursor":"c7"})");
}

TEST_F(NotificationStreamTest, AnUnknownCursorFailsTheStart) {
  auto stream = make();
  const auto error = run(stream->start_replay("bogus"));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, "BAD_USER_INPUT");
}

TEST_F(NotificationStreamTest, AResubscribeReplaysAfterTheLastDeliveredThenGoesOn) {
  auto stream = make();
  stream->push_live(redis_message(1));
  EXPECT_EQ(take(*stream, 1), (Ids{"id1"}));
  // Redis came back: 2 was published while the pub/sub connection was down.
  pages["c1"] = {{notification(2), notification(3)}, false};
  stream->resync();
  stream->push_live(redis_message(3));  // after the resubscribe, also in the replay
  stream->push_live(redis_message(4));
  EXPECT_EQ(take(*stream, 3), (Ids{"id2", "id3", "id4"}));
  EXPECT_EQ(fetched, (std::vector<std::string>{"c1"}));
}

TEST_F(NotificationStreamTest, ABufferOverflowIsCaughtUpFromTheReplay) {
  auto stream = make(2);
  stream->push_live(redis_message(1));
  EXPECT_EQ(take(*stream, 1), (Ids{"id1"}));
  pages["c1"] = {{notification(2), notification(3), notification(4)}, false};
  for (int n = 2; n <= 4; ++n) stream->push_live(redis_message(n));  // 2 is dropped
  stream->push_live(redis_message(5));                               // so is 3
  EXPECT_EQ(take(*stream, 4), (Ids{"id2", "id3", "id4", "id5"}));
}

TEST_F(NotificationStreamTest, CloseEndsTheStream) {
  auto stream = make();
  stream->push_live(redis_message(1));
  stream->close();
  EXPECT_TRUE(take(*stream, 1).empty());
}

}  // namespace
