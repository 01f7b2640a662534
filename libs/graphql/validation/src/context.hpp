#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/schema.hpp"
#include "ecn/graphql/validation/validate.hpp"

namespace ecn::graphql::validation::detail {

// A set of AST kinds, for the visitor tables.
using KindMask = std::uint64_t;
constexpr KindMask kind_bit(ast::Kind kind) {
  return KindMask{1} << static_cast<unsigned>(kind);
}
static_assert(static_cast<unsigned>(ast::Kind::kInputObjectTypeExtension) < 64);

// A variable used somewhere in an operation or fragment, with what the position expects
// (graphql-js VariableUsage).
struct VariableUsage {
  const ast::Variable* node = nullptr;
  const schema::TypeRef* type = nullptr;         // expected input type; null when unknown
  bool has_location_default = false;             // the argument or input field has a default
  const schema::TypeRef* parent_type = nullptr;  // the input type around the position
};

// Thrown to stop validation at once (graphql-js validationAbortedError / the error limit).
struct Aborted {};

// Meta-fields every schema answers (__typename, __schema, __type), built on demand because our
// schemas carry no introspection types yet; their result types are opaque placeholders then.
struct MetaFields {
  explicit MetaFields(const Schema& schema);
  schema::Field typename_field;
  schema::Field schema_field;
  schema::Field type_field;
  schema::Type schema_placeholder;
  schema::Type type_placeholder;
  std::deque<schema::TypeRef> refs;
};

// What every rule sees: the schema, the document, graphql-js's TypeInfo (kept by the walker),
// the fragment and variable-usage lookups graphql-js's ValidationContext offers, and the error
// list with its ordering keys.
class Context {
 public:
  Context(const Schema& schema, const Document& document, const ValidationOptions& options);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context();

  const Schema& schema() const { return schema_; }
  const Document& document() const { return document_; }
  const ValidationOptions& options() const { return options_; }
  bool hide_suggestions() const { return options_.hide_suggestions; }

  // --- TypeInfo: what the current node is typed as (null when unknown).
  const schema::TypeRef* type() const { return top(type_stack_); }
  const schema::Type* parent_type() const { return top(parent_type_stack_); }
  const schema::TypeRef* input_type() const { return top(input_type_stack_); }
  const schema::TypeRef* parent_input_type() const {
    return input_type_stack_.size() < 2 ? nullptr : input_type_stack_[input_type_stack_.size() - 2];
  }
  const schema::Field* field_def() const { return top(field_def_stack_); }
  const schema::Directive* directive() const { return directive_; }
  const schema::InputValue* argument() const { return argument_; }
  bool has_default_value() const { return !default_stack_.empty() && default_stack_.back(); }
  // Where the directives being walked are applied (set by the walker).
  ast::DirectiveLocation directive_location() const { return directive_location_; }
  void set_directive_location(ast::DirectiveLocation location) { directive_location_ = location; }
  void type_info_enter(const ast::Node& node);
  void type_info_leave(const ast::Node& node);

  // --- Types
  // The schema type a type reference in the document names; null when a name is unknown.
  const schema::TypeRef* type_from_ast(const ast::Type& type);
  const schema::Type* named_type_from_ast(const ast::NamedType& type) const {
    return schema_.type(type.name.value);
  }
  // Field lookup including meta-fields (graphql-js getFieldDef).
  const schema::Field* field_def(const schema::Type* parent, std::string_view name);
  // Whether a type is one of the placeholders standing for an introspection type.
  bool is_placeholder(const schema::Type* type) const;

  // --- Fragments
  // The fragment of that name (the last one, as graphql-js), or null.
  const ast::FragmentDefinition* fragment(std::string_view name) const;
  // Spreads in a selection set, not following them (graphql-js getFragmentSpreads).
  const std::vector<const ast::FragmentSpread*>& fragment_spreads(const ast::SelectionSet& set);
  // Every fragment an operation reaches, in graphql-js's order.
  std::vector<const ast::FragmentDefinition*> recursively_referenced_fragments(
      const ast::SelectionSet& set);

  // --- Variable usages, recorded by the walker per executable definition.
  void record_variable(const ast::Variable& variable);
  void begin_definition(std::size_t index) { current_definition_ = index; }
  void set_in_variable_definition(bool inside) { in_variable_definition_ = inside; }
  // The operation's own usages, then those of every fragment it reaches.
  std::vector<VariableUsage> recursive_variable_usages(const ast::OperationDefinition& operation);

  // --- Errors
  // Where in graphql-js's visit order (event, rule) the error being reported belongs.
  void set_order(std::uint64_t order) { order_ = order; }
  std::uint64_t order() const { return order_; }
  void report(std::string message, std::vector<Location> locations) {
    report_at(order_, std::move(message), std::move(locations));
  }
  void report(std::string message, std::initializer_list<const ast::Node*> nodes);
  void report_at(std::uint64_t order, std::string message, std::vector<Location> locations);
  // Errors in graphql-js's order, cut at max_errors.
  std::vector<ValidationError> take_errors();
  std::size_t error_count() const { return errors_.size(); }

  // Printing helpers for messages.
  static std::string type_string(const schema::TypeRef& type) { return schema::to_string(type); }

 private:
  template <class T>
  static T top(const std::vector<T>& stack) {
    return stack.empty() ? nullptr : stack.back();
  }
  const MetaFields& meta();
  const schema::TypeRef* named_ref(const schema::Type& type);

  struct KeyedError {
    std::uint64_t order;
    ValidationError error;
  };

  const Schema& schema_;
  const Document& document_;
  const ValidationOptions& options_;
  std::unique_ptr<MetaFields> meta_;

  std::vector<const schema::TypeRef*> type_stack_;
  std::vector<const schema::Type*> parent_type_stack_;
  std::vector<const schema::TypeRef*> input_type_stack_;
  std::vector<const schema::Field*> field_def_stack_;
  std::vector<bool> default_stack_;
  const schema::Directive* directive_ = nullptr;
  const schema::InputValue* argument_ = nullptr;
  ast::DirectiveLocation directive_location_ = ast::DirectiveLocation::kQuery;

  std::deque<schema::TypeRef> type_refs_;
  std::unordered_map<const schema::Type*, const schema::TypeRef*> named_refs_;
  std::unordered_map<const ast::Type*, const schema::TypeRef*> ast_refs_;

  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  std::unordered_map<const ast::FragmentDefinition*, std::size_t> fragment_index_;
  std::unordered_map<const ast::SelectionSet*, std::vector<const ast::FragmentSpread*>> spreads_;

  std::vector<std::vector<VariableUsage>> usages_;  // per definition of the document
  std::size_t current_definition_ = 0;
  bool in_variable_definition_ = false;

  std::vector<KeyedError> errors_;
  std::uint64_t order_ = 0;
  std::uint64_t last_order_ = 0;
  bool out_of_order_ = false;
};

}  // namespace ecn::graphql::validation::detail
