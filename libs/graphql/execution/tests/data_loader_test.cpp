#include "ecn/graphql/execution/data_loader.hpp"

#include <gtest/gtest.h>

#include <any>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <string>
#include <thread>

#include "ecn/graphql/execution/execute.hpp"
#include "ecn/graphql/parser.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;

using IntLoader = DataLoader<int, std::string>;

// A batch function that records its calls and answers after a real asynchronous hop, like a
// remote call would.
struct Recorder {
  std::vector<std::vector<int>> calls;

  IntLoader::BatchFunction function() {
    return [this](std::span<const int> keys) -> asio::awaitable<std::vector<IntLoader::Result>> {
      calls.emplace_back(keys.begin(), keys.end());
      asio::steady_timer hop(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
      co_await hop.async_wait(asio::use_awaitable);
      std::vector<IntLoader::Result> out;
      for (int key : keys) {
        if (key < 0) {
          out.emplace_back(FieldError{"negative key " + std::to_string(key), "BAD_USER_INPUT"});
        } else {
          out.emplace_back(boost::system::in_place_value, "v" + std::to_string(key));
        }
      }
      co_return out;
    };
  }
};

// Runs `body` on a fresh event loop until it and everything it started are done.
template <typename Body>
void run_loop(Body body) {
  asio::io_context io;
  auto done = asio::co_spawn(io, body(), asio::use_future);
  io.run();
  done.get();
}

TEST(GraphqlDataLoaderTest, SameTickLoadsShareOneBatchDedupedInOrder) {
  Recorder recorder;
  IntLoader loader(recorder.function());
  std::vector<std::string> seen(4);
  run_loop([&]() -> asio::awaitable<void> {
    auto executor = co_await asio::this_coro::executor;
    const int keys[] = {3, 1, 3, 2};
    for (int i = 0; i < 4; ++i) {
      asio::co_spawn(
          executor,
          [&, i, key = keys[i]]() -> asio::awaitable<void> {
            seen[i] = (co_await loader.load(key)).value();
          },
          asio::detached);
    }
    co_return;
  });
  ASSERT_EQ(recorder.calls.size(), 1u);
  EXPECT_EQ(recorder.calls[0], (std::vector<int>{3, 1, 2}));
  EXPECT_EQ(seen, (std::vector<std::string>{"v3", "v1", "v3", "v2"}));
}

TEST(GraphqlDataLoaderTest, CachesPerLoaderAndPropagatesPerKeyErrors) {
  Recorder recorder;
  IntLoader loader(recorder.function());
  run_loop([&]() -> asio::awaitable<void> {
    const int keys[] = {1, -5, 2};
    auto results = co_await loader.load_many(keys);
    EXPECT_EQ(results[0].value(), "v1");
    EXPECT_TRUE(results[1].has_error());
    EXPECT_EQ(results[1].error().message, "negative key -5");
    EXPECT_EQ(results[1].error().code, "BAD_USER_INPUT");
    EXPECT_EQ(results[2].value(), "v2");
    // Cached: no second call, errors included.
    EXPECT_EQ((co_await loader.load(2)).value(), "v2");
    EXPECT_TRUE((co_await loader.load(-5)).has_error());
    loader.clear(2);
    EXPECT_EQ((co_await loader.load(2)).value(), "v2");
  });
  ASSERT_EQ(recorder.calls.size(), 2u);
  EXPECT_EQ(recorder.calls[1], (std::vector<int>{2}));
  EXPECT_EQ(loader.batch_count(), 2u);
}

TEST(GraphqlDataLoaderTest, PrimeAndMaxBatchSize) {
  Recorder recorder;
  IntLoader loader(recorder.function(), 2);
  loader.prime(7, std::string("primed"));
  run_loop([&]() -> asio::awaitable<void> {
    const int keys[] = {1, 2, 3, 7, 4, 5};
    auto results = co_await loader.load_many(keys);
    EXPECT_EQ(results[3].value(), "primed");
    EXPECT_EQ(results[5].value(), "v5");
  });
  EXPECT_EQ(recorder.calls, (std::vector<std::vector<int>>{{1, 2}, {3, 4}, {5}}));
}

TEST(GraphqlDataLoaderTest, FailedBatchFailsEveryKeyAndIsNotCached) {
  int calls = 0;
  IntLoader loader(
      [&](std::span<const int> keys) -> asio::awaitable<std::vector<IntLoader::Result>> {
        ++calls;
        if (calls == 1) throw std::runtime_error("upstream unavailable");
        std::vector<IntLoader::Result> out;
        if (calls == 2) co_return out;  // wrong length
        for (int key : keys) out.emplace_back(boost::system::in_place_value, std::to_string(key));
        co_return out;
      });
  run_loop([&]() -> asio::awaitable<void> {
    const int keys[] = {1, 2};
    auto first = co_await loader.load_many(keys);
    EXPECT_EQ(first[0].error().message, "upstream unavailable");
    EXPECT_EQ(first[1].error().message, "upstream unavailable");
    auto second = co_await loader.load(1);
    EXPECT_EQ(second.error().message, "DataLoader batch function returned 0 results for 1 keys.");
    EXPECT_EQ((co_await loader.load(1)).value(), "1");
  });
  EXPECT_EQ(calls, 3);
}

// --- Through the executor ------------------------------------------------------------------

constexpr std::string_view kSdl = R"(
type Vendor { id: ID! name: String }
type Product { id: ID! name: String vendor: Vendor }
type Order { id: ID! product: Product }
type Query { orders: [Order!]! }
)";

using JsonLoader = DataLoader<std::int64_t, json::value>;

