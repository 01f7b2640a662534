#include "ecn/graphql/execution/execute.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <optional>

#include "ecn/graphql/parser.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;

constexpr std::string_view kSdl = R"(
interface Named { name: String }
type Dog implements Named { name: String barks: Boolean }
type Cat implements Named { name: String meows: Boolean }
union Pet = Dog | Cat
type Item { id: ID! n: Int! }
type Query {
  hello: String
  pets: [Pet]
  named: Named
  items: [Item!]
  strictItems: [Item!]!
  item: Item
  echo(x: Int!, y: String = "d"): String
  slow: String
  slow2: String
}
type Mutation { add(v: Int!): Int }
)";

// Runs the query as a one-off document, then as a document held elsewhere too (as by a
// document cache: shared field plans, reused on the second round) into a Response's own arena.
// Every way must give the same answer, which is returned.
std::string run(std::string_view query, std::string_view root = "{}", std::string_view vars = "{}",
                ResolverMap resolvers = {}, std::string_view operation = {}) {
  auto schema =
      std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), std::move(resolvers));
  const auto root_value = std::make_shared<const json::value>(json::parse(root));
  const auto request_for = [&](std::shared_ptr<const Document> document) {
    ExecutionRequest request;
    request.schema = schema;
    request.document = std::move(document);
    request.operation_name = operation;
    request.variables = json::parse(vars).as_object();
    request.root_value = root_value;
    return request;
  };
  const std::string answer = json::serialize(
      execute_sync(request_for(std::make_shared<const Document>(parse(query).value()))));
  const auto cached = std::make_shared<const Document>(parse(query).value());
  for (int round = 1; round <= 2; ++round) {
    EXPECT_EQ(json::serialize(execute_in_arena_sync(request_for(cached)).json()), answer)
        << "cached document, round " << round;
  }
  return answer;
}

TEST(GraphqlExecuteTest, PropertyLookupAliasesAndTypename) {
  EXPECT_EQ(run("{ a: hello hello __typename }", R"({"hello": "hi"})"),
            R"({"data":{"a":"hi","hello":"hi","__typename":"Query"}})");
}

TEST(GraphqlExecuteTest, FragmentsMergeAndAbstractTypesByTypename) {
  EXPECT_EQ(run(R"({ pets { __typename ... on Dog { name barks } ...C } }
                   fragment C on Cat { name meows name })",
                R"({"pets": [{"__typename": "Dog", "name": "Rex", "barks": true},
                             {"__typename": "Cat", "name": "Tom", "meows": false}]})"),
            R"({"data":{"pets":[{"__typename":"Dog","name":"Rex","barks":true},)"
            R"({"__typename":"Cat","name":"Tom","meows":false}]}})");
}

TEST(GraphqlExecuteTest, SkipAndInclude) {
  EXPECT_EQ(run("query($s: Boolean!) { a: hello @skip(if: $s) b: hello @include(if: $s) "
                "... @include(if: false) { c: hello } }",
                R"({"hello": "x"})", R"({"s": true})"),
            R"({"data":{"b":"x"}})");
}

TEST(GraphqlExecuteTest, NonNullPropagatesToNearestNullableParent) {
  // items: [Item!] -> a null n nulls the item, which nulls the whole (nullable) list.
  EXPECT_EQ(
      run("{ items { id n } hello }", R"({"items": [{"id": 1, "n": 1}, {"id": 2}], "hello": "h"})"),
      R"({"data":{"items":null,"hello":"h"},"errors":[{"message":"Cannot return null for )"
      R"(non-nullable field Item.n.","locations":[{"line":1,"column":14}],"path":["items",1,"n"]}]})");
  // strictItems: [Item!]! -> propagates to data.
  EXPECT_EQ(run("{ hello strictItems { n } }", R"({"strictItems": [{"n": null}]})"),
            R"({"data":null,"errors":[{"message":"Cannot return null for non-nullable field )"
            R"(Item.n.","locations":[{"line":1,"column":23}],"path":["strictItems",0,"n"]}]})");
  EXPECT_EQ(run("{ item { n } }", R"({"item": {}})"),
            R"({"data":{"item":null},"errors":[{"message":"Cannot return null for non-nullable )"
            R"(field Item.n.","locations":[{"line":1,"column":10}],"path":["item","n"]}]})");
}

