#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/document.hpp"
#include "ecn/graphql/execution/resolver.hpp"
#include "ecn/graphql/schema.hpp"

namespace ecn::graphql::execution::detail {

// One response key of a collected selection set: its merged field nodes and what the schema
// binds to them. Depends only on the document, the object type and the @skip/@include
// outcomes, never on a request's data.
struct PlannedGroup {
  std::string_view key;
  std::span<const ast::Field* const> nodes;  // into the owning PlannedFields
  const schema::Field* def = nullptr;        // null: not a field of the type (skipped)
  const Resolver* resolver = nullptr;
};

// The result of CollectFields plus grouping for one (object type, selection) pair.
struct PlannedFields {
  explicit PlannedFields(std::pmr::memory_resource* memory) : groups(memory), nodes(memory) {}
  std::pmr::vector<PlannedGroup> groups;
  std::pmr::vector<const ast::Field*> nodes;
  // For plans shared across requests: the response object of this selection, every key in
  // order with a null value. Copying it skips the duplicate-key check of each insertion.
  std::optional<boost::json::object> prototype;
};

// The field plans of one document, shared by every request that executes it. Thread-safe;
// plans are immutable once stored and live as long as this object.
class DocumentPlans {
 public:
  // `parent` identifies the selection: the operation's selection set for root fields, else
  // the parent group's node array (itself from a plan here). `signature` encodes the values
  // that decide @skip/@include.
  const PlannedFields* find(const schema::Type* type, const void* parent,
                            std::uint64_t signature) const;
  // Stores `plan` unless another thread stored one first; returns the one kept.
  const PlannedFields* insert(const schema::Type* type, const void* parent, std::uint64_t signature,
                              std::unique_ptr<const PlannedFields> plan);

 private:
  using Key = std::tuple<const schema::Type*, const void*, std::uint64_t>;
  mutable std::mutex mutex_;
  std::map<Key, std::unique_ptr<const PlannedFields>> plans_;
};

// DocumentPlans per live document, for one executable schema. Entries of documents that died
// are dropped when the cache fills up.
class PlanCache {
 public:
  explicit PlanCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<DocumentPlans> for_document(const std::shared_ptr<const Document>& document);

 private:
  struct Entry {
    std::weak_ptr<const Document> document;
    std::shared_ptr<DocumentPlans> plans;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<const Document*, Entry> entries_;
};

}  // namespace ecn::graphql::execution::detail
