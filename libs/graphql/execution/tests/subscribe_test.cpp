#include "ecn/graphql/execution/subscribe.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>

#include "ecn/graphql/parser.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;

constexpr std::string_view kSdl = R"(
type Query { a: Int }
type Note { id: ID! text: String }
type Subscription {
  noteAdded(userId: ID!): Note
  doubled: Int
  broken: Int
}
)";

// The test's side of a subscription: the queue the subscribe resolver made, and what it saw.
struct Feed {
  std::shared_ptr<EventQueue> queue;
  std::string user_id;
};

struct Fixture {
  asio::io_context io;
  Feed feed;
  std::shared_ptr<ExecutableSchema> schema;

  Fixture() {
    ResolverMap resolvers;
    resolvers
        .on_subscribe("Subscription.noteAdded",
                      [this](const ResolveInfo& info)
                          -> asio::awaitable<
                              boost::system::result<std::shared_ptr<EventStream>, FieldError>> {
                        feed.user_id = std::string(info.args.at("userId").as_string());
                        if (feed.user_id == "forbidden") {
                          co_return FieldError{"not your notes", "FORBIDDEN"};
                        }
                        feed.queue = EventQueue::create(co_await asio::this_coro::executor);
                        co_return std::shared_ptr<EventStream>(feed.queue);
                      })
        .on_subscribe("Subscription.doubled",
                      [this](const ResolveInfo&)
                          -> asio::awaitable<
                              boost::system::result<std::shared_ptr<EventStream>, FieldError>> {
                        feed.queue = EventQueue::create(co_await asio::this_coro::executor);
                        co_return std::shared_ptr<EventStream>(feed.queue);
                      })
        // Maps each event instead of looking the field up in it.
        .on("Subscription.doubled",
            [](const ResolveInfo& info) -> ResolverResult {
              return json::value(info.parent.at("n").as_int64() * 2);
            })
        .on_subscribe("Subscription.broken",
                      [](const ResolveInfo&)
                          -> asio::awaitable<
                              boost::system::result<std::shared_ptr<EventStream>, FieldError>> {
                        throw std::runtime_error("upstream down");
                        co_return std::shared_ptr<EventStream>();
                      });
    schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), std::move(resolvers));
  }

  ExecutionRequest request(std::string_view query, std::string_view variables = "{}") {
    ExecutionRequest out;
    out.schema = schema;
    out.document = std::make_shared<Document>(parse(query).value());
    out.variables = json::parse(variables).as_object();
    return out;
  }

  // Runs `body` on the loop until everything it started is done.
  template <typename Body>
  void run(Body body) {
    auto done = asio::co_spawn(io, body(), asio::use_future);
    io.run();
    done.get();
  }
};

std::string text(const std::optional<json::object>& response) {
  return response ? json::serialize(*response) : "end";
}

TEST(GraphqlSubscribeTest, EachEventIsExecutedAgainstTheSelectionSet) {
  Fixture f;
  std::vector<std::string> seen;
  f.run([&]() -> asio::awaitable<void> {
    auto result = co_await subscribe(
        f.request(R"(subscription($u: ID!) { noteAdded(userId: $u) { text } })", R"({"u": "u1"})"));
    EXPECT_TRUE(result.has_value());
    if (!result) co_return;
    EXPECT_EQ(f.feed.user_id, "u1");
    f.feed.queue->push(json::parse(R"({"noteAdded": {"id": "n1", "text": "shipped"}})"));
    f.feed.queue->push(json::parse(R"({"noteAdded": {"id": "n2", "text": "delivered"}})"));
    f.feed.queue->finish();
    for (;;) {
      auto response = co_await result->next();
      seen.push_back(text(response));
      if (!response) break;
    }
  });
  EXPECT_EQ(seen,
            (std::vector<std::string>{R"({"data":{"noteAdded":{"text":"shipped"}}})",
                                      R"({"data":{"noteAdded":{"text":"delivered"}}})", "end"}));
}

