// OverlappingFieldsCanBeMerged (spec 5.3.2), following graphql-js 16.15's algorithm: fields
// are collected once per (parent type, selection set), fragment pairs already compared are
// memoized (with the "mutually exclusive" flag), and a work budget stops hostile documents.
#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>

#include "rule.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

constexpr std::size_t kMaxConflictDetailLength = 1000;
constexpr std::size_t kMaxConflictNodes = 20;
constexpr long kMaxComplexityBudget = 500000;

struct FieldDetail {
  const schema::Type* parent_type;
  const ast::Field* node;
  const schema::Field* def;
  bool simple_leaf;
};

struct CollectResult;

struct Overlap {
  std::string_view response_name;
  const std::vector<const FieldDetail*>* fields1;
  const std::vector<const FieldDetail*>* fields2;
};

struct CollectResult {
  std::vector<std::pair<std::string_view, std::vector<const FieldDetail*>>> grouped;
  std::unordered_map<std::string_view, std::size_t> index;  // response name -> grouped position
  std::vector<std::string_view> fragment_names;
  std::unordered_map<std::string_view, bool> compared_fragments;
  std::unordered_map<const CollectResult*, std::vector<Overlap>> overlapping;

  const std::vector<const FieldDetail*>* find(std::string_view name) const {
    const auto found = index.find(name);
    return found == index.end() ? nullptr : &grouped[found->second].second;
  }
};

struct Conflict {
  std::string_view response_name;
  std::string reason;
  std::vector<const ast::Field*> fields1;
  std::vector<const ast::Field*> fields2;
};

std::string abbreviate(std::string text) {
  if (text.size() > kMaxConflictDetailLength) {
    text.resize(kMaxConflictDetailLength);
    text += "...";
  }
  return text;
}

struct PairHash {
  template <class A, class B>
  std::size_t operator()(const std::pair<A, B>& pair) const {
    return std::hash<A>()(pair.first) * 31 + std::hash<B>()(pair.second);
  }
};

