#include "parser_impl.hpp"

namespace ecn::graphql::detail {

const ast::OperationDefinition* Parser::parse_operation_definition() {
  auto* node = make<ast::OperationDefinition>(token_);
  if (peek(TokenKind::kBraceL)) {  // query shorthand
    node->operation = ast::OperationType::kQuery;
    node->selection_set = parse_selection_set();
    return node;
  }
  node->description = parse_description();
  node->operation = parse_operation_type();
  if (peek(TokenKind::kName)) node->name = parse_name();
  node->variable_definitions = parse_variable_definitions();
  node->directives = parse_directives(false);
  node->selection_set = parse_selection_set();
  return node;
}

ast::List<ast::VariableDefinition> Parser::parse_variable_definitions() {
  return optional_many<ast::VariableDefinition>(
      TokenKind::kParenL, [this] { return parse_variable_definition(); }, TokenKind::kParenR);
}

const ast::VariableDefinition* Parser::parse_variable_definition() {
  auto* node = make<ast::VariableDefinition>(token_);
  node->description = parse_description();
  node->variable = parse_variable();
  expect(TokenKind::kColon);
  node->type = parse_type_reference();
  if (expect_optional(TokenKind::kEquals)) node->default_value = parse_value_literal(true);
  node->directives = parse_directives(true);
  return node;
}

const ast::Variable* Parser::parse_variable() {
  auto* node = make<ast::Variable>(token_);
  expect(TokenKind::kDollar);
  node->name = parse_name();
  return node;
}

const ast::SelectionSet* Parser::parse_selection_set() {
  const Token start = token_;
  auto* node = make<ast::SelectionSet>(start);
  expect(TokenKind::kBraceL);
  DepthGuard depth(*this, start);
  const std::size_t mark = stack_.size();
  do {
    const ast::Selection* selection = parse_selection();
    stack_.push_back(selection);
  } while (!expect_optional(TokenKind::kBraceR));
  node->selections = finish_list<ast::Selection>(mark);
  return node;
}

const ast::Selection* Parser::parse_selection() {
  return peek(TokenKind::kSpread) ? parse_fragment() : parse_field();
}

const ast::Field* Parser::parse_field() {
  auto* node = make<ast::Field>(token_);
  const ast::Name name_or_alias = parse_name();
  if (expect_optional(TokenKind::kColon)) {
    node->alias = name_or_alias;
    node->name = parse_name();
  } else {
    node->name = name_or_alias;
  }
  node->arguments = parse_arguments(false);
  node->directives = parse_directives(false);
  if (peek(TokenKind::kBraceL)) node->selection_set = parse_selection_set();
  return node;
}

ast::List<ast::Argument> Parser::parse_arguments(bool is_const) {
  return optional_many<ast::Argument>(
      TokenKind::kParenL, [this, is_const] { return parse_argument(is_const); },
      TokenKind::kParenR);
}

const ast::Argument* Parser::parse_argument(bool is_const) {
  auto* node = make<ast::Argument>(token_);
  node->name = parse_name();
  expect(TokenKind::kColon);
  node->value = parse_value_literal(is_const);
  return node;
}

const ast::Selection* Parser::parse_fragment() {
  const Token start = token_;
  expect(TokenKind::kSpread);
  const bool has_type_condition = expect_optional_keyword("on");
  if (!has_type_condition && peek(TokenKind::kName)) {
    auto* spread = make<ast::FragmentSpread>(start);
    spread->name = parse_fragment_name();
    spread->directives = parse_directives(false);
    return spread;
  }
  auto* inline_fragment = make<ast::InlineFragment>(start);
  if (has_type_condition) inline_fragment->type_condition = parse_named_type();
  inline_fragment->directives = parse_directives(false);
  inline_fragment->selection_set = parse_selection_set();
  return inline_fragment;
}

const ast::FragmentDefinition* Parser::parse_fragment_definition() {
  auto* node = make<ast::FragmentDefinition>(token_);
  node->description = parse_description();
  expect_keyword("fragment");
  node->name = parse_fragment_name();
  expect_keyword("on");
  node->type_condition = parse_named_type();
  node->directives = parse_directives(false);
  node->selection_set = parse_selection_set();
  return node;
}

ast::Name Parser::parse_fragment_name() {
  if (token_value_is("on")) unexpected(token_);
  return parse_name();
}

const ast::Value* Parser::parse_value_literal(bool is_const) {
  const Token token = token_;
  switch (token.kind) {
    case TokenKind::kBracketL:
      return parse_list(is_const);
    case TokenKind::kBraceL:
      return parse_object(is_const);
    case TokenKind::kInt: {
      advance();
      auto* node = make<ast::IntValue>(token);
      node->value = token.value;
      return node;
    }
    case TokenKind::kFloat: {
      advance();
      auto* node = make<ast::FloatValue>(token);
      node->value = token.value;
      return node;
    }
    case TokenKind::kString:
    case TokenKind::kBlockString:
      return parse_string_literal();
    case TokenKind::kName: {
      advance();
      if (token.value == "true" || token.value == "false") {
        auto* node = make<ast::BooleanValue>(token);
        node->value = token.value == "true";
        return node;
      }
      if (token.value == "null") return make<ast::NullValue>(token);
      auto* node = make<ast::EnumValue>(token);
      node->value = token.value;
      return node;
    }
    case TokenKind::kDollar:
      if (is_const) {
        expect(TokenKind::kDollar);
        if (token_.kind == TokenKind::kName) {
          fail(token.location(),
               "Unexpected variable \"$" + std::string(token_.value) + "\" in constant value.");
        }
        unexpected(token);
      }
      return parse_variable();
    default:
      unexpected(token_);
  }
}

const ast::ListValue* Parser::parse_list(bool is_const) {
  const Token start = token_;
  auto* node = make<ast::ListValue>(start);
  expect(TokenKind::kBracketL);
  DepthGuard depth(*this, start);
  const std::size_t mark = stack_.size();
  while (!expect_optional(TokenKind::kBracketR)) {
    const ast::Value* value = parse_value_literal(is_const);
    stack_.push_back(value);
  }
  node->values = finish_list<ast::Value>(mark);
  return node;
}

const ast::ObjectValue* Parser::parse_object(bool is_const) {
  const Token start = token_;
  auto* node = make<ast::ObjectValue>(start);
  expect(TokenKind::kBraceL);
  DepthGuard depth(*this, start);
  const std::size_t mark = stack_.size();
  while (!expect_optional(TokenKind::kBraceR)) {
    const ast::ObjectField* field = parse_object_field(is_const);
    stack_.push_back(field);
  }
  node->fields = finish_list<ast::ObjectField>(mark);
  return node;
}

const ast::ObjectField* Parser::parse_object_field(bool is_const) {
  auto* node = make<ast::ObjectField>(token_);
  node->name = parse_name();
  expect(TokenKind::kColon);
  node->value = parse_value_literal(is_const);
  return node;
}

ast::List<ast::Directive> Parser::parse_directives(bool is_const) {
  if (!peek(TokenKind::kAt)) return {};
  const std::size_t mark = stack_.size();
  while (peek(TokenKind::kAt)) {
    const ast::Directive* directive = parse_directive(is_const);
    stack_.push_back(directive);
  }
  return finish_list<ast::Directive>(mark);
}

const ast::Directive* Parser::parse_directive(bool is_const) {
  auto* node = make<ast::Directive>(token_);
  expect(TokenKind::kAt);
  node->name = parse_name();
  node->arguments = parse_arguments(is_const);
  return node;
}

}  // namespace ecn::graphql::detail