TEST(GraphqlExecuteTest, ResultCoercionErrors) {
  EXPECT_EQ(
      run("{ pets { __typename } }", R"({"pets": 3})"),
      R"({"data":{"pets":null},"errors":[{"message":"Expected Iterable, but did not find one )"
      R"(for field \"Query.pets\".","locations":[{"line":1,"column":3}],"path":["pets"]}]})");
  EXPECT_EQ(run("{ item { n } }", R"({"item": {"n": 1.5}})"),
            R"({"data":{"item":null},"errors":[{"message":"Int cannot represent non-integer )"
            R"(value: 1.5","locations":[{"line":1,"column":10}],"path":["item","n"]}]})");
  const std::string abstract = run("{ named { name } }", R"({"named": {"name": "x"}})");
  EXPECT_NE(
      abstract.find(
          R"(Abstract type \"Named\" must resolve to an Object type at runtime for field \"Query.named\".)"),
      std::string::npos)
      << abstract;
}

TEST(GraphqlExecuteTest, ResolversArgumentsAndErrorCodes) {
  ResolverMap resolvers;
  resolvers.on("Query.echo", [](const ResolveInfo& info) -> ResolverResult {
    if (info.args.at("x").as_int64() < 0) return FieldError{"negative", "BAD_USER_INPUT"};
    return json::value(std::to_string(info.args.at("x").as_int64()) +
                       std::string(info.args.at("y").as_string()));
  });
  EXPECT_EQ(
      run("query($v: Int!) { a: echo(x: $v) b: echo(x: -1) }", "{}", R"({"v": 7})", resolvers),
      R"({"data":{"a":"7d","b":null},"errors":[{"message":"negative","locations":)"
      R"([{"line":1,"column":34}],"path":["b"],"extensions":{"code":"BAD_USER_INPUT"}}]})");
  EXPECT_EQ(
      run("query($v: Int!) { echo(x: $v) }", "{}", "{}", resolvers),
      R"({"errors":[{"message":"Variable \"$v\" of required type \"Int!\" was not provided.",)"
      R"("locations":[{"line":1,"column":7}]}]})");
}

TEST(GraphqlExecuteTest, OperationSelection) {
  EXPECT_EQ(
      run("query A { hello } query B { hello }"),
      R"({"errors":[{"message":"Must provide operation name if query contains multiple operations."}]})");
  EXPECT_EQ(run("query A { hello }", "{}", "{}", {}, "C"),
            R"({"errors":[{"message":"Unknown operation named \"C\"."}]})");
  EXPECT_EQ(run("query A { a: hello } query B { b: hello }", R"({"hello": 1})", "{}", {}, "B"),
            R"({"data":{"b":"1"}})");
  EXPECT_EQ(run("subscription { hello }"),
            R"({"data":null,"errors":[{"message":"Schema is not configured to execute )"
            R"(subscription operation.","locations":[{"line":1,"column":1}]}]})");
}

TEST(GraphqlExecuteTest, MutationRootFieldsRunSerially) {
  auto log = std::make_shared<std::vector<int>>();
  ResolverMap resolvers;
  resolvers.on_async("Mutation.add",
                     [log](const ResolveInfo& info) -> asio::awaitable<ResolverResult> {
                       const int v = static_cast<int>(info.args.at("v").as_int64());
                       // The first mutation waits longest: serial execution must still finish it
                       // first.
                       asio::steady_timer timer(co_await asio::this_coro::executor,
                                                std::chrono::milliseconds(30 - v * 10));
                       co_await timer.async_wait(asio::use_awaitable);
                       log->push_back(v);
                       // run() executes the document three times: position within a run.
                       co_return json::value(static_cast<std::int64_t>((log->size() - 1) % 3 + 1));
                     });
  EXPECT_EQ(run("mutation { a: add(v: 0) b: add(v: 1) c: add(v: 2) }", "{}", "{}", resolvers),
            R"({"data":{"a":1,"b":2,"c":3}})");
  EXPECT_EQ(*log, (std::vector<int>{0, 1, 2, 0, 1, 2, 0, 1, 2}));
}

