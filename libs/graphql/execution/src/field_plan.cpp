#include "field_plan.hpp"

#include <iterator>

namespace ecn::graphql::execution::detail {

const PlannedFields* DocumentPlans::find(const schema::Type* type, const void* parent,
                                         std::uint64_t signature) const {
  std::lock_guard lock(mutex_);
  const auto found = plans_.find(Key{type, parent, signature});
  return found == plans_.end() ? nullptr : found->second.get();
}

const PlannedFields* DocumentPlans::insert(const schema::Type* type, const void* parent,
                                           std::uint64_t signature,
                                           std::unique_ptr<const PlannedFields> plan) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = plans_.try_emplace(Key{type, parent, signature}, std::move(plan));
  return it->second.get();
}

std::shared_ptr<DocumentPlans> PlanCache::for_document(
    const std::shared_ptr<const Document>& document) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(document.get());
  // A dead document's address may be reused by a new one: its plans must not be.
  if (found != entries_.end() && found->second.document.lock() == document) {
    return found->second.plans;
  }
  if (found == entries_.end() && entries_.size() >= capacity_) {
    std::erase_if(entries_, [](const auto& entry) { return entry.second.document.expired(); });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  auto plans = std::make_shared<DocumentPlans>();
  entries_[document.get()] = Entry{document, plans};
  return plans;
}

}  // namespace ecn::graphql::execution::detail
