#pragma once

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/lexer.hpp"
#include "ecn/graphql/parser.hpp"

// The recursive-descent parser behind parse(). It follows graphql-js's parser function by
// function, so that it accepts the same language and fails with the same messages at the same
// tokens. Executable grammar lives in parser_executable.cpp, type-system grammar in
// parser_type_system.cpp, token plumbing in parser.cpp.
namespace ecn::graphql::detail {

// Thrown inside the parser to unwind the recursion at the first error; parse() catches it.
struct ParseFailure {
  SyntaxError error;
};

class Parser {
 public:
  Parser(std::string_view source, std::pmr::memory_resource& arena, const ParseOptions& options);

  const ast::DocumentNode* parse_document();
  std::uint32_t token_count() const { return token_count_; }

 private:
  // Token plumbing (parser.cpp).
  void lex(Token& token);
  void advance();
  const Token& lookahead();
  bool peek(TokenKind kind) const { return token_.kind == kind; }
  Token expect(TokenKind kind);
  bool expect_optional(TokenKind kind);
  void expect_keyword(std::string_view keyword);
  bool expect_optional_keyword(std::string_view keyword);
  bool token_value_is(std::string_view value) const;
  [[noreturn]] void unexpected(const Token& token);
  [[noreturn]] void fail(const Location& location, std::string message);

  // Guards one level of nesting (selection set, list/object value, list type).
  class DepthGuard {
   public:
    DepthGuard(Parser& parser, const Token& at);
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  template <class T>
  T* make(const Token& start) {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    T* node = ::new (arena_.allocate(sizeof(T), alignof(T))) T();
    node->kind = T::kKind;
    node->loc = start.location();
    return node;
  }

  // Lists are collected on one shared stack and copied into the arena when they close, so a
  // list costs one arena allocation whatever its length and nesting.
  template <class T>
  ast::List<T> finish_list(std::size_t mark) {
    const std::size_t count = stack_.size() - mark;
    if (count == 0) return {};
    auto** items =
        static_cast<const T**>(arena_.allocate(count * sizeof(const T*), alignof(const T*)));
    for (std::size_t i = 0; i < count; ++i) items[i] = static_cast<const T*>(stack_[mark + i]);
    stack_.resize(mark);
    return {items, count};
  }

  template <class T, class Fn>
  void push_item(Fn& parse_item) {
    const T* item = parse_item();
    stack_.push_back(item);
  }

  // One or more items between `open` and `close` (graphql-js many()).
  template <class T, class Fn>
  ast::List<T> many(TokenKind open, Fn parse_item, TokenKind close) {
    expect(open);
    const std::size_t mark = stack_.size();
    do {
      push_item<T>(parse_item);
    } while (!expect_optional(close));
    return finish_list<T>(mark);
  }

  // Nothing, or one or more items between `open` and `close` (graphql-js optionalMany()).
  template <class T, class Fn>
  ast::List<T> optional_many(TokenKind open, Fn parse_item, TokenKind close) {
    if (!peek(open)) return {};
    return many<T>(open, parse_item, close);
  }

  // Items separated by `delimiter`, with an optional leading one (graphql-js delimitedMany()).
  template <class T, class Fn>
  ast::List<T> delimited_many(TokenKind delimiter, Fn parse_item) {
    expect_optional(delimiter);
    const std::size_t mark = stack_.size();
    do {
      push_item<T>(parse_item);
    } while (expect_optional(delimiter));
    return finish_list<T>(mark);
  }

  // Document level (parser.cpp).
  const ast::Definition* parse_definition();
  ast::Name parse_name();
  ast::OperationType parse_operation_type();
  const ast::NamedType* parse_named_type();
  const ast::Type* parse_type_reference();
  const ast::StringValue* parse_string_literal();

  // Executable grammar (parser_executable.cpp).
  const ast::OperationDefinition* parse_operation_definition();
  ast::List<ast::VariableDefinition> parse_variable_definitions();
  const ast::VariableDefinition* parse_variable_definition();
  const ast::Variable* parse_variable();
  const ast::SelectionSet* parse_selection_set();
  const ast::Selection* parse_selection();
  const ast::Field* parse_field();
  ast::List<ast::Argument> parse_arguments(bool is_const);
  const ast::Argument* parse_argument(bool is_const);
  const ast::Selection* parse_fragment();
  const ast::FragmentDefinition* parse_fragment_definition();
  ast::Name parse_fragment_name();
  const ast::Value* parse_value_literal(bool is_const);
  const ast::ListValue* parse_list(bool is_const);
  const ast::ObjectValue* parse_object(bool is_const);
  const ast::ObjectField* parse_object_field(bool is_const);
  ast::List<ast::Directive> parse_directives(bool is_const);
  const ast::Directive* parse_directive(bool is_const);

  // Type-system grammar (parser_type_system.cpp); descriptions serve both grammars.
  const ast::StringValue* parse_description();
  const ast::SchemaDefinition* parse_schema_definition();
  const ast::OperationTypeDefinition* parse_operation_type_definition();
  const ast::ScalarTypeDefinition* parse_scalar_type_definition();
  const ast::ObjectTypeDefinition* parse_object_type_definition();
  ast::List<ast::NamedType> parse_implements_interfaces();
  ast::List<ast::FieldDefinition> parse_fields_definition();
  const ast::FieldDefinition* parse_field_definition();
  ast::List<ast::InputValueDefinition> parse_argument_defs();
  const ast::InputValueDefinition* parse_input_value_def();
  const ast::InterfaceTypeDefinition* parse_interface_type_definition();
  const ast::UnionTypeDefinition* parse_union_type_definition();
  ast::List<ast::NamedType> parse_union_member_types();
  const ast::EnumTypeDefinition* parse_enum_type_definition();
  ast::List<ast::EnumValueDefinition> parse_enum_values_definition();
  const ast::EnumValueDefinition* parse_enum_value_definition();
  const ast::InputObjectTypeDefinition* parse_input_object_type_definition();
  ast::List<ast::InputValueDefinition> parse_input_fields_definition();
  const ast::Definition* parse_type_system_extension();
  const ast::SchemaExtension* parse_schema_extension();
  const ast::ScalarTypeExtension* parse_scalar_type_extension();
  const ast::ObjectTypeExtension* parse_object_type_extension();
  const ast::InterfaceTypeExtension* parse_interface_type_extension();
  const ast::UnionTypeExtension* parse_union_type_extension();
  const ast::EnumTypeExtension* parse_enum_type_extension();
  const ast::InputObjectTypeExtension* parse_input_object_type_extension();
  const ast::DirectiveDefinition* parse_directive_definition();
  std::span<const ast::Name> parse_directive_locations();

  std::pmr::memory_resource& arena_;
  const ParseOptions& options_;
  Lexer lexer_;
  Token token_;
  Token lookahead_;
  bool has_lookahead_ = false;
  std::uint32_t token_count_ = 0;
  std::uint32_t depth_ = 0;
  std::vector<const void*> stack_;
  std::vector<ast::Name> names_;
};

}  // namespace ecn::graphql::detail
