#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/graphql/document.hpp"
#include "ecn/graphql/location.hpp"
#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/schema.hpp"
#include "ecn/graphql/validation/validate.hpp"

namespace ecn::graphql::execution {

// Why a query cannot be executed: its syntax error or its validation errors, worded like
// graphql-js, ready to become the response's `errors`.
struct DocumentError {
  std::string message;
  std::vector<Location> locations;
};

// A query text after parse and validate: either the document to execute or its errors. Both
// are immutable and shared, so a cached lookup copies two pointers.
struct PreparedDocument {
  std::shared_ptr<const Document> document;
  std::shared_ptr<const std::vector<DocumentError>> errors;
  bool cached = false;  // true when this lookup skipped parse and validate

  bool ok() const { return document != nullptr; }
};

// How much the cache keeps and how it prepares what it does not have.
struct DocumentCacheOptions {
  // Valid documents kept (least recently used evicted first).
  std::size_t capacity = 1024;
  // Invalid queries remembered, kept apart so a flood of bad queries cannot evict good ones.
  std::size_t error_capacity = 256;
  // Independently locked parts; lookups of different queries rarely wait on each other.
  std::size_t shards = 8;
  // Queries longer than this are prepared every time, never stored.
  std::size_t max_cached_query_bytes = 64 * 1024;
  ParseOptions parse;
  validation::ValidationOptions validation;
};

// Counters for /metrics.
struct DocumentCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;
  std::size_t size = 0;  // entries held now, valid and invalid
};

// Parsed-and-validated documents in a bounded, sharded LRU keyed by (schema, query text), so a
// repeated query skips parse and validate. Thread-safe; parsing and validation run outside any
// lock (two threads missing on the same query may both prepare it; the first stored wins).
// Entries keep their schema alive until evicted, so a schema's address is a safe identity.
class DocumentCache {
 public:
  explicit DocumentCache(DocumentCacheOptions options = {});
  ~DocumentCache();
  DocumentCache(const DocumentCache&) = delete;
  DocumentCache& operator=(const DocumentCache&) = delete;

  // The prepared document for `query` against `schema`, from the cache or made now.
  PreparedDocument get(const std::shared_ptr<const Schema>& schema, std::string_view query);

  DocumentCacheStats stats() const;
  void clear();

 private:
  struct Shard;

  PreparedDocument prepare(const Schema& schema, std::string_view query) const;

  DocumentCacheOptions options_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> evictions_{0};
};

}  // namespace ecn::graphql::execution
