#include "ecn/graphql/validation/validate.hpp"

#include <array>

#include "context.hpp"
#include "rule.hpp"

namespace ecn::graphql::validation {
namespace {

using detail::Context;
using detail::RulePtr;
using detail::RuleVisitor;

constexpr std::size_t kRuleCount = static_cast<std::size_t>(Rule::kCount);
constexpr std::size_t kKindCount =
    static_cast<std::size_t>(ast::Kind::kInputObjectTypeExtension) + 1;

ast::DirectiveLocation operation_location(ast::OperationType operation) {
  switch (operation) {
    case ast::OperationType::kQuery:
      return ast::DirectiveLocation::kQuery;
    case ast::OperationType::kMutation:
      return ast::DirectiveLocation::kMutation;
    case ast::OperationType::kSubscription:
      return ast::DirectiveLocation::kSubscription;
  }
  return ast::DirectiveLocation::kQuery;
}

using Factory = RulePtr (*)(Context&);

// In the order of the Rule enum, which is graphql-js's specifiedRules order.
constexpr std::array<Factory, kRuleCount> kFactories = {
    detail::make_executable_definitions,
    detail::make_unique_operation_names,
    detail::make_lone_anonymous_operation,
    detail::make_single_field_subscriptions,
    detail::make_known_type_names,
    detail::make_fragments_on_composite_types,
    detail::make_variables_are_input_types,
    detail::make_scalar_leafs,
    detail::make_fields_on_correct_type,
    detail::make_unique_fragment_names,
    detail::make_known_fragment_names,
    detail::make_no_unused_fragments,
    detail::make_possible_fragment_spreads,
    detail::make_no_fragment_cycles,
    detail::make_unique_variable_names,
    detail::make_no_undefined_variables,
    detail::make_no_unused_variables,
    detail::make_known_directives,
    detail::make_unique_directives_per_location,
    detail::make_known_argument_names,
    detail::make_unique_argument_names,
    detail::make_values_of_correct_type,
    detail::make_provided_required_arguments,
    detail::make_variables_in_allowed_position,
    detail::make_overlapping_fields_can_be_merged,
    detail::make_unique_input_field_names,
    detail::make_max_introspection_depth,
    detail::make_max_depth,
    detail::make_max_fields,
};

// One traversal of the document for all rules at once (graphql-js visitInParallel with
// visitWithTypeInfo): per node kind, the rules that want it, in rule order.
class Walker {
 public:
  Walker(Context& context, const ValidationOptions& options) : context_(context) {
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      if (!options.rules.test(i)) continue;
      RulePtr rule = kFactories[i](context);
      if (rule == nullptr) continue;
      const auto slot = static_cast<std::uint8_t>(count_);
      for (std::size_t kind = 0; kind < kKindCount; ++kind) {
        if ((rule->enter_kinds() >> kind) & 1U) enter_[kind].push_back(slot);
        if ((rule->leave_kinds() >> kind) & 1U) leave_[kind].push_back(slot);
      }
      index_[count_] = static_cast<std::uint8_t>(i);
      rules_[count_++] = std::move(rule);
    }
  }

  void walk_document() {
    const ast::DocumentNode& root = context_.document().root();
    enter(root);
    const auto definitions = root.definitions;
    for (std::size_t i = 0; i < definitions.size(); ++i) {
      context_.begin_definition(i);
      if (const auto* operation = ast::as<ast::OperationDefinition>(definitions[i])) {
        walk_operation(*operation);
      } else if (const auto* fragment = ast::as<ast::FragmentDefinition>(definitions[i])) {
        walk_fragment(*fragment);
      }
    }
    leave(root);
  }

 private:
  void enter(const ast::Node& node) {
    context_.type_info_enter(node);
    ++event_;
    for (std::uint8_t slot : enter_[static_cast<std::size_t>(node.kind)]) {
      if (skip_[slot] != nullptr) continue;
      context_.set_order(event_ * 64 + index_[slot]);
      if (!rules_[slot]->enter(node)) {
        skip_[slot] = &node;
        ++skipping_;
      }
    }
  }

  void leave(const ast::Node& node) {
    ++event_;
    for (std::uint8_t slot : leave_[static_cast<std::size_t>(node.kind)]) {
      if (skip_[slot] != nullptr) continue;
      context_.set_order(event_ * 64 + index_[slot]);
      rules_[slot]->leave(node);
    }
    if (skipping_ != 0) {
      for (std::size_t slot = 0; slot < count_; ++slot) {
        if (skip_[slot] == &node) {
          skip_[slot] = nullptr;
          --skipping_;
        }
      }
    }
    context_.type_info_leave(node);
  }

