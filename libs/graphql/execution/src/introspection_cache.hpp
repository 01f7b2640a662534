#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ecn::graphql::execution::detail {

// Completed results of introspection root fields (`__schema`, `__type`) of operations without
// variables. Such a result depends only on the immutable schema and the query text, so tools
// that send the same introspection query again (GraphiQL, codegen) get a copy instead of a
// fresh execution. Thread-safe; bounded (emptied when full).
class IntrospectionCache {
 public:
  explicit IntrospectionCache(std::size_t capacity) : capacity_(capacity) {}

  // The result of root field `key` of operation `operation` in `document`, or null.
  std::shared_ptr<const boost::json::value> find(std::string_view document,
                                                 std::string_view operation,
                                                 std::string_view key) const;
  void store(std::string_view document, std::string_view operation, std::string_view key,
             const boost::json::value& result);

 private:
  struct Entry {
    std::string document;
    std::string operation;
    std::string key;
    std::shared_ptr<const boost::json::value> result;
  };

  static std::size_t hash(std::string_view document, std::string_view operation,
                          std::string_view key);

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_multimap<std::size_t, Entry> entries_;
};

}  // namespace ecn::graphql::execution::detail
