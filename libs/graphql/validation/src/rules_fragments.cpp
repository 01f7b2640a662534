// UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments, PossibleFragmentSpreads,
// NoFragmentCycles.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "rule.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

class UniqueFragmentNames final : public RuleVisitor {
 public:
  explicit UniqueFragmentNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kFragmentDefinition), 0) {}
  bool enter(const ast::Node& node) override {
    const ast::Name& name = ast::cast<ast::FragmentDefinition>(node).name;
    auto [it, inserted] = seen_.try_emplace(name.value, &name);
    if (!inserted) {
      context_.report("There can be only one fragment named \"" + std::string(name.value) + "\".",
                      {it->second->loc, name.loc});
    }
    return false;
  }

 private:
  std::unordered_map<std::string_view, const ast::Name*> seen_;
};

class KnownFragmentNames final : public RuleVisitor {
 public:
  explicit KnownFragmentNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kFragmentSpread), 0) {}
  bool enter(const ast::Node& node) override {
    const ast::Name& name = ast::cast<ast::FragmentSpread>(node).name;
    if (context_.fragment(name.value) == nullptr) {
      context_.report("Unknown fragment \"" + std::string(name.value) + "\".", {name.loc});
    }
    return true;
  }
};

class NoUnusedFragments final : public RuleVisitor {
 public:
  explicit NoUnusedFragments(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kOperationDefinition), kind_bit(Kind::kDocument)) {}
  bool enter(const ast::Node& node) override {
    for (const ast::FragmentDefinition* fragment : context_.recursively_referenced_fragments(
             *ast::cast<ast::OperationDefinition>(node).selection_set)) {
      used_.insert(fragment->name.value);
    }
    return false;
  }
  void leave(const ast::Node& /*document*/) override {
    for (const ast::Definition* definition : context_.document().definitions()) {
      const auto* fragment = ast::as<ast::FragmentDefinition>(definition);
      if (fragment != nullptr && !used_.contains(fragment->name.value)) {
        context_.report("Fragment \"" + std::string(fragment->name.value) + "\" is never used.",
                        {fragment});
      }
    }
  }

 private:
  std::unordered_set<std::string_view> used_;
};

bool types_overlap(const Schema& schema, const schema::Type& a, const schema::Type& b) {
  if (&a == &b) return true;
  if (a.is_abstract()) {
    if (b.is_abstract()) {
      return std::any_of(a.possible_types.begin(), a.possible_types.end(),
                         [&](const schema::Type* type) { return schema.is_sub_type(b, *type); });
    }
    return schema.is_sub_type(a, b);
  }
  if (b.is_abstract()) return schema.is_sub_type(b, a);
  return false;
}

class PossibleFragmentSpreads final : public RuleVisitor {
 public:
  explicit PossibleFragmentSpreads(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kInlineFragment) | kind_bit(Kind::kFragmentSpread), 0) {
  }
  bool enter(const ast::Node& node) override {
    const schema::Type* parent = context_.parent_type();
    if (node.kind == Kind::kInlineFragment) {
      const schema::TypeRef* type = context_.type();
      const schema::Type* fragment_type = type == nullptr ? nullptr : type->named;
      if (fragment_type != nullptr && fragment_type->is_composite() && parent != nullptr &&
          !types_overlap(context_.schema(), *fragment_type, *parent)) {
        context_.report("Fragment cannot be spread here as objects of type \"" +
                            std::string(parent->name) + "\" can never be of type \"" +
                            std::string(fragment_type->name) + "\".",
                        {&node});
      }
      return true;
    }
    const std::string_view name = ast::cast<ast::FragmentSpread>(node).name.value;
    const ast::FragmentDefinition* fragment = context_.fragment(name);
    if (fragment == nullptr || parent == nullptr) return true;
    const schema::Type* fragment_type = context_.named_type_from_ast(*fragment->type_condition);
    if (fragment_type != nullptr && fragment_type->is_composite() &&
        !types_overlap(context_.schema(), *fragment_type, *parent)) {
      context_.report("Fragment \"" + std::string(name) +
                          "\" cannot be spread here as objects of type \"" +
                          std::string(parent->name) + "\" can never be of type \"" +
                          std::string(fragment_type->name) + "\".",
                      {&node});
    }
    return true;
  }
};

class NoFragmentCycles final : public RuleVisitor {
 public:
  explicit NoFragmentCycles(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kFragmentDefinition), 0) {}
  bool enter(const ast::Node& node) override {
    detect(ast::cast<ast::FragmentDefinition>(node));
    return false;
  }

 private:
  void detect(const ast::FragmentDefinition& fragment) {
    const std::string_view name = fragment.name.value;
    if (!visited_.insert(name).second) return;
    const auto& spreads = context_.fragment_spreads(*fragment.selection_set);
    if (spreads.empty()) return;
    path_index_[name] = path_.size();
    for (const ast::FragmentSpread* spread : spreads) {
      const std::string_view spread_name = spread->name.value;
      path_.push_back(spread);
      const auto cycle = path_index_.find(spread_name);
      if (cycle == path_index_.end()) {
        if (const ast::FragmentDefinition* target = context_.fragment(spread_name)) detect(*target);
      } else {
        std::string via;
        std::vector<Location> locations;
        for (std::size_t i = cycle->second; i < path_.size(); ++i) {
          locations.push_back(path_[i]->loc);
          if (i + 1 < path_.size()) {
            if (!via.empty()) via += ", ";
            via += "\"" + std::string(path_[i]->name.value) + "\"";
          }
        }
        context_.report("Cannot spread fragment \"" + std::string(spread_name) +
                            "\" within itself" + (via.empty() ? "." : " via " + via + "."),
                        std::move(locations));
      }
      path_.pop_back();
    }
    path_index_.erase(name);
  }

  std::unordered_set<std::string_view> visited_;
  std::vector<const ast::FragmentSpread*> path_;
  std::unordered_map<std::string_view, std::size_t> path_index_;
};

}  // namespace

RulePtr make_unique_fragment_names(Context& context) {
  return std::make_unique<UniqueFragmentNames>(context);
}
RulePtr make_known_fragment_names(Context& context) {
  return std::make_unique<KnownFragmentNames>(context);
}
RulePtr make_no_unused_fragments(Context& context) {
  return std::make_unique<NoUnusedFragments>(context);
}
RulePtr make_possible_fragment_spreads(Context& context) {
  return std::make_unique<PossibleFragmentSpreads>(context);
}
RulePtr make_no_fragment_cycles(Context& context) {
  return std::make_unique<NoFragmentCycles>(context);
}

}  // namespace ecn::graphql::validation::detail