  void walk_operation(const ast::OperationDefinition& operation) {
    enter(operation);
    for (const ast::VariableDefinition* definition : operation.variable_definitions) {
      enter(*definition);
      context_.set_in_variable_definition(true);
      enter(*definition->variable);
      leave(*definition->variable);
      walk_type(*definition->type);
      if (definition->default_value != nullptr) walk_value(*definition->default_value);
      walk_directives(definition->directives, ast::DirectiveLocation::kVariableDefinition);
      context_.set_in_variable_definition(false);
      leave(*definition);
    }
    walk_directives(operation.directives, operation_location(operation.operation));
    walk_selection_set(*operation.selection_set);
    leave(operation);
  }

  void walk_fragment(const ast::FragmentDefinition& fragment) {
    enter(fragment);
    walk_type(*fragment.type_condition);
    walk_directives(fragment.directives, ast::DirectiveLocation::kFragmentDefinition);
    walk_selection_set(*fragment.selection_set);
    leave(fragment);
  }

  void walk_type(const ast::Type& type) {
    enter(type);
    if (const auto* list = ast::as<ast::ListType>(&type)) {
      walk_type(*list->type);
    } else if (const auto* non_null = ast::as<ast::NonNullType>(&type)) {
      walk_type(*non_null->type);
    }
    leave(type);
  }

  void walk_directives(ast::List<ast::Directive> directives, ast::DirectiveLocation location) {
    for (const ast::Directive* directive : directives) {
      context_.set_directive_location(location);
      enter(*directive);
      walk_arguments(directive->arguments);
      leave(*directive);
    }
  }

  void walk_arguments(ast::List<ast::Argument> arguments) {
    for (const ast::Argument* argument : arguments) {
      enter(*argument);
      walk_value(*argument->value);
      leave(*argument);
    }
  }

  void walk_value(const ast::Value& value) {
    enter(value);
    if (const auto* list = ast::as<ast::ListValue>(&value)) {
      for (const ast::Value* item : list->values) walk_value(*item);
    } else if (const auto* object = ast::as<ast::ObjectValue>(&value)) {
      for (const ast::ObjectField* field : object->fields) {
        enter(*field);
        walk_value(*field->value);
        leave(*field);
      }
    } else if (const auto* variable = ast::as<ast::Variable>(&value)) {
      context_.record_variable(*variable);
    }
    leave(value);
  }

  void walk_selection_set(const ast::SelectionSet& set) {
    enter(set);
    for (const ast::Selection* selection : set.selections) {
      if (const auto* field = ast::as<ast::Field>(selection)) {
        enter(*field);
        walk_arguments(field->arguments);
        walk_directives(field->directives, ast::DirectiveLocation::kField);
        if (field->selection_set != nullptr) walk_selection_set(*field->selection_set);
        leave(*field);
      } else if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
        enter(*spread);
        walk_directives(spread->directives, ast::DirectiveLocation::kFragmentSpread);
        leave(*spread);
      } else if (const auto* inline_fragment = ast::as<ast::InlineFragment>(selection)) {
        enter(*inline_fragment);
        if (inline_fragment->type_condition != nullptr) walk_type(*inline_fragment->type_condition);
        walk_directives(inline_fragment->directives, ast::DirectiveLocation::kInlineFragment);
        walk_selection_set(*inline_fragment->selection_set);
        leave(*inline_fragment);
      }
    }
    leave(set);
  }

  Context& context_;
  std::array<RulePtr, kRuleCount> rules_;
  std::array<std::uint8_t, kRuleCount> index_{};
  std::array<const ast::Node*, kRuleCount> skip_{};
  std::size_t count_ = 0;
  std::size_t skipping_ = 0;
  std::uint64_t event_ = 0;
  std::array<std::vector<std::uint8_t>, kKindCount> enter_;
  std::array<std::vector<std::uint8_t>, kKindCount> leave_;
};

}  // namespace

std::vector<ValidationError> validate(const Schema& schema, const Document& document,
                                      const ValidationOptions& options) {
  Context context(schema, document, options);
  {
    Walker walker(context, options);
    try {
      walker.walk_document();
    } catch (const detail::Aborted&) {
      context.report("Validation aborted.", std::vector<Location>{});
    }
  }
  return context.take_errors();
}

}  // namespace ecn::graphql::validation
