#include "ecn/graphql/execution/document_cache.hpp"

#include <algorithm>
#include <functional>
#include <list>
#include <unordered_map>

namespace ecn::graphql::execution {
namespace {

// Identifies a cached query; `text` points into the entry's own copy of the query.
struct Key {
  std::size_t hash;
  const Schema* schema;
  std::string_view text;

  friend bool operator==(const Key& a, const Key& b) {
    return a.hash == b.hash && a.schema == b.schema && a.text == b.text;
  }
};

struct KeyHash {
  std::size_t operator()(const Key& key) const { return key.hash; }
};

struct Entry {
  std::shared_ptr<const Schema> schema;
  std::string query;
  PreparedDocument prepared;
};

std::size_t key_hash(const Schema* schema, std::string_view query) {
  const std::size_t text = std::hash<std::string_view>{}(query);
  const std::size_t identity = std::hash<const void*>{}(schema);
  return text ^ (identity + 0x9e3779b97f4a7c15ULL + (text << 6) + (text >> 2));
}

}  // namespace

// One independently locked LRU: valid and invalid entries age in separate lists.
struct DocumentCache::Shard {
  using List = std::list<Entry>;

  std::mutex mutex;
  List documents;
  List errors;
  std::unordered_map<Key, List::iterator, KeyHash> index;
  std::size_t document_capacity = 0;
  std::size_t error_capacity = 0;
};

DocumentCache::DocumentCache(DocumentCacheOptions options) : options_(std::move(options)) {
  const std::size_t count = std::max<std::size_t>(1, options_.shards);
  shards_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto shard = std::make_unique<Shard>();
    // Spread the capacity so the total stays the configured bound (at least one per shard
    // when anything is to be cached at all).
    const auto share = [&](std::size_t total) {
      if (total == 0) return std::size_t{0};
      return std::max<std::size_t>(1, total / count + (i < total % count ? 1 : 0));
    };
    shard->document_capacity = share(options_.capacity);
    shard->error_capacity = share(options_.error_capacity);
    shards_.push_back(std::move(shard));
  }
}

DocumentCache::~DocumentCache() = default;

PreparedDocument DocumentCache::prepare(const Schema& schema, std::string_view query) const {
  PreparedDocument prepared;
  auto parsed = parse(query, options_.parse);
  if (!parsed) {
    prepared.errors = std::make_shared<const std::vector<DocumentError>>(std::vector<DocumentError>{
        DocumentError{parsed.error().message, {parsed.error().location}}});
    return prepared;
  }
  auto document = std::make_shared<const Document>(std::move(*parsed));
  auto problems = validation::validate(schema, *document, options_.validation);
  if (!problems.empty()) {
    std::vector<DocumentError> errors;
    errors.reserve(problems.size());
    for (auto& problem : problems) {
      errors.push_back(DocumentError{std::move(problem.message), std::move(problem.locations)});
    }
    prepared.errors = std::make_shared<const std::vector<DocumentError>>(std::move(errors));
    return prepared;
  }
  prepared.document = std::move(document);
  return prepared;
}

PreparedDocument DocumentCache::get(const std::shared_ptr<const Schema>& schema,
                                    std::string_view query) {
  const std::size_t hash = key_hash(schema.get(), query);
  Shard& shard = *shards_[hash % shards_.size()];
  const Key probe{hash, schema.get(), query};
  {
    std::lock_guard lock(shard.mutex);
    if (const auto found = shard.index.find(probe); found != shard.index.end()) {
      const auto entry = found->second;
      Shard::List& list = entry->prepared.ok() ? shard.documents : shard.errors;
      list.splice(list.begin(), list, entry);
      hits_.fetch_add(1, std::memory_order_relaxed);
      PreparedDocument out = entry->prepared;
      out.cached = true;
      return out;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  PreparedDocument prepared = prepare(*schema, query);
  if (query.size() > options_.max_cached_query_bytes) return prepared;

  std::lock_guard lock(shard.mutex);
  if (shard.index.contains(probe)) return prepared;  // another thread stored it meanwhile
  Shard::List& list = prepared.ok() ? shard.documents : shard.errors;
  const std::size_t capacity = prepared.ok() ? shard.document_capacity : shard.error_capacity;
  if (capacity == 0) return prepared;
  if (list.size() >= capacity) {
    const Entry& oldest = list.back();
    shard.index.erase(
        Key{key_hash(oldest.schema.get(), oldest.query), oldest.schema.get(), oldest.query});
    list.pop_back();
    evictions_.fetch_add(1, std::memory_order_relaxed);
  }
  list.push_front(Entry{schema, std::string(query), prepared});
  Entry& stored = list.front();
  shard.index.emplace(Key{hash, stored.schema.get(), stored.query}, list.begin());
  return prepared;
}

DocumentCacheStats DocumentCache::stats() const {
  DocumentCacheStats stats;
  stats.hits = hits_.load(std::memory_order_relaxed);
  stats.misses = misses_.load(std::memory_order_relaxed);
  stats.evictions = evictions_.load(std::memory_order_relaxed);
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    stats.size += shard->index.size();
  }
  return stats;
}

void DocumentCache::clear() {
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    shard->index.clear();
    shard->documents.clear();
    shard->errors.clear();
  }
}

}  // namespace ecn::graphql::execution