TEST(GraphqlSubscribeTest, ErrorsBelongToTheirEventAndTheStreamGoesOn) {
  Fixture f;
  std::vector<std::string> seen;
  f.run([&]() -> asio::awaitable<void> {
    auto result =
        co_await subscribe(f.request(R"(subscription { noteAdded(userId: "u1") { id text } })"));
    EXPECT_TRUE(result.has_value());
    if (!result) co_return;
    f.feed.queue->push(json::parse(R"({"noteAdded": {"text": "no id"}})"));
    f.feed.queue->push(json::parse(R"({"noteAdded": {"id": "n2", "text": "fine"}})"));
    seen.push_back(text(co_await result->next()));
    seen.push_back(text(co_await result->next()));
  });
  EXPECT_EQ(seen[0], R"({"data":{"noteAdded":null},"errors":[{"message":"Cannot return null for )"
                     R"(non-nullable field Note.id.","locations":[{"line":1,"column":42}],)"
                     R"("path":["noteAdded","id"]}]})");
  EXPECT_EQ(seen[1], R"({"data":{"noteAdded":{"id":"n2","text":"fine"}}})");
}

TEST(GraphqlSubscribeTest, FieldResolverMapsEachEvent) {
  Fixture f;
  std::string seen;
  f.run([&]() -> asio::awaitable<void> {
    auto result = co_await subscribe(f.request("subscription { doubled }"));
    EXPECT_TRUE(result.has_value());
    if (!result) co_return;
    f.feed.queue->push(json::parse(R"({"n": 21})"));
    seen = text(co_await result->next());
  });
  EXPECT_EQ(seen, R"({"data":{"doubled":42}})");
}

TEST(GraphqlSubscribeTest, CloseCancelsAPendingNextAndClosesTheSource) {
  Fixture f;
  std::string seen;
  bool pushed_after_close = true;
  f.run([&]() -> asio::awaitable<void> {
    auto result =
        co_await subscribe(f.request(R"(subscription { noteAdded(userId: "u") { id } })"));
    EXPECT_TRUE(result.has_value());
    if (!result) co_return;
    ResponseStream& stream = *result;
    // The client goes away while the subscription waits for its next event.
    asio::post(co_await asio::this_coro::executor, [&] { stream.close(); });
    seen = text(co_await stream.next());
    pushed_after_close = f.feed.queue->push(json::parse(R"({"noteAdded": {"id": "late"}})"));
  });
  EXPECT_EQ(seen, "end");
  EXPECT_FALSE(pushed_after_close);
}

TEST(GraphqlSubscribeTest, DestroyingTheStreamClosesTheSource) {
  Fixture f;
  f.run([&]() -> asio::awaitable<void> {
    auto result =
        co_await subscribe(f.request(R"(subscription { noteAdded(userId: "u") { id } })"));
    EXPECT_TRUE(result.has_value());
  });
  ASSERT_NE(f.feed.queue, nullptr);
  EXPECT_FALSE(f.feed.queue->push(json::value(nullptr)));
}

TEST(GraphqlSubscribeTest, EventsPushedFromAnotherThreadArriveInOrder) {
  Fixture f;
  std::vector<std::int64_t> seen;
  auto strand = asio::make_strand(f.io);
  auto done = asio::co_spawn(
      strand,
      [&]() -> asio::awaitable<void> {
        auto result = co_await subscribe(f.request("subscription { doubled }"));
        EXPECT_TRUE(result.has_value());
        if (!result) co_return;
        std::thread producer([queue = f.feed.queue] {
          for (int i = 0; i < 200; ++i) queue->push(json::object{{"n", i}});
          queue->finish();
        });
        while (auto response = co_await result->next()) {
          seen.push_back(response->at("data").at("doubled").as_int64());
        }
        producer.join();
      },
      asio::use_future);
  std::thread second([&] { f.io.run(); });
  f.io.run();
  second.join();
  done.get();
  ASSERT_EQ(seen.size(), 200u);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], std::int64_t(i) * 2);
}

