// KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes, ScalarLeafs,
// FieldsOnCorrectType.
#include <algorithm>
#include <array>
#include <string>

#include "ecn/graphql/printer.hpp"
#include "ecn/graphql/suggestions.hpp"
#include "rule.hpp"
#include "text.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

// graphql-js's type map always holds the introspection types; ours does not yet.
constexpr std::array<std::string_view, 8> kIntrospectionTypes = {
    "__Schema", "__Directive",  "__DirectiveLocation", "__Type",
    "__Field",  "__InputValue", "__EnumValue",         "__TypeKind"};

class KnownTypeNames final : public RuleVisitor {
 public:
  explicit KnownTypeNames(Context& context) : RuleVisitor(context, kind_bit(Kind::kNamedType), 0) {
    for (const ast::Definition* definition : context.document().definitions()) {
      if (ast::is_type_definition(definition->kind)) {
        defined_.push_back(ast::type_definition_name(*definition)->value);
      }
    }
  }
  bool enter(const ast::Node& node) override {
    const std::string_view name = ast::cast<ast::NamedType>(node).name.value;
    if (context_.schema().type(name) != nullptr) return true;
    if (std::find(kIntrospectionTypes.begin(), kIntrospectionTypes.end(), name) !=
            kIntrospectionTypes.end() ||
        std::find(defined_.begin(), defined_.end(), name) != defined_.end()) {
      return true;
    }
    std::string hint;
    if (!context_.hide_suggestions()) {
      std::vector<std::string_view> names;
      for (const schema::Type* type : context_.schema().types()) names.push_back(type->name);
      names.insert(names.end(), kIntrospectionTypes.begin(), kIntrospectionTypes.end());
      names.insert(names.end(), defined_.begin(), defined_.end());
      hint = suggest(false, name, names);
    }
    context_.report("Unknown type \"" + std::string(name) + "\"." + hint, {&node});
    return true;
  }

 private:
  std::vector<std::string_view> defined_;
};

class FragmentsOnCompositeTypes final : public RuleVisitor {
 public:
  explicit FragmentsOnCompositeTypes(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kInlineFragment) | kind_bit(Kind::kFragmentDefinition),
                    0) {}
  bool enter(const ast::Node& node) override {
    if (const auto* inline_fragment = ast::as<ast::InlineFragment>(&node)) {
      const ast::NamedType* condition = inline_fragment->type_condition;
      if (condition != nullptr && !composite_or_unknown(*condition)) {
        context_.report("Fragment cannot condition on non composite type \"" +
                            std::string(condition->name.value) + "\".",
                        {condition});
      }
    } else {
      const auto& fragment = ast::cast<ast::FragmentDefinition>(node);
      if (!composite_or_unknown(*fragment.type_condition)) {
        context_.report("Fragment \"" + std::string(fragment.name.value) +
                            "\" cannot condition on non composite type \"" +
                            std::string(fragment.type_condition->name.value) + "\".",
                        {fragment.type_condition});
      }
    }
    return true;
  }

 private:
  bool composite_or_unknown(const ast::NamedType& condition) const {
    const schema::Type* type = context_.named_type_from_ast(condition);
    return type == nullptr || type->is_composite();
  }
};

class VariablesAreInputTypes final : public RuleVisitor {
 public:
  explicit VariablesAreInputTypes(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kVariableDefinition), 0) {}
  bool enter(const ast::Node& node) override {
    const auto& definition = ast::cast<ast::VariableDefinition>(node);
    const schema::TypeRef* type = context_.type_from_ast(*definition.type);
    if (type != nullptr && !type->named->is_input()) {
      context_.report("Variable \"$" + std::string(definition.variable->name.value) +
                          "\" cannot be non-input type \"" + print(*definition.type) + "\".",
                      {definition.type});
    }
    return true;
  }
};

class ScalarLeafs final : public RuleVisitor {
 public:
  explicit ScalarLeafs(Context& context) : RuleVisitor(context, kind_bit(Kind::kField), 0) {}
  bool enter(const ast::Node& node) override {
    const schema::TypeRef* type = context_.type();
    if (type == nullptr) return true;
    const auto& field = ast::cast<ast::Field>(node);
    const std::string name(field.name.value);
    if (type->named->is_leaf()) {
      if (field.selection_set != nullptr) {
        context_.report("Field \"" + name + "\" must not have a selection since type \"" +
                            Context::type_string(*type) + "\" has no subfields.",
                        {field.selection_set});
      }
    } else if (field.selection_set == nullptr) {
      context_.report("Field \"" + name + "\" of type \"" + Context::type_string(*type) +
                          "\" must have a selection of subfields. Did you mean \"" + name +
                          " { ... }\"?",
                      {&node});
    }
    return true;
  }
};

class FieldsOnCorrectType final : public RuleVisitor {
 public:
  explicit FieldsOnCorrectType(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kField), 0) {}
  bool enter(const ast::Node& node) override {
    const schema::Type* type = context_.parent_type();
    if (type == nullptr || context_.field_def() != nullptr) return true;
    const std::string_view name = ast::cast<ast::Field>(node).name.value;
    std::string hint;
    if (!context_.hide_suggestions()) {
      const std::vector<std::string_view> types = suggested_type_names(*type, name);
      hint = did_you_mean("to use an inline fragment on", types);
      if (hint.empty() && type->kind != schema::TypeKind::kUnion) {
        std::vector<std::string_view> names;
        names.reserve(type->fields.size());
        for (const schema::Field& field : type->fields) names.push_back(field.name);
        hint = suggest(false, name, names);
      }
    }
    context_.report("Cannot query field \"" + std::string(name) + "\" on type \"" +
                        std::string(type->name) + "\"." + hint,
                    {&node});
    return true;
  }

 private:
  std::vector<std::string_view> suggested_type_names(const schema::Type& type,
                                                     std::string_view field) const {
    std::vector<std::pair<const schema::Type*, int>> suggested;
    if (!type.is_abstract()) return {};
    auto add = [&](const schema::Type* t) {
      for (auto& entry : suggested) {
        if (entry.first == t) {
          ++entry.second;
          return;
        }
      }
      suggested.emplace_back(t, 1);
    };
    for (const schema::Type* possible : type.possible_types) {
      if (possible->field(field) == nullptr) continue;
      add(possible);
      for (const schema::Type* interface : possible->interfaces) {
        if (interface->field(field) != nullptr) add(interface);
      }
    }
    const Schema& schema = context_.schema();
    std::stable_sort(suggested.begin(), suggested.end(), [&](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      if (a.first->kind == schema::TypeKind::kInterface && schema.is_sub_type(*a.first, *b.first)) {
        return true;
      }
      if (b.first->kind == schema::TypeKind::kInterface && schema.is_sub_type(*b.first, *a.first)) {
        return false;
      }
      return natural_less(a.first->name, b.first->name);
    });
    std::vector<std::string_view> names;
    for (const auto& entry : suggested) names.push_back(entry.first->name);
    return names;
  }
};

}  // namespace

RulePtr make_known_type_names(Context& context) {
  return std::make_unique<KnownTypeNames>(context);
}
RulePtr make_fragments_on_composite_types(Context& context) {
  return std::make_unique<FragmentsOnCompositeTypes>(context);
}
RulePtr make_variables_are_input_types(Context& context) {
  return std::make_unique<VariablesAreInputTypes>(context);
}
RulePtr make_scalar_leafs(Context& context) {
  return std::make_unique<ScalarLeafs>(context);
}
RulePtr make_fields_on_correct_type(Context& context) {
  return std::make_unique<FieldsOnCorrectType>(context);
}

}  // namespace ecn::graphql::validation::detail
