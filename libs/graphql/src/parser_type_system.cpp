#include "parser_impl.hpp"

namespace ecn::graphql::detail {

const ast::StringValue* Parser::parse_description() {
  if (peek(TokenKind::kString) || peek(TokenKind::kBlockString)) return parse_string_literal();
  return nullptr;
}

const ast::SchemaDefinition* Parser::parse_schema_definition() {
  auto* node = make<ast::SchemaDefinition>(token_);
  node->description = parse_description();
  expect_keyword("schema");
  node->directives = parse_directives(true);
  node->operation_types = many<ast::OperationTypeDefinition>(
      TokenKind::kBraceL, [this] { return parse_operation_type_definition(); }, TokenKind::kBraceR);
  return node;
}

const ast::OperationTypeDefinition* Parser::parse_operation_type_definition() {
  auto* node = make<ast::OperationTypeDefinition>(token_);
  node->operation = parse_operation_type();
  expect(TokenKind::kColon);
  node->type = parse_named_type();
  return node;
}

const ast::ScalarTypeDefinition* Parser::parse_scalar_type_definition() {
  auto* node = make<ast::ScalarTypeDefinition>(token_);
  node->description = parse_description();
  expect_keyword("scalar");
  node->name = parse_name();
  node->directives = parse_directives(true);
  return node;
}

const ast::ObjectTypeDefinition* Parser::parse_object_type_definition() {
  auto* node = make<ast::ObjectTypeDefinition>(token_);
  node->description = parse_description();
  expect_keyword("type");
  node->name = parse_name();
  node->interfaces = parse_implements_interfaces();
  node->directives = parse_directives(true);
  node->fields = parse_fields_definition();
  return node;
}

ast::List<ast::NamedType> Parser::parse_implements_interfaces() {
  if (!expect_optional_keyword("implements")) return {};
  return delimited_many<ast::NamedType>(TokenKind::kAmp, [this] { return parse_named_type(); });
}

ast::List<ast::FieldDefinition> Parser::parse_fields_definition() {
  return optional_many<ast::FieldDefinition>(
      TokenKind::kBraceL, [this] { return parse_field_definition(); }, TokenKind::kBraceR);
}

const ast::FieldDefinition* Parser::parse_field_definition() {
  auto* node = make<ast::FieldDefinition>(token_);
  node->description = parse_description();
  node->name = parse_name();
  node->arguments = parse_argument_defs();
  expect(TokenKind::kColon);
  node->type = parse_type_reference();
  node->directives = parse_directives(true);
  return node;
}

ast::List<ast::InputValueDefinition> Parser::parse_argument_defs() {
  return optional_many<ast::InputValueDefinition>(
      TokenKind::kParenL, [this] { return parse_input_value_def(); }, TokenKind::kParenR);
}

const ast::InputValueDefinition* Parser::parse_input_value_def() {
  auto* node = make<ast::InputValueDefinition>(token_);
  node->description = parse_description();
  node->name = parse_name();
  expect(TokenKind::kColon);
  node->type = parse_type_reference();
  if (expect_optional(TokenKind::kEquals)) node->default_value = parse_value_literal(true);
  node->directives = parse_directives(true);
  return node;
}

const ast::InterfaceTypeDefinition* Parser::parse_interface_type_definition() {
  auto* node = make<ast::InterfaceTypeDefinition>(token_);
  node->description = parse_description();
  expect_keyword("interface");
  node->name = parse_name();
  node->interfaces = parse_implements_interfaces();
  node->directives = parse_directives(true);
  node->fields = parse_fields_definition();
  return node;
}

const ast::UnionTypeDefinition* Parser::parse_union_type_definition() {
  auto* node = make<ast::UnionTypeDefinition>(token_);
  node->description = parse_description();
  expect_keyword("union");
  node->name = parse_name();
  node->directives = parse_directives(true);
  node->types = parse_union_member_types();
  return node;
}

ast::List<ast::NamedType> Parser::parse_union_member_types() {
  if (!expect_optional(TokenKind::kEquals)) return {};
  return delimited_many<ast::NamedType>(TokenKind::kPipe, [this] { return parse_named_type(); });
}

const ast::EnumTypeDefinition* Parser::parse_enum_type_definition() {
  auto* node = make<ast::EnumTypeDefinition>(token_);
  node->description = parse_description();
  expect_keyword("enum");
  node->name = parse_name();
  node->directives = parse_directives(true);
  node->values = parse_enum_values_definition();
  return node;
}

ast::List<ast::EnumValueDefinition> Parser::parse_enum_values_definition() {
  return optional_many<ast::EnumValueDefinition>(
      TokenKind::kBraceL, [this] { return parse_enum_value_definition(); }, TokenKind::kBraceR);
}

const ast::EnumValueDefinition* Parser::parse_enum_value_definition() {
  auto* node = make<ast::EnumValueDefinition>(token_);
  node->description = parse_description();
  if (token_value_is("true") || token_value_is("false") || token_value_is("null")) {
    fail(token_.location(),
         describe_token(token_) + " is reserved and cannot be used for an enum value.");
  }
  node->name = parse_name();
  node->directives = parse_directives(true);
  return node;
}

const ast::InputObjectTypeDefinition* Parser::parse_input_object_type_definition() {
  auto* node = make<ast::InputObjectTypeDefinition>(token_);
  node->description = parse_description();
  expect_keyword("input");
  node->name = parse_name();
  node->directives = parse_directives(true);
  node->fields = parse_input_fields_definition();
  return node;
}

ast::List<ast::InputValueDefinition> Parser::parse_input_fields_definition() {
  return optional_many<ast::InputValueDefinition>(
      TokenKind::kBraceL, [this] { return parse_input_value_def(); }, TokenKind::kBraceR);
}

const ast::Definition* Parser::parse_type_system_extension() {
  const Token keyword = lookahead();
  if (keyword.kind == TokenKind::kName) {
    const std::string_view value = keyword.value;
    if (value == "schema") return parse_schema_extension();
    if (value == "scalar") return parse_scalar_type_extension();
    if (value == "type") return parse_object_type_extension();
    if (value == "interface") return parse_interface_type_extension();
    if (value == "union") return parse_union_type_extension();
    if (value == "enum") return parse_enum_type_extension();
    if (value == "input") return parse_input_object_type_extension();
  }
  unexpected(keyword);
}

// Each extension must add something; otherwise it fails at the token where more was due.
const ast::SchemaExtension* Parser::parse_schema_extension() {
  auto* node = make<ast::SchemaExtension>(token_);
  expect_keyword("extend");
  expect_keyword("schema");
  node->directives = parse_directives(true);
  node->operation_types = optional_many<ast::OperationTypeDefinition>(
      TokenKind::kBraceL, [this] { return parse_operation_type_definition(); }, TokenKind::kBraceR);
  if (node->directives.empty() && node->operation_types.empty()) unexpected(token_);
  return node;
}

const ast::ScalarTypeExtension* Parser::parse_scalar_type_extension() {
  auto* node = make<ast::ScalarTypeExtension>(token_);
  expect_keyword("extend");
  expect_keyword("scalar");
  node->name = parse_name();
  node->directives = parse_directives(true);
  if (node->directives.empty()) unexpected(token_);
  return node;
}

const ast::ObjectTypeExtension* Parser::parse_object_type_extension() {
  auto* node = make<ast::ObjectTypeExtension>(token_);
  expect_keyword("extend");
  expect_keyword("type");
  node->name = parse_name();
  node->interfaces = parse_implements_interfaces();
  node->directives = parse_directives(true);
  node->fields = parse_fields_definition();
  if (node->interfaces.empty() && node->directives.empty() && node->fields.empty()) {
    unexpected(token_);
  }
  return node;
}

const ast::InterfaceTypeExtension* Parser::parse_interface_type_extension() {
  auto* node = make<ast::InterfaceTypeExtension>(token_);
  expect_keyword("extend");
  expect_keyword("interface");
  node->name = parse_name();
  node->interfaces = parse_implements_interfaces();
  node->directives = parse_directives(true);
  node->fields = parse_fields_definition();
  if (node->interfaces.empty() && node->directives.empty() && node->fields.empty()) {
    unexpected(token_);
  }
  return node;
}

const ast::UnionTypeExtension* Parser::parse_union_type_extension() {
  auto* node = make<ast::UnionTypeExtension>(token_);
  expect_keyword("extend");
  expect_keyword("union");
  node->name = parse_name();
  node->directives = parse_directives(true);
  node->types = parse_union_member_types();
  if (node->directives.empty() && node->types.empty()) unexpected(token_);
  return node;
}

const ast::EnumTypeExtension* Parser::parse_enum_type_extension() {
  auto* node = make<ast::EnumTypeExtension>(token_);
  expect_keyword("extend");
  expect_keyword("enum");
  node->name = parse_name();
  node->directives = parse_directives(true);
  node->values = parse_enum_values_definition();
  if (node->directives.empty() && node->values.empty()) unexpected(token_);
  return node;
}

const ast::InputObjectTypeExtension* Parser::parse_input_object_type_extension() {
  auto* node = make<ast::InputObjectTypeExtension>(token_);
  expect_keyword("extend");
  expect_keyword("input");
  node->name = parse_name();
  node->directives = parse_directives(true);
  node->fields = parse_input_fields_definition();
  if (node->directives.empty() && node->fields.empty()) unexpected(token_);
  return node;
}

const ast::DirectiveDefinition* Parser::parse_directive_definition() {
  auto* node = make<ast::DirectiveDefinition>(token_);
  node->description = parse_description();
  expect_keyword("directive");
  expect(TokenKind::kAt);
  node->name = parse_name();
  node->arguments = parse_argument_defs();
  node->repeatable = expect_optional_keyword("repeatable");
  expect_keyword("on");
  node->locations = parse_directive_locations();
  return node;
}

std::span<const ast::Name> Parser::parse_directive_locations() {
  names_.clear();
  expect_optional(TokenKind::kPipe);
  do {
    const Token start = token_;
    const ast::Name name = parse_name();
    if (!ast::parse_directive_location(name.value)) unexpected(start);
    names_.push_back(name);
  } while (expect_optional(TokenKind::kPipe));
  auto* names = static_cast<ast::Name*>(
      arena_.allocate(names_.size() * sizeof(ast::Name), alignof(ast::Name)));
  std::copy(names_.begin(), names_.end(), names);
  return {names, names_.size()};
}

}  // namespace ecn::graphql::detail
