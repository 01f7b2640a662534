#include "ecn/graphql/ast.hpp"

#include <array>

namespace ecn::graphql::ast {
namespace {

constexpr std::array<std::string_view, 20> kDirectiveLocationNames = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
    "DIRECTIVE_DEFINITION",
};

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::kDocument:
      return "Document";
    case Kind::kOperationDefinition:
      return "OperationDefinition";
    case Kind::kVariableDefinition:
      return "VariableDefinition";
    case Kind::kSelectionSet:
      return "SelectionSet";
    case Kind::kField:
      return "Field";
    case Kind::kArgument:
      return "Argument";
    case Kind::kFragmentSpread:
      return "FragmentSpread";
    case Kind::kInlineFragment:
      return "InlineFragment";
    case Kind::kFragmentDefinition:
      return "FragmentDefinition";
    case Kind::kVariable:
      return "Variable";
    case Kind::kIntValue:
      return "IntValue";
    case Kind::kFloatValue:
      return "FloatValue";
    case Kind::kStringValue:
      return "StringValue";
    case Kind::kBooleanValue:
      return "BooleanValue";
    case Kind::kNullValue:
      return "NullValue";
    case Kind::kEnumValue:
      return "EnumValue";
    case Kind::kListValue:
      return "ListValue";
    case Kind::kObjectValue:
      return "ObjectValue";
    case Kind::kObjectField:
      return "ObjectField";
    case Kind::kDirective:
      return "Directive";
    case Kind::kNamedType:
      return "NamedType";
    case Kind::kListType:
      return "ListType";
    case Kind::kNonNullType:
      return "NonNullType";
    case Kind::kSchemaDefinition:
      return "SchemaDefinition";
    case Kind::kOperationTypeDefinition:
      return "OperationTypeDefinition";
    case Kind::kScalarTypeDefinition:
      return "ScalarTypeDefinition";
    case Kind::kObjectTypeDefinition:
      return "ObjectTypeDefinition";
    case Kind::kFieldDefinition:
      return "FieldDefinition";
    case Kind::kInputValueDefinition:
      return "InputValueDefinition";
    case Kind::kInterfaceTypeDefinition:
      return "InterfaceTypeDefinition";
    case Kind::kUnionTypeDefinition:
      return "UnionTypeDefinition";
    case Kind::kEnumTypeDefinition:
      return "EnumTypeDefinition";
    case Kind::kEnumValueDefinition:
      return "EnumValueDefinition";
    case Kind::kInputObjectTypeDefinition:
      return "InputObjectTypeDefinition";
    case Kind::kDirectiveDefinition:
      return "DirectiveDefinition";
    case Kind::kSchemaExtension:
      return "SchemaExtension";
    case Kind::kScalarTypeExtension:
      return "ScalarTypeExtension";
    case Kind::kObjectTypeExtension:
      return "ObjectTypeExtension";
    case Kind::kInterfaceTypeExtension:
      return "InterfaceTypeExtension";
    case Kind::kUnionTypeExtension:
      return "UnionTypeExtension";
    case Kind::kEnumTypeExtension:
      return "EnumTypeExtension";
    case Kind::kInputObjectTypeExtension:
      return "InputObjectTypeExtension";
  }
  return "Unknown";
}

std::string_view operation_type_name(OperationType operation) {
  switch (operation) {
    case OperationType::kQuery:
      return "query";
    case OperationType::kMutation:
      return "mutation";
    case OperationType::kSubscription:
      return "subscription";
  }
  return "query";
}

bool is_executable_definition(Kind kind) {
  return kind == Kind::kOperationDefinition || kind == Kind::kFragmentDefinition;
}

bool is_type_definition(Kind kind) {
  switch (kind) {
    case Kind::kScalarTypeDefinition:
    case Kind::kObjectTypeDefinition:
    case Kind::kInterfaceTypeDefinition:
    case Kind::kUnionTypeDefinition:
    case Kind::kEnumTypeDefinition:
    case Kind::kInputObjectTypeDefinition:
      return true;
    default:
      return false;
  }
}

bool is_type_extension(Kind kind) {
  switch (kind) {
    case Kind::kScalarTypeExtension:
    case Kind::kObjectTypeExtension:
    case Kind::kInterfaceTypeExtension:
    case Kind::kUnionTypeExtension:
    case Kind::kEnumTypeExtension:
    case Kind::kInputObjectTypeExtension:
      return true;
    default:
      return false;
  }
}

bool is_type_system_definition(Kind kind) {
  return kind == Kind::kSchemaDefinition || kind == Kind::kDirectiveDefinition ||
         is_type_definition(kind);
}

bool is_type_system_extension(Kind kind) {
  return kind == Kind::kSchemaExtension || is_type_extension(kind);
}

std::optional<DirectiveLocation> parse_directive_location(std::string_view name) {
  for (std::size_t i = 0; i < kDirectiveLocationNames.size(); ++i) {
    if (kDirectiveLocationNames[i] == name) return static_cast<DirectiveLocation>(i);
  }
  return std::nullopt;
}

std::string_view directive_location_name(DirectiveLocation location) {
  return kDirectiveLocationNames.at(static_cast<std::size_t>(location));
}

const NamedType& named_type(const Type& type) {
  const Type* current = &type;
  while (current->kind != Kind::kNamedType) {
    current = current->kind == Kind::kListType ? cast<ListType>(*current).type
                                               : cast<NonNullType>(*current).type;
  }
  return cast<NamedType>(*current);
}

const Name* type_definition_name(const Definition& definition) {
  switch (definition.kind) {
    case Kind::kScalarTypeDefinition:
      return &cast<ScalarTypeDefinition>(definition).name;
    case Kind::kObjectTypeDefinition:
      return &cast<ObjectTypeDefinition>(definition).name;
    case Kind::kInterfaceTypeDefinition:
      return &cast<InterfaceTypeDefinition>(definition).name;
    case Kind::kUnionTypeDefinition:
      return &cast<UnionTypeDefinition>(definition).name;
    case Kind::kEnumTypeDefinition:
      return &cast<EnumTypeDefinition>(definition).name;
    case Kind::kInputObjectTypeDefinition:
      return &cast<InputObjectTypeDefinition>(definition).name;
    case Kind::kScalarTypeExtension:
      return &cast<ScalarTypeExtension>(definition).name;
    case Kind::kObjectTypeExtension:
      return &cast<ObjectTypeExtension>(definition).name;
    case Kind::kInterfaceTypeExtension:
      return &cast<InterfaceTypeExtension>(definition).name;
    case Kind::kUnionTypeExtension:
      return &cast<UnionTypeExtension>(definition).name;
    case Kind::kEnumTypeExtension:
      return &cast<EnumTypeExtension>(definition).name;
    case Kind::kInputObjectTypeExtension:
      return &cast<InputObjectTypeExtension>(definition).name;
    default:
      return nullptr;
  }
}

}  // namespace ecn::graphql::ast