TEST(GraphqlExecuteTest, QueryAsyncResolversRunConcurrentlyOnTheCallersIoContext) {
  auto log = std::make_shared<std::vector<std::string>>();
  auto delayed = [log](std::string name, int ms) {
    return [log, name, ms](const ResolveInfo&) -> asio::awaitable<ResolverResult> {
      asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
      co_await timer.async_wait(asio::use_awaitable);
      log->push_back(name);
      co_return json::value(name);
    };
  };
  ResolverMap resolvers;
  resolvers.on_async("Query.slow", delayed("slow", 40));
  resolvers.on_async("Query.slow2", delayed("slow2", 5));
  auto schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), resolvers);
  ExecutionRequest request;
  request.schema = schema;
  request.document = std::make_shared<Document>(parse("{ slow slow2 hello }").value());
  request.root_value = std::make_shared<const json::value>(json::parse(R"({"hello": "now"})"));
  asio::io_context io;
  auto future = asio::co_spawn(io, execute(std::move(request)), asio::use_future);
  io.run();
  EXPECT_EQ(json::serialize(future.get()),
            R"({"data":{"slow":"slow","slow2":"slow2","hello":"now"}})");
  // slow2 finished first although it comes second: the two ran at the same time.
  EXPECT_EQ(*log, (std::vector<std::string>{"slow2", "slow"}));
}

TEST(GraphqlExecuteTest, AsyncNonNullFailurePropagates) {
  ResolverMap resolvers;
  resolvers.on_async("Item.n", [](const ResolveInfo&) -> asio::awaitable<ResolverResult> {
    co_return json::value(nullptr);
  });
  EXPECT_EQ(run("{ items { id n } }", R"({"items": [{"id": 1}]})", "{}", resolvers),
            R"({"data":{"items":null},"errors":[{"message":"Cannot return null for non-nullable )"
            R"(field Item.n.","locations":[{"line":1,"column":14}],"path":["items",0,"n"]}]})");
}

TEST(GraphqlExecuteTest, StartupCheckListsFieldsNeedingResolvers) {
  ResolverMap resolvers;
  resolvers.on("Query.echo", [](const ResolveInfo&) -> ResolverResult { return json::value(); });
  resolvers.on("Query.nope", [](const ResolveInfo&) -> ResolverResult { return json::value(); });
  const auto check = check_resolvers(*build_schema(kSdl).value(), resolvers);
  EXPECT_EQ(check.unknown_coordinates, (std::vector<std::string>{"Query.nope"}));
  EXPECT_EQ(check.missing_resolvers.front(), "Query.hello");
  EXPECT_EQ(
      std::count(check.missing_resolvers.begin(), check.missing_resolvers.end(), "Query.echo"), 0);
  EXPECT_EQ(check.missing_resolvers.back(), "Mutation.add");
}

TEST(GraphqlExecuteTest, IntrospectionTypenameAndType) {
  EXPECT_EQ(
      run(R"({ __type(name: "Dog") { kind name interfaces { name } fields { name type { kind name ofType { name } } } } })"),
      R"({"data":{"__type":{"kind":"OBJECT","name":"Dog","interfaces":[{"name":"Named"}],)"
      R"("fields":[{"name":"name","type":{"kind":"SCALAR","name":"String","ofType":null}},)"
      R"({"name":"barks","type":{"kind":"SCALAR","name":"Boolean","ofType":null}}]}}})");
  EXPECT_EQ(
      run(R"({ __schema { queryType { name } mutationType { name } subscriptionType { name } } })"),
      R"({"data":{"__schema":{"queryType":{"name":"Query"},"mutationType":{"name":"Mutation"},"subscriptionType":null}}})");
}

