#include "ecn/graphql/execution/document_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace ecn::graphql::execution {
namespace {

std::shared_ptr<const Schema> make_schema() {
  return build_schema("type Query { a: Int b(x: Int!): String }").value();
}

DocumentCacheOptions one_shard(std::size_t capacity, std::size_t error_capacity = 4) {
  DocumentCacheOptions options;
  options.shards = 1;
  options.capacity = capacity;
  options.error_capacity = error_capacity;
  return options;
}

TEST(GraphqlDocumentCacheTest, RepeatedQuerySkipsParseAndValidate) {
  DocumentCache cache;
  const auto schema = make_schema();
  const PreparedDocument first = cache.get(schema, "{ a }");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first.cached);
  const PreparedDocument second = cache.get(schema, "{ a }");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(first.document.get(), second.document.get());
  const DocumentCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.size, 1u);
}

TEST(GraphqlDocumentCacheTest, SyntaxAndValidationErrorsAreReportedAndCached) {
  DocumentCache cache;
  const auto schema = make_schema();
  const PreparedDocument syntax = cache.get(schema, "{ a");
  ASSERT_FALSE(syntax.ok());
  ASSERT_EQ(syntax.errors->size(), 1u);
  EXPECT_EQ(syntax.errors->front().message, "Syntax Error: Expected Name, found <EOF>.");
  EXPECT_EQ(syntax.errors->front().locations.front().column, 4u);

  const PreparedDocument invalid = cache.get(schema, "{ b nope }");
  ASSERT_FALSE(invalid.ok());
  ASSERT_EQ(invalid.errors->size(), 2u);
  EXPECT_EQ((*invalid.errors)[0].message,
            "Field \"b\" argument \"x\" of type \"Int!\" is required, but it was not provided.");
  EXPECT_EQ((*invalid.errors)[1].message, "Cannot query field \"nope\" on type \"Query\".");

  const PreparedDocument again = cache.get(schema, "{ b nope }");
  EXPECT_TRUE(again.cached);
  EXPECT_EQ(again.errors.get(), invalid.errors.get());
}

TEST(GraphqlDocumentCacheTest, EvictsLeastRecentlyUsed) {
  DocumentCache cache(one_shard(2));
  const auto schema = make_schema();
  cache.get(schema, "{ a }");
  cache.get(schema, "{ x: a }");
  EXPECT_TRUE(cache.get(schema, "{ a }").cached);  // "{ x: a }" is now the oldest
  cache.get(schema, "{ y: a }");
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_EQ(cache.stats().size, 2u);
  EXPECT_TRUE(cache.get(schema, "{ a }").cached);
  EXPECT_TRUE(cache.get(schema, "{ y: a }").cached);
  EXPECT_FALSE(cache.get(schema, "{ x: a }").cached);
}

TEST(GraphqlDocumentCacheTest, BadQueriesCannotEvictGoodOnes) {
  DocumentCache cache(one_shard(2, 1));
  const auto schema = make_schema();
  cache.get(schema, "{ a }");
  for (int i = 0; i < 10; ++i) cache.get(schema, "{ nope" + std::to_string(i) + " }");
  EXPECT_TRUE(cache.get(schema, "{ a }").cached);
  EXPECT_EQ(cache.stats().size, 2u);
}

TEST(GraphqlDocumentCacheTest, KeyedBySchemaIdentity) {
  DocumentCache cache;
  const auto with_a = make_schema();
  const auto without_a = build_schema("type Query { b: Int }").value();
  EXPECT_TRUE(cache.get(with_a, "{ a }").ok());
  const PreparedDocument other = cache.get(without_a, "{ a }");
  EXPECT_FALSE(other.cached);
  EXPECT_FALSE(other.ok());
}

TEST(GraphqlDocumentCacheTest, LongQueriesAreNotStored) {
  DocumentCacheOptions options;
  options.max_cached_query_bytes = 8;
  DocumentCache cache(options);
  const auto schema = make_schema();
  EXPECT_TRUE(cache.get(schema, "{ a  a  a }").ok());
  EXPECT_FALSE(cache.get(schema, "{ a  a  a }").cached);
  EXPECT_EQ(cache.stats().size, 0u);
}

TEST(GraphqlDocumentCacheTest, ConcurrentLookupsAgree) {
  DocumentCacheOptions options;
  options.capacity = 16;
  options.shards = 4;
  DocumentCache cache(options);
  const auto schema = make_schema();
  constexpr int kThreads = 4;
  constexpr int kRounds = 500;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        // 24 distinct queries over 16 slots: hits, misses and evictions all happen.
        const std::string query = "{ f" + std::to_string((i * 7 + t) % 24) + ": a }";
        const PreparedDocument prepared = cache.get(schema, query);
        if (!prepared.ok() || prepared.document->source() != query) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  const DocumentCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits + stats.misses, std::uint64_t{kThreads * kRounds});
  EXPECT_GT(stats.hits, 0u);
  EXPECT_LE(stats.size, 16u);
}

}  // namespace
}  // namespace ecn::graphql::execution