// The request's loaders, as the gateway keeps them in the request context.
struct Loaders {
  JsonLoader products;
  JsonLoader vendors;
};

struct Calls {
  std::vector<std::vector<std::int64_t>> products;
  std::vector<std::vector<std::int64_t>> vendors;
};

JsonLoader::BatchFunction recording(std::vector<std::vector<std::int64_t>>& calls,
                                    std::function<json::value(std::int64_t)> make) {
  return
      [&calls, make](
          std::span<const std::int64_t> keys) -> asio::awaitable<std::vector<JsonLoader::Result>> {
        calls.emplace_back(keys.begin(), keys.end());
        asio::steady_timer hop(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
        co_await hop.async_wait(asio::use_awaitable);
        std::vector<JsonLoader::Result> out;
        for (std::int64_t key : keys) {
          if (key == 13) {
            out.emplace_back(FieldError{"product 13 is gone", "NOT_FOUND"});
          } else {
            out.emplace_back(make(key));
          }
        }
        co_return out;
      };
}

JsonLoader& loader(const ResolveInfo& info, JsonLoader Loaders::*which) {
  return std::any_cast<Loaders&>(*info.context).*which;
}

json::object run_orders(std::string_view query, Calls& calls, int orders, int product_kinds,
                        int threads = 1) {
  ResolverMap resolvers;
  resolvers
      .on("Query.orders",
          [orders, product_kinds](const ResolveInfo&) -> ResolverResult {
            json::array list;
            for (int i = 0; i < orders; ++i) {
              list.push_back(json::object{{"id", i}, {"productId", i % product_kinds}});
            }
            return json::value(std::move(list));
          })
      .on_async("Order.product",
                [](const ResolveInfo& info) -> asio::awaitable<ResolverResult> {
                  auto result = co_await loader(info, &Loaders::products)
                                    .load(info.parent.at("productId").as_int64());
                  if (!result) co_return result.error();
                  co_return *result;
                })
      .on_async("Product.vendor", [](const ResolveInfo& info) -> asio::awaitable<ResolverResult> {
        auto result =
            co_await loader(info, &Loaders::vendors).load(info.parent.at("vendorId").as_int64());
        if (!result) co_return result.error();
        co_return *result;
      });
  std::any context =
      Loaders{JsonLoader(recording(calls.products,
                                   [](std::int64_t id) {
                                     return json::object{{"id", id},
                                                         {"name", "p" + std::to_string(id)},
                                                         {"vendorId", id % 3}};
                                   })),
              JsonLoader(recording(calls.vendors, [](std::int64_t id) {
                return json::object{{"id", id}, {"name", "v" + std::to_string(id)}};
              }))};
  ExecutionRequest request;
  request.schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), resolvers);
  request.document = std::make_shared<Document>(parse(query).value());
  request.context = &context;
  asio::io_context io;
  auto response = asio::co_spawn(io, execute(std::move(request)), asio::use_future);
  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& worker : workers) worker.join();
  return response.get();
}

TEST(GraphqlDataLoaderTest, HundredListItemsMakeOneBatchCall) {
  Calls calls;
  const json::object response = run_orders("{ orders { id product { name } } }", calls, 100, 10);
  ASSERT_EQ(calls.products.size(), 1u);
  EXPECT_EQ(calls.products[0], (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_TRUE(calls.vendors.empty());
  const json::array& orders = response.at("data").at("orders").as_array();
  ASSERT_EQ(orders.size(), 100u);
  EXPECT_EQ(orders[57].at("product").at("name"), "p7");
  EXPECT_FALSE(response.contains("errors"));
}

TEST(GraphqlDataLoaderTest, TwoLevelsMakeOneCallPerLevel) {
  Calls calls;
  const json::object response =
      run_orders("{ orders { id product { name vendor { name } } } }", calls, 100, 10);
  ASSERT_EQ(calls.products.size(), 1u);
  ASSERT_EQ(calls.vendors.size(), 1u);
  EXPECT_EQ(calls.vendors[0], (std::vector<std::int64_t>{0, 1, 2}));
  const json::array& orders = response.at("data").at("orders").as_array();
  EXPECT_EQ(orders[5].at("product").at("vendor").at("name"), "v2");
}

TEST(GraphqlDataLoaderTest, BatchesPerLevelOnAMultiThreadedLoop) {
  for (int round = 0; round < 20; ++round) {
    Calls calls;
    const json::object response =
        run_orders("{ orders { product { vendor { name } } } }", calls, 100, 10, 2);
    EXPECT_EQ(calls.products.size(), 1u);
    EXPECT_EQ(calls.vendors.size(), 1u);
    EXPECT_EQ(response.at("data").at("orders").as_array()[99].at("product").at("vendor").at("name"),
              "v0");
  }
}

TEST(GraphqlDataLoaderTest, PerKeyErrorsReachTheirOwnPaths) {
  Calls calls;
  const json::object response = run_orders("{ orders { id product { name } } }", calls, 15, 15);
  EXPECT_EQ(calls.products.size(), 1u);
  const json::array& orders = response.at("data").at("orders").as_array();
  EXPECT_TRUE(orders[13].at("product").is_null());
  EXPECT_EQ(orders[14].at("product").at("name"), "p14");
  EXPECT_EQ(json::serialize(response.at("errors")),
            R"([{"message":"product 13 is gone","locations":[{"line":1,"column":15}],)"
            R"("path":["orders",13,"product"],"extensions":{"code":"NOT_FOUND"}}])");
}

}  // namespace
}  // namespace ecn::graphql::execution