// Expected strings are graphql-js 16.15's answers to the same schema and query.
TEST(GraphqlExecuteTest, IntrospectionDefaultValuesPrintedLikeGraphqlJs) {
  constexpr std::string_view kDefaults = R"sdl(
input I { a: Float = 1e25 b: Float = 0.0000001 c: Float = -0.5 d: [[Int]] = 3
          e: String = "\u0001x\\" f: In2 = {z: 1} }
input In2 { z: Int y: [ID] = [5, "a"] }
type Query { f(i: I = {c: 2}): Int }
)sdl";
  ExecutionRequest request;
  request.schema =
      std::make_shared<ExecutableSchema>(build_schema(kDefaults).value(), ResolverMap{});
  request.document =
      std::make_shared<Document>(parse(R"({ __type(name: "I") { inputFields { defaultValue } }
                 q: __type(name: "Query") { fields { args { defaultValue } } } })")
                                     .value());
  EXPECT_EQ(
      json::serialize(execute_sync(std::move(request))),
      R"({"data":{"__type":{"inputFields":[{"defaultValue":"1e+25"},{"defaultValue":"1e-7"},)"
      R"({"defaultValue":"-0.5"},{"defaultValue":"[[3]]"},{"defaultValue":"\"\\u0001x\\\\\""},)"
      R"({"defaultValue":"{z: 1, y: [5, \"a\"]}"}]},"q":{"fields":[{"args":[{"defaultValue":)"
      R"("{a: 1e+25, b: 1e-7, c: 2, d: [[3]], e: \"\\u0001x\\\\\", f: {z: 1, y: [5, \"a\"]}}"}]}]}}})");
}

// Requests lend the root value: many requests read one immutable root, and a request without
// one resolves against null.
TEST(GraphqlExecuteTest, SharedRootValueAndNullRoot) {
  const auto root = std::make_shared<const json::value>(json::parse(R"({"hello": "shared"})"));
  const auto schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), ResolverMap{});
  const auto document = std::make_shared<Document>(parse("{ hello }").value());
  for (int i = 0; i < 2; ++i) {
    ExecutionRequest request;
    request.schema = schema;
    request.document = document;
    request.root_value = root;
    EXPECT_EQ(json::serialize(execute_sync(std::move(request))), R"({"data":{"hello":"shared"}})");
  }
  ExecutionRequest request;
  request.schema = schema;
  request.document = document;
  EXPECT_EQ(json::serialize(execute_sync(std::move(request))), R"({"data":{"hello":null}})");
  EXPECT_EQ(root.use_count(), 1);
}

// Introspection results are reused per query text: a repeat gives the same answer, and other
// texts (another type, an alias) are not confused with it.
TEST(GraphqlExecuteTest, IntrospectionResultsReusedPerQueryText) {
  const auto schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), ResolverMap{});
  const auto run_on = [&](std::string_view query) {
    ExecutionRequest request;
    request.schema = schema;
    request.document = std::make_shared<Document>(parse(query).value());
    return json::serialize(execute_sync(std::move(request)));
  };
  const std::string dog = run_on(R"({ __type(name: "Dog") { name fields { name } } })");
  EXPECT_EQ(dog,
            R"({"data":{"__type":{"name":"Dog","fields":[{"name":"name"},{"name":"barks"}]}}})");
  EXPECT_EQ(run_on(R"({ __type(name: "Dog") { name fields { name } } })"), dog);
  EXPECT_EQ(run_on(R"({ __type(name: "Cat") { name fields { name } } })"),
            R"({"data":{"__type":{"name":"Cat","fields":[{"name":"name"},{"name":"meows"}]}}})");
  EXPECT_EQ(run_on(R"({ t: __type(name: "Dog") { name } __typename })"),
            R"({"data":{"t":{"name":"Dog"},"__typename":"Query"}})");
  EXPECT_EQ(run_on(R"({ t: __type(name: "Dog") { name } __typename })"),
            R"({"data":{"t":{"name":"Dog"},"__typename":"Query"}})");
}

