#include "introspection_cache.hpp"

#include <functional>

namespace ecn::graphql::execution::detail {

std::size_t IntrospectionCache::hash(std::string_view document, std::string_view operation,
                                     std::string_view key) {
  const std::hash<std::string_view> h;
  std::size_t seed = h(document);
  seed ^= h(operation) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  seed ^= h(key) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}

std::shared_ptr<const boost::json::value> IntrospectionCache::find(std::string_view document,
                                                                   std::string_view operation,
                                                                   std::string_view key) const {
  const std::size_t code = hash(document, operation, key);
  std::lock_guard lock(mutex_);
  const auto [first, last] = entries_.equal_range(code);
  for (auto it = first; it != last; ++it) {
    const Entry& entry = it->second;
    if (entry.document == document && entry.operation == operation && entry.key == key) {
      return entry.result;
    }
  }
  return nullptr;
}

void IntrospectionCache::store(std::string_view document, std::string_view operation,
                               std::string_view key, const boost::json::value& result) {
  if (capacity_ == 0) return;
  // Copied into default storage: the request's arena dies with its response.
  auto kept = std::make_shared<const boost::json::value>(result, boost::json::storage_ptr());
  const std::size_t code = hash(document, operation, key);
  std::lock_guard lock(mutex_);
  const auto [first, last] = entries_.equal_range(code);
  for (auto it = first; it != last; ++it) {
    const Entry& entry = it->second;
    if (entry.document == document && entry.operation == operation && entry.key == key) return;
  }
  if (entries_.size() >= capacity_) entries_.clear();
  entries_.emplace(code, Entry{std::string(document), std::string(operation), std::string(key),
                               std::move(kept)});
}

}  // namespace ecn::graphql::execution::detail
