// UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables, VariablesInAllowedPosition.
//
// graphql-js checks variable usage when it leaves an operation, following fragments that may
// be defined further down; we record each definition's usages during the one traversal and do
// these checks at the end of the document, filing the errors under the operation's position
// so they come out in graphql-js's order.
#include <algorithm>
#include <string>

#include "rule.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

class UniqueVariableNames final : public RuleVisitor {
 public:
  explicit UniqueVariableNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kOperationDefinition), 0) {}
  bool enter(const ast::Node& node) override {
    const auto definitions = ast::cast<ast::OperationDefinition>(node).variable_definitions;
    for (std::size_t i = 0; i < definitions.size(); ++i) {
      const std::string_view name = definitions[i]->variable->name.value;
      bool first = true;
      for (std::size_t j = 0; j < i && first; ++j) {
        first = definitions[j]->variable->name.value != name;
      }
      if (!first) continue;
      std::vector<Location> locations{definitions[i]->variable->name.loc};
      for (std::size_t j = i + 1; j < definitions.size(); ++j) {
        if (definitions[j]->variable->name.value == name) {
          locations.push_back(definitions[j]->variable->name.loc);
        }
      }
      if (locations.size() > 1) {
        context_.report("There can be only one variable named \"$" + std::string(name) + "\".",
                        std::move(locations));
      }
    }
    return true;
  }
};

// Remembers each operation with its position and checks it once every fragment was walked.
class DeferredOperationRule : public RuleVisitor {
 public:
  explicit DeferredOperationRule(Context& context)
      : RuleVisitor(context, 0, kind_bit(Kind::kOperationDefinition) | kind_bit(Kind::kDocument)) {}
  void leave(const ast::Node& node) override {
    if (const auto* operation = ast::as<ast::OperationDefinition>(&node)) {
      pending_.emplace_back(operation, context_.order());
      return;
    }
    for (const auto& [operation, order] : pending_) {
      check(*operation, context_.recursive_variable_usages(*operation), order);
    }
  }

 protected:
  virtual void check(const ast::OperationDefinition& operation,
                     const std::vector<VariableUsage>& usages, std::uint64_t order) = 0;

  static const ast::VariableDefinition* find_definition(const ast::OperationDefinition& operation,
                                                        std::string_view name) {
    const ast::VariableDefinition* found = nullptr;
    for (const ast::VariableDefinition* definition : operation.variable_definitions) {
      if (definition->variable->name.value == name) found = definition;
    }
    return found;
  }

 private:
  std::vector<std::pair<const ast::OperationDefinition*, std::uint64_t>> pending_;
};

class NoUndefinedVariables final : public DeferredOperationRule {
 public:
  using DeferredOperationRule::DeferredOperationRule;

 protected:
  void check(const ast::OperationDefinition& operation, const std::vector<VariableUsage>& usages,
             std::uint64_t order) override {
    for (const VariableUsage& usage : usages) {
      const std::string_view name = usage.node->name.value;
      if (find_definition(operation, name) != nullptr) continue;
      context_.report_at(order,
                         operation.name.empty()
                             ? "Variable \"$" + std::string(name) + "\" is not defined."
                             : "Variable \"$" + std::string(name) +
                                   "\" is not defined by operation \"" +
                                   std::string(operation.name.value) + "\".",
                         {usage.node->loc, operation.loc});
    }
  }
};

class NoUnusedVariables final : public DeferredOperationRule {
 public:
  using DeferredOperationRule::DeferredOperationRule;

 protected:
  void check(const ast::OperationDefinition& operation, const std::vector<VariableUsage>& usages,
             std::uint64_t order) override {
    for (const ast::VariableDefinition* definition : operation.variable_definitions) {
      const std::string_view name = definition->variable->name.value;
      const bool used = std::any_of(usages.begin(), usages.end(), [&](const VariableUsage& usage) {
        return usage.node->name.value == name;
      });
      if (used) continue;
      context_.report_at(order,
                         operation.name.empty()
                             ? "Variable \"$" + std::string(name) + "\" is never used."
                             : "Variable \"$" + std::string(name) +
                                   "\" is never used in operation \"" +
                                   std::string(operation.name.value) + "\".",
                         {definition->loc});
    }
  }
};

class VariablesInAllowedPosition final : public DeferredOperationRule {
 public:
  using DeferredOperationRule::DeferredOperationRule;

 protected:
  void check(const ast::OperationDefinition& operation, const std::vector<VariableUsage>& usages,
             std::uint64_t order) override {
    const Schema& schema = context_.schema();
    for (const VariableUsage& usage : usages) {
      const std::string_view name = usage.node->name.value;
      const ast::VariableDefinition* definition = find_definition(operation, name);
      if (definition == nullptr || usage.type == nullptr) continue;
      const schema::TypeRef* variable_type = context_.type_from_ast(*definition->type);
      if (variable_type == nullptr) continue;
      if (!allowed(schema, *variable_type, definition->default_value, *usage.type,
                   usage.has_location_default)) {
        context_.report_at(order,
                           "Variable \"$" + std::string(name) + "\" of type \"" +
                               Context::type_string(*variable_type) +
                               "\" used in position expecting type \"" +
                               Context::type_string(*usage.type) + "\".",
                           {definition->loc, usage.node->loc});
      }
      const schema::TypeRef* parent = usage.parent_type;
      if (parent != nullptr && parent->wrapper == schema::TypeRef::Wrapper::kNamed &&
          parent->named->kind == schema::TypeKind::kInputObject && parent->named->one_of &&
          !variable_type->is_non_null()) {
        context_.report_at(order,
                           "Variable \"$" + std::string(name) + "\" is of type \"" +
                               Context::type_string(*variable_type) +
                               "\" but must be non-nullable to be used for OneOf Input Object \"" +
                               std::string(parent->named->name) + "\".",
                           {definition->loc, usage.node->loc});
      }
    }
  }

 private:
  static bool allowed(const Schema& schema, const schema::TypeRef& variable_type,
                      const ast::Value* variable_default, const schema::TypeRef& location_type,
                      bool location_has_default) {
    if (location_type.is_non_null() && !variable_type.is_non_null()) {
      const bool non_null_default =
          variable_default != nullptr && variable_default->kind != Kind::kNullValue;
      if (!non_null_default && !location_has_default) return false;
      return schema.is_type_sub_type_of(variable_type, *location_type.of_type);
    }
    return schema.is_type_sub_type_of(variable_type, location_type);
  }
};

}  // namespace

RulePtr make_unique_variable_names(Context& context) {
  return std::make_unique<UniqueVariableNames>(context);
}
RulePtr make_no_undefined_variables(Context& context) {
  return std::make_unique<NoUndefinedVariables>(context);
}
RulePtr make_no_unused_variables(Context& context) {
  return std::make_unique<NoUnusedVariables>(context);
}
RulePtr make_variables_in_allowed_position(Context& context) {
  return std::make_unique<VariablesInAllowedPosition>(context);
}

}  // namespace ecn::graphql::validation::detail
