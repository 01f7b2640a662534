#pragma once

#include <memory>

#include "context.hpp"

namespace ecn::graphql::validation::detail {

// One validation rule as a visitor: the walker calls enter()/leave() for the node kinds the
// rule asked for, in document order, with the Context's TypeInfo describing the node.
// Returning false from enter() skips the node's subtree for this rule only (graphql-js's
// visitInParallel semantics).
class RuleVisitor {
 public:
  RuleVisitor(Context& context, KindMask enter_kinds, KindMask leave_kinds)
      : context_(context), enter_kinds_(enter_kinds), leave_kinds_(leave_kinds) {}
  RuleVisitor(const RuleVisitor&) = delete;
  RuleVisitor& operator=(const RuleVisitor&) = delete;
  virtual ~RuleVisitor() = default;

  virtual bool enter(const ast::Node& /*node*/) { return true; }
  virtual void leave(const ast::Node& /*node*/) {}

  KindMask enter_kinds() const { return enter_kinds_; }
  KindMask leave_kinds() const { return leave_kinds_; }

 protected:
  Context& context_;

 private:
  KindMask enter_kinds_;
  KindMask leave_kinds_;
};

using RulePtr = std::unique_ptr<RuleVisitor>;

// Factories, one per rule (grouped in files by subject).
RulePtr make_executable_definitions(Context& context);
RulePtr make_unique_operation_names(Context& context);
RulePtr make_lone_anonymous_operation(Context& context);
RulePtr make_single_field_subscriptions(Context& context);
RulePtr make_known_type_names(Context& context);
RulePtr make_fragments_on_composite_types(Context& context);
RulePtr make_variables_are_input_types(Context& context);
RulePtr make_scalar_leafs(Context& context);
RulePtr make_fields_on_correct_type(Context& context);
RulePtr make_unique_fragment_names(Context& context);
RulePtr make_known_fragment_names(Context& context);
RulePtr make_no_unused_fragments(Context& context);
RulePtr make_possible_fragment_spreads(Context& context);
RulePtr make_no_fragment_cycles(Context& context);
RulePtr make_unique_variable_names(Context& context);
RulePtr make_no_undefined_variables(Context& context);
RulePtr make_no_unused_variables(Context& context);
RulePtr make_known_directives(Context& context);
RulePtr make_unique_directives_per_location(Context& context);
RulePtr make_known_argument_names(Context& context);
RulePtr make_unique_argument_names(Context& context);
RulePtr make_values_of_correct_type(Context& context);
RulePtr make_provided_required_arguments(Context& context);
RulePtr make_variables_in_allowed_position(Context& context);
RulePtr make_overlapping_fields_can_be_merged(Context& context);
RulePtr make_unique_input_field_names(Context& context);
RulePtr make_max_introspection_depth(Context& context);
RulePtr make_max_depth(Context& context);
RulePtr make_max_fields(Context& context);

}  // namespace ecn::graphql::validation::detail
