// Cost limits: graphql-js's MaxIntrospectionDepth (recommendedRules) and our own maximum
// depth and field count per operation, fragments expanded. Introspection is bounded by
// MaxIntrospectionDepth (and the field count), not by the depth limit: every client's schema
// query (graphql-js getIntrospectionQuery) nests `ofType` 15 deep.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "rule.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

class MaxIntrospectionDepth final : public RuleVisitor {
 public:
  explicit MaxIntrospectionDepth(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kField), 0) {}
  bool enter(const ast::Node& node) override {
    const std::string_view name = ast::cast<ast::Field>(node).name.value;
    if (name != "__schema" && name != "__type") return true;
    visited_.clear();
    if (check(node, 0)) {
      context_.report("Maximum introspection depth exceeded", {&node});
      return false;
    }
    return true;
  }

 private:
  static constexpr int kMaxListsDepth = 3;

  bool check_set(const ast::SelectionSet* set, int depth) {
    if (set == nullptr) return false;
    for (const ast::Selection* selection : set->selections) {
      if (check(*selection, depth)) return true;
    }
    return false;
  }

  bool check(const ast::Node& node, int depth) {
    if (const auto* spread = ast::as<ast::FragmentSpread>(&node)) {
      const std::string_view name = spread->name.value;
      if (const auto exceeded = exceeded_.find(name);
          exceeded != exceeded_.end() && exceeded->second <= depth) {
        return true;
      }
      const auto visited = visited_.find(name);
      const auto checked = checked_.find(name);
      if ((visited != visited_.end() && visited->second >= depth) ||
          (checked != checked_.end() && checked->second >= depth)) {
        return false;
      }
      const ast::FragmentDefinition* fragment = context_.fragment(name);
      if (fragment == nullptr) return false;
      visited_[name] = depth;
      if (check_set(fragment->selection_set, depth)) {
        exceeded_[name] = depth;
        return true;
      }
      checked_[name] = depth;
      return false;
    }
    if (const auto* field = ast::as<ast::Field>(&node)) {
      const std::string_view name = field->name.value;
      if (name == "fields" || name == "interfaces" || name == "possibleTypes" ||
          name == "inputFields") {
        if (++depth >= kMaxListsDepth) return true;
      }
      return check_set(field->selection_set, depth);
    }
    if (const auto* inline_fragment = ast::as<ast::InlineFragment>(&node)) {
      return check_set(inline_fragment->selection_set, depth);
    }
    return false;
  }

  std::unordered_map<std::string_view, int> visited_;
  std::unordered_map<std::string_view, int> checked_;
  std::unordered_map<std::string_view, int> exceeded_;
};

// Measures an operation with fragments expanded, each fragment measured once.
template <class Measure>
class OperationLimit : public RuleVisitor {
 public:
  OperationLimit(Context& context, std::uint64_t maximum)
      : RuleVisitor(context, kind_bit(Kind::kOperationDefinition), 0), maximum_(maximum) {}
  bool enter(const ast::Node& node) override {
    const std::uint64_t value = static_cast<Measure*>(this)->measure(
        *ast::cast<ast::OperationDefinition>(node).selection_set);
    if (value > maximum_) {
      context_.report(static_cast<Measure*>(this)->message(value, maximum_), {&node});
    }
    return true;
  }

 protected:
  // The fragment's measure, memoized; a fragment in a cycle counts 0 inside itself (the cycle
  // is NoFragmentCycles' error).
  std::uint64_t fragment(std::string_view name) {
    auto [it, inserted] = memo_.try_emplace(name, 0);
    if (!inserted) return it->second;
    const ast::FragmentDefinition* definition = context_.fragment(name);
    const std::uint64_t value =
        definition == nullptr
            ? 0
            : static_cast<Measure*>(this)->measure_inner(*definition->selection_set);
    memo_[name] = value;
    return value;
  }

 private:
  std::uint64_t maximum_;
  std::unordered_map<std::string_view, std::uint64_t> memo_;
};

// `__schema` and `__type` lead only to introspection types, never back to the schema's own
// fields, so leaving their subtrees out of the depth leaves nothing else unmeasured.
bool is_introspection_root(const ast::Field& field) {
  return field.name.value == "__schema" || field.name.value == "__type";
}

class MaxDepth final : public OperationLimit<MaxDepth> {
 public:
  using OperationLimit::OperationLimit;
  std::uint64_t measure(const ast::SelectionSet& set) { return 1 + measure_inner(set); }
  // The deepest nesting below `set`'s own level, introspection left out.
  std::uint64_t measure_inner(const ast::SelectionSet& set) {
    std::uint64_t deepest = 0;
    for (const ast::Selection* selection : set.selections) {
      if (const auto* field = ast::as<ast::Field>(selection)) {
        if (field->selection_set != nullptr && !is_introspection_root(*field)) {
          deepest = std::max(deepest, measure(*field->selection_set));
        }
      } else if (const auto* inline_fragment = ast::as<ast::InlineFragment>(selection)) {
        deepest = std::max(deepest, measure_inner(*inline_fragment->selection_set));
      } else if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
        deepest = std::max(deepest, fragment(spread->name.value));
      }
    }
    return deepest;
  }
  static std::string message(std::uint64_t value, std::uint64_t maximum) {
    return "Query depth " + std::to_string(value) + " exceeds the maximum of " +
           std::to_string(maximum) + ".";
  }
};

class MaxFields final : public OperationLimit<MaxFields> {
 public:
  using OperationLimit::OperationLimit;
  std::uint64_t measure(const ast::SelectionSet& set) { return measure_inner(set); }
  std::uint64_t measure_inner(const ast::SelectionSet& set) {
    std::uint64_t count = 0;
    for (const ast::Selection* selection : set.selections) {
      std::uint64_t add = 0;
      if (const auto* field = ast::as<ast::Field>(selection)) {
        add = 1 + (field->selection_set != nullptr ? measure_inner(*field->selection_set) : 0);
      } else if (const auto* inline_fragment = ast::as<ast::InlineFragment>(selection)) {
        add = measure_inner(*inline_fragment->selection_set);
      } else if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
        add = fragment(spread->name.value);
      }
      count = count > UINT64_MAX - add ? UINT64_MAX : count + add;  // fragments can fan out
    }
    return count;
  }
  static std::string message(std::uint64_t value, std::uint64_t maximum) {
    return "Query field count " + std::to_string(value) + " exceeds the maximum of " +
           std::to_string(maximum) + ".";
  }
};

}  // namespace

RulePtr make_max_introspection_depth(Context& context) {
  return std::make_unique<MaxIntrospectionDepth>(context);
}
RulePtr make_max_depth(Context& context) {
  const std::uint32_t maximum = context.options().max_depth;
  return maximum == 0 ? nullptr : std::make_unique<MaxDepth>(context, maximum);
}
RulePtr make_max_fields(Context& context) {
  const std::uint32_t maximum = context.options().max_fields;
  return maximum == 0 ? nullptr : std::make_unique<MaxFields>(context, maximum);
}

}  // namespace ecn::graphql::validation::detail