TEST(GraphqlSubscribeTest, FailuresBeforeTheStreamStartsAreOneErrorResponse) {
  Fixture f;
  std::vector<std::string> seen;
  f.run([&]() -> asio::awaitable<void> {
    const auto error_of = [&](ExecutionRequest request) -> asio::awaitable<std::string> {
      auto result = co_await subscribe(std::move(request));
      co_return result.has_value() ? std::string("stream") : json::serialize(result.error());
    };
    seen.push_back(
        co_await error_of(f.request(R"(subscription($u: ID!) { noteAdded(userId: $u) { id } })")));
    seen.push_back(
        co_await error_of(f.request(R"(subscription { noteAdded(userId: "forbidden") { id } })")));
    seen.push_back(co_await error_of(f.request("subscription { broken }")));
    auto named = f.request("subscription S { doubled }");
    named.operation_name = "X";
    seen.push_back(co_await error_of(std::move(named)));
  });
  EXPECT_EQ(seen[0], R"({"errors":[{"message":"Variable \"$u\" of required type \"ID!\" was not )"
                     R"(provided.","locations":[{"line":1,"column":14}]}]})");
  EXPECT_EQ(seen[1],
            R"({"errors":[{"message":"not your notes","locations":[{"line":1,"column":16}],)"
            R"("path":["noteAdded"],"extensions":{"code":"FORBIDDEN"}}]})");
  EXPECT_EQ(seen[2],
            R"({"errors":[{"message":"upstream down","locations":[{"line":1,"column":16}],)"
            R"("path":["broken"]}]})");
  EXPECT_EQ(seen[3], R"({"errors":[{"message":"Unknown operation named \"X\"."}]})");
}

TEST(GraphqlSubscribeTest, FailingSourceEndsTheStreamWithItsError) {
  // A source that fails on its first read.
  struct Failing final : EventStream {
    asio::awaitable<std::optional<json::value>> next() override {
      throw std::runtime_error("redis connection lost");
      co_return std::nullopt;
    }
    void close() override { closed = true; }
    bool closed = false;
  };
  auto failing = std::make_shared<Failing>();
  ResolverMap resolvers;
  resolvers.on_subscribe(
      "Subscription.doubled",
      [failing](const ResolveInfo&)
          -> asio::awaitable<boost::system::result<std::shared_ptr<EventStream>, FieldError>> {
        co_return std::shared_ptr<EventStream>(failing);
      });
  ExecutionRequest request;
  request.schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), resolvers);
  request.document = std::make_shared<Document>(parse("subscription { doubled }").value());
  std::vector<std::string> seen;
  asio::io_context io;
  auto done = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto result = co_await subscribe(std::move(request));
        EXPECT_TRUE(result.has_value());
        if (!result) co_return;
        seen.push_back(text(co_await result->next()));
        seen.push_back(text(co_await result->next()));
      },
      asio::use_future);
  io.run();
  done.get();
  EXPECT_EQ(seen, (std::vector<std::string>{R"({"errors":[{"message":"redis connection lost"}]})",
                                            "end"}));
  EXPECT_TRUE(failing->closed);
}

TEST(GraphqlSubscribeTest, QueriesYieldExactlyOneResponse) {
  Fixture f;
  std::vector<std::string> seen;
  f.run([&]() -> asio::awaitable<void> {
    auto request = f.request("{ a }");
    request.root_value = std::make_shared<const json::value>(json::parse(R"({"a": 7})"));
    auto result = co_await subscribe(std::move(request));
    EXPECT_TRUE(result.has_value());
    if (!result) co_return;
    seen.push_back(text(co_await result->next()));
    seen.push_back(text(co_await result->next()));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{R"({"data":{"a":7}})", "end"}));
}

TEST(GraphqlSubscribeTest, StartupCheckWantsAnEventStreamPerSubscriptionField) {
  ResolverMap resolvers;
  resolvers.on("Query.a", [](const ResolveInfo&) -> ResolverResult { return json::value(1); });
  resolvers.on("Subscription.doubled",
               [](const ResolveInfo&) -> ResolverResult { return json::value(1); });
  resolvers.on_subscribe(
      "Subscription.broken",
      [](const ResolveInfo&)
          -> asio::awaitable<boost::system::result<std::shared_ptr<EventStream>, FieldError>> {
        co_return std::shared_ptr<EventStream>();
      });
  const ResolverCheck check = check_resolvers(*build_schema(kSdl).value(), resolvers);
  EXPECT_EQ(check.missing_resolvers,
            (std::vector<std::string>{"Subscription.noteAdded", "Subscription.doubled"}));
}

}  // namespace
}  // namespace ecn::graphql::execution