class OverlappingFieldsCanBeMerged final : public RuleVisitor {
 public:
  explicit OverlappingFieldsCanBeMerged(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kSelectionSet) | kind_bit(Kind::kInlineFragment), 0) {}

  bool enter(const ast::Node& node) override {
    if (const auto* inline_fragment = ast::as<ast::InlineFragment>(&node)) {
      inline_set_ = inline_fragment->selection_set;
      return true;
    }
    const auto& set = ast::cast<ast::SelectionSet>(node);
    if (&set == inline_set_) return true;
    if (set.selections.size() <= 1 &&
        (set.selections.empty() || set.selections[0]->kind != Kind::kInlineFragment)) {
      return true;
    }
    std::vector<Conflict> conflicts;
    find_within(context_.parent_type(), set, conflicts);
    for (const Conflict& conflict : conflicts) {
      std::vector<Location> locations;
      for (const ast::Field* field : conflict.fields1) locations.push_back(field->loc);
      for (const ast::Field* field : conflict.fields2) locations.push_back(field->loc);
      context_.report("Fields \"" + abbreviate(std::string(conflict.response_name)) +
                          "\" conflict because " + conflict.reason +
                          ". Use different aliases on the fields to fetch both if this was "
                          "intentional.",
                      std::move(locations));
    }
    return true;
  }

 private:
  void spend(long cost) {
    budget_ -= cost;
    if (budget_ < 0) throw Aborted{};
  }

  // --- Collecting fields

  CollectResult& collect(const schema::Type* parent, const ast::SelectionSet& set) {
    auto [it, inserted] = collected_.try_emplace({parent, &set}, nullptr);
    if (inserted) {
      results_.emplace_back();
      it->second = &results_.back();
      collect_into(parent, set, *it->second);
    }
    return *it->second;
  }

  void collect_into(const schema::Type* parent, const ast::SelectionSet& set,
                    CollectResult& result) {
    for (const ast::Selection* selection : set.selections) {
      if (const auto* field = ast::as<ast::Field>(selection)) {
        const schema::Field* def = nullptr;
        if (parent != nullptr && (parent->kind == schema::TypeKind::kObject ||
                                  parent->kind == schema::TypeKind::kInterface)) {
          def = parent->field(field->name.value);
        }
        details_.push_back(FieldDetail{
            parent, field, def, field->arguments.empty() && field->selection_set == nullptr});
        const std::string_view key = field->response_key();
        auto [pos, fresh] = result.index.try_emplace(key, result.grouped.size());
        if (fresh) result.grouped.emplace_back(key, std::vector<const FieldDetail*>{});
        result.grouped[pos->second].second.push_back(&details_.back());
      } else if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
        const std::string_view name = spread->name.value;
        if (std::find(result.fragment_names.begin(), result.fragment_names.end(), name) ==
            result.fragment_names.end()) {
          result.fragment_names.push_back(name);
        }
      } else if (const auto* inline_fragment = ast::as<ast::InlineFragment>(selection)) {
        const schema::Type* type =
            inline_fragment->type_condition != nullptr
                ? context_.named_type_from_ast(*inline_fragment->type_condition)
                : parent;
        collect_into(type, *inline_fragment->selection_set, result);
      }
    }
  }

  CollectResult& collect_fragment(const ast::FragmentDefinition& fragment) {
    return collect(context_.named_type_from_ast(*fragment.type_condition), *fragment.selection_set);
  }

  // --- Finding conflicts

  void find_within(const schema::Type* parent, const ast::SelectionSet& set,
                   std::vector<Conflict>& conflicts) {
    CollectResult& result = collect(parent, set);
    for (const auto& [name, fields] : result.grouped) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        for (std::size_t j = i + 1; j < fields.size(); ++j) {
          find_conflict(false, name, *fields[i], *fields[j], conflicts);
        }
      }
    }
    const auto& names = result.fragment_names;
    if (!names.empty() && (!result.grouped.empty() || names.size() > 1)) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        between_fields_and_fragment(false, result, names[i], conflicts);
        for (std::size_t j = i + 1; j < names.size(); ++j) {
          between_fragments(false, names[i], names[j], conflicts);
        }
      }
    }
  }

  void between_fields_and_fragment(bool exclusive, CollectResult& result,
                                   std::string_view fragment_name,
                                   std::vector<Conflict>& conflicts) {
    spend(1);
    if (result.grouped.empty()) return;
    auto [it, inserted] = result.compared_fragments.try_emplace(fragment_name, exclusive);
    if (!inserted) {
      if (!it->second || (exclusive && it->second)) return;
      it->second = exclusive;
    }
    const ast::FragmentDefinition* fragment = context_.fragment(fragment_name);
    if (fragment == nullptr) return;
    CollectResult& other = collect_fragment(*fragment);
    if (&other == &result) return;
    between(exclusive, result, other, conflicts);
    for (std::string_view referenced : other.fragment_names) {
      between_fields_and_fragment(exclusive, result, referenced, conflicts);
    }
  }

  bool pair_seen(std::string_view a, std::string_view b, bool exclusive) const {
    const auto found = compared_pairs_.find({a, b});
    if (found == compared_pairs_.end()) return false;
    return exclusive ? true : found->second == exclusive;
  }

  void between_fragments(bool exclusive, std::string_view name1, std::string_view name2,
                         std::vector<Conflict>& conflicts) {
    spend(2);
    if (name1 == name2) return;
    if (pair_seen(name1, name2, exclusive) || pair_seen(name2, name1, exclusive)) return;
    compared_pairs_[{name1, name2}] = exclusive;
    const ast::FragmentDefinition* fragment1 = context_.fragment(name1);
    const ast::FragmentDefinition* fragment2 = context_.fragment(name2);
    if (fragment1 == nullptr || fragment2 == nullptr) return;
    CollectResult& result1 = collect_fragment(*fragment1);
    CollectResult& result2 = collect_fragment(*fragment2);
    between(exclusive, result1, result2, conflicts);
    for (std::string_view referenced2 : result2.fragment_names) {
      between_fragments(exclusive, name1, referenced2, conflicts);
    }
    for (std::string_view referenced1 : result1.fragment_names) {
      between_fragments(exclusive, referenced1, name2, conflicts);
    }
  }

  void between_sub_selection_sets(bool exclusive, const schema::Type* parent1,
                                  const ast::SelectionSet& set1, const schema::Type* parent2,
                                  const ast::SelectionSet& set2, std::vector<Conflict>& conflicts) {
    CollectResult& result1 = collect(parent1, set1);
    CollectResult& result2 = collect(parent2, set2);
    between(exclusive, result1, result2, conflicts);
    for (std::string_view name2 : result2.fragment_names) {
      between_fields_and_fragment(exclusive, result1, name2, conflicts);
    }
    for (std::string_view name1 : result1.fragment_names) {
      between_fields_and_fragment(exclusive, result2, name1, conflicts);
    }
    for (std::string_view name1 : result1.fragment_names) {
      for (std::string_view name2 : result2.fragment_names) {
        between_fragments(exclusive, name1, name2, conflicts);
      }
    }
  }

  const std::vector<Overlap>& overlapping(CollectResult& result1, const CollectResult& result2) {
    auto [it, inserted] = result1.overlapping.try_emplace(&result2);
    if (inserted) {
      for (const auto& [name, fields1] : result1.grouped) {
        spend(1);
        if (const auto* fields2 = result2.find(name)) {
          it->second.push_back(Overlap{name, &fields1, fields2});
        }
      }
    }
    return it->second;
  }

  void between(bool exclusive, CollectResult& result1, const CollectResult& result2,
               std::vector<Conflict>& conflicts) {
    if (result1.grouped.empty() || result2.grouped.empty()) return;
    for (const Overlap& overlap : overlapping(result1, result2)) {
      for (const FieldDetail* field1 : *overlap.fields1) {
        for (const FieldDetail* field2 : *overlap.fields2) {
          find_conflict(exclusive, overlap.response_name, *field1, *field2, conflicts);
        }
      }
    }
  }

  enum class Reason : std::uint8_t { kNone, kDifferentFields, kDifferingArguments };

  void find_conflict(bool parents_exclusive, std::string_view response_name,
                     const FieldDetail& field1, const FieldDetail& field2,
                     std::vector<Conflict>& conflicts) {
    const bool exclusive =
        parents_exclusive ||
        (field1.parent_type != field2.parent_type && field1.parent_type != nullptr &&
         field2.parent_type != nullptr && field1.parent_type->kind == schema::TypeKind::kObject &&
         field2.parent_type->kind == schema::TypeKind::kObject);
    spend(2);
    const schema::TypeRef* type1 = field1.def == nullptr ? nullptr : field1.def->type;
    const schema::TypeRef* type2 = field2.def == nullptr ? nullptr : field2.def->type;
    if (field1.simple_leaf && field2.simple_leaf && same_type(type1, type2) &&
        field1.node->name.value == field2.node->name.value) {
      return;
    }
    const ast::Field& node1 = *field1.node;
    const ast::Field& node2 = *field2.node;
    if (!exclusive) {
      auto [it, inserted] = reasons_.try_emplace({&field1, &field2}, Reason::kNone);
      if (inserted) {
        if (node1.name.value != node2.name.value) {
          it->second = Reason::kDifferentFields;
        } else if (!same_arguments(node1.arguments, node2.arguments)) {
          it->second = Reason::kDifferingArguments;
        }
      }
      if (it->second != Reason::kNone) {
        std::string reason = it->second == Reason::kDifferentFields
                                 ? "\"" + abbreviate(std::string(node1.name.value)) + "\" and \"" +
                                       abbreviate(std::string(node2.name.value)) +
                                       "\" are different fields"
                                 : std::string("they have differing arguments");
        conflicts.push_back(Conflict{response_name, std::move(reason), {&node1}, {&node2}});
        return;
      }
    }
    if (type1 != nullptr && type2 != nullptr && types_conflict(*type1, *type2)) {
      conflicts.push_back(Conflict{response_name,
                                   "they return conflicting types \"" +
                                       Context::type_string(*type1) + "\" and \"" +
                                       Context::type_string(*type2) + "\"",
                                   {&node1},
                                   {&node2}});
      return;
    }
    if (node1.selection_set != nullptr && node2.selection_set != nullptr) {
      std::vector<Conflict> sub;
      between_sub_selection_sets(exclusive, type1 == nullptr ? nullptr : type1->named,
                                 *node1.selection_set, type2 == nullptr ? nullptr : type2->named,
                                 *node2.selection_set, sub);
      if (!sub.empty()) conflicts.push_back(subfield_conflicts(sub, response_name, node1, node2));
    }
  }

  static Conflict subfield_conflicts(const std::vector<Conflict>& sub,
                                     std::string_view response_name, const ast::Field& node1,
                                     const ast::Field& node2) {
    std::string message;
    for (const Conflict& conflict : sub) {
      if (!message.empty()) message += " and ";
      message += "subfields \"" + abbreviate(std::string(conflict.response_name)) +
                 "\" conflict because " + conflict.reason;
      if (message.size() > kMaxConflictDetailLength) break;
    }
    return Conflict{response_name, abbreviate(std::move(message)), conflict_nodes(node1, sub, true),
                    conflict_nodes(node2, sub, false)};
  }

  static std::vector<const ast::Field*> conflict_nodes(const ast::Field& node,
                                                       const std::vector<Conflict>& sub,
                                                       bool first) {
    std::vector<const ast::Field*> nodes{&node};
    for (const Conflict& conflict : sub) {
      const auto& side = first ? conflict.fields1 : conflict.fields2;
      const std::size_t remaining = kMaxConflictNodes - nodes.size();
      const std::size_t take = std::min(remaining, side.size());
      nodes.insert(nodes.end(), side.end() - static_cast<std::ptrdiff_t>(take), side.end());
      if (nodes.size() == kMaxConflictNodes) break;
    }
    return nodes;
  }

  static bool same_type(const schema::TypeRef* a, const schema::TypeRef* b) {
    if (a == nullptr || b == nullptr) return a == b;
    return *a == *b;
  }

  bool types_conflict(const schema::TypeRef& a, const schema::TypeRef& b) {
    if (a == b) return false;
    spend(1);
    if (a.is_list()) return b.is_list() ? types_conflict(*a.of_type, *b.of_type) : true;
    if (b.is_list()) return true;
    if (a.is_non_null()) return b.is_non_null() ? types_conflict(*a.of_type, *b.of_type) : true;
    if (b.is_non_null()) return true;
    if (a.named->is_leaf() || b.named->is_leaf()) return a.named != b.named;
    return false;
  }

  bool same_arguments(ast::List<ast::Argument> a, ast::List<ast::Argument> b) {
    if (a.size() != b.size()) return false;
    for (const ast::Argument* argument : a) {
      spend(1);
      const ast::Value* other = nullptr;
      for (const ast::Argument* candidate : b) {
        if (candidate->name.value == argument->name.value) other = candidate->value;
      }
      if (other == nullptr || !same_value(*argument->value, *other)) return false;
    }
    return true;
  }

  // graphql-js compares argument values by a canonical JSON form: object fields sorted by name,
  // strings with their block flag, everything else by kind and text.
  static bool same_value(const ast::Value& a, const ast::Value& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
      case Kind::kVariable:
        return ast::cast<ast::Variable>(a).name.value == ast::cast<ast::Variable>(b).name.value;
      case Kind::kIntValue:
        return ast::cast<ast::IntValue>(a).value == ast::cast<ast::IntValue>(b).value;
      case Kind::kFloatValue:
        return ast::cast<ast::FloatValue>(a).value == ast::cast<ast::FloatValue>(b).value;
      case Kind::kStringValue: {
        const auto& x = ast::cast<ast::StringValue>(a);
        const auto& y = ast::cast<ast::StringValue>(b);
        return x.value == y.value && x.block == y.block;
      }
      case Kind::kBooleanValue:
        return ast::cast<ast::BooleanValue>(a).value == ast::cast<ast::BooleanValue>(b).value;
      case Kind::kNullValue:
        return true;
      case Kind::kEnumValue:
        return ast::cast<ast::EnumValue>(a).value == ast::cast<ast::EnumValue>(b).value;
      case Kind::kListValue: {
        const auto x = ast::cast<ast::ListValue>(a).values;
        const auto y = ast::cast<ast::ListValue>(b).values;
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
          if (!same_value(*x[i], *y[i])) return false;
        }
        return true;
      }
      case Kind::kObjectValue: {
        const auto x = sorted_fields(ast::cast<ast::ObjectValue>(a));
        const auto y = sorted_fields(ast::cast<ast::ObjectValue>(b));
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
          if (x[i]->name.value != y[i]->name.value || !same_value(*x[i]->value, *y[i]->value)) {
            return false;
          }
        }
        return true;
      }
      default:
        return false;
    }
  }

  static std::vector<const ast::ObjectField*> sorted_fields(const ast::ObjectValue& object) {
    std::vector<const ast::ObjectField*> fields(object.fields.begin(), object.fields.end());
    std::stable_sort(fields.begin(), fields.end(),
                     [](const ast::ObjectField* x, const ast::ObjectField* y) {
                       return x->name.value < y->name.value;
                     });
    return fields;
  }

  const ast::SelectionSet* inline_set_ = nullptr;
  long budget_ = kMaxComplexityBudget;
  std::deque<FieldDetail> details_;
  std::deque<CollectResult> results_;
  std::unordered_map<std::pair<const schema::Type*, const ast::SelectionSet*>, CollectResult*,
                     PairHash>
      collected_;
  std::unordered_map<std::pair<std::string_view, std::string_view>, bool, PairHash> compared_pairs_;
  std::unordered_map<std::pair<const FieldDetail*, const FieldDetail*>, Reason, PairHash> reasons_;
};

}  // namespace

RulePtr make_overlapping_fields_can_be_merged(Context& context) {
  return std::make_unique<OverlappingFieldsCanBeMerged>(context);
}

}  // namespace ecn::graphql::validation::detail