// A document kept by someone else (a document cache) gets field plans shared across requests:
// repeated runs, other @skip/@include variable values and other concrete types must still give
// each request its own correct answer.
TEST(GraphqlExecuteTest, SharedDocumentPlansFollowVariablesAndTypes) {
  const auto schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), ResolverMap{});
  const auto document =
      std::make_shared<const Document>(parse(R"(query($s: Boolean!, $t: Boolean = false) {
                 pets { __typename ... on Dog { name @skip(if: $s) barks } ... on Cat { meows } }
                 a: hello @include(if: $s) b: hello @include(if: $t) })")
                                           .value());
  const auto root = std::make_shared<const json::value>(
      json::parse(R"({"hello": "hi", "pets": [{"__typename": "Dog", "name": "Rex", "barks": true},
                                              {"__typename": "Cat", "meows": false}]})"));
  const auto run_with = [&](std::string_view vars) {
    ExecutionRequest request;
    request.schema = schema;
    request.document = document;
    request.variables = json::parse(vars).as_object();
    request.root_value = root;
    return json::serialize(execute_sync(std::move(request)));
  };
  const std::string skipped =
      R"({"data":{"pets":[{"__typename":"Dog","barks":true},{"__typename":"Cat","meows":false}],)"
      R"("a":"hi","b":"hi"}})";
  const std::string kept = R"({"data":{"pets":[{"__typename":"Dog","name":"Rex","barks":true},)"
                           R"({"__typename":"Cat","meows":false}]}})";
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(run_with(R"({"s": true, "t": true})"), skipped);
    EXPECT_EQ(run_with(R"({"s": false, "t": false})"), kept);
    // $t absent: its default (false) decides.
    EXPECT_EQ(run_with(R"({"s": false})"), kept);
    EXPECT_EQ(run_with(R"({"s": false, "t": true})"),
              R"({"data":{"pets":[{"__typename":"Dog","name":"Rex","barks":true},)"
              R"({"__typename":"Cat","meows":false}],"b":"hi"}})");
  }
}

// The default resolver remembers where a key was in the last object; objects of other shapes,
// missing keys and objects big enough to be hashed must still read their own values.
TEST(GraphqlExecuteTest, PropertyLookupFollowsEachObjectsOwnShape) {
  std::string big = R"({"__typename": "Dog")";
  for (int i = 0; i < 40; ++i) big += ",\"k" + std::to_string(i) + "\": " + std::to_string(i);
  big += R"(, "name": "big", "barks": true})";
  const std::string root = R"({"pets": [{"__typename": "Dog", "name": "a", "barks": true},)"
                           R"({"barks": false, "__typename": "Dog", "name": "b"},)"
                           R"({"__typename": "Dog", "barks": true}, )" +
                           big + R"(, {"name": "c", "__typename": "Dog", "barks": null}]})";
  EXPECT_EQ(
      run("{ pets { ... on Dog { name barks } } }", root),
      R"({"data":{"pets":[{"name":"a","barks":true},{"name":"b","barks":false},)"
      R"({"name":null,"barks":true},{"name":"big","barks":true},{"name":"c","barks":null}]}})");
}

// A Response owns the arena its body lives in: moving and move-assigning keep the body valid
// (the assigned-over body goes before its arena).
TEST(GraphqlExecuteTest, ResponsesMoveWithTheirArena) {
  const auto schema = std::make_shared<ExecutableSchema>(build_schema(kSdl).value(), ResolverMap{});
  const auto request_for = [&](std::string_view query, std::string_view root) {
    ExecutionRequest request;
    request.schema = schema;
    request.document = std::make_shared<Document>(parse(query).value());
    request.root_value = std::make_shared<const json::value>(json::parse(root));
    return request;
  };
  Response first = execute_in_arena_sync(request_for("{ hello }", R"({"hello": "one"})"));
  Response second = execute_in_arena_sync(request_for("{ a: hello }", R"({"hello": "two"})"));
  first = std::move(second);
  EXPECT_EQ(json::serialize(first.json()), R"({"data":{"a":"two"}})");
  Response third(std::move(first));
  EXPECT_EQ(json::serialize(third.json()), R"({"data":{"a":"two"}})");
  std::optional<Response> kept;
  kept.emplace(execute_in_arena_sync(request_for("{ hello }", R"({"hello": "three"})")));
  kept = std::move(third);
  EXPECT_EQ(json::serialize(kept->json()), R"({"data":{"a":"two"}})");
}

}  // namespace
}  // namespace ecn::graphql::execution
