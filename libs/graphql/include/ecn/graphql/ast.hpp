#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "ecn/graphql/location.hpp"

// The syntax tree of a GraphQL document (October 2021 grammar), executable and type system,
// plus descriptions on operations, fragments and variable definitions, which graphql-js 16.15
// (our conformance oracle) accepts ahead of the next spec edition.
//
// Design, for speed and for the later stages (schema, validation, execution):
// - Nodes are plain, trivially destructible structs allocated in the arena of the Document that
//   owns them (ecn/graphql/document.hpp); a Document is freed in one go, nodes never are.
// - Nodes refer to children by `const T*` and to lists by `List<T>` (a span of pointers in the
//   same arena). Optional children are null pointers; optional names are empty Names.
// - Every string is a std::string_view into the document's source text, or into its arena
//   where escapes had to be resolved. Nothing here owns memory.
// - Every node starts with `kind` and `loc` (where its first token starts), so a `const Node*`
//   can be inspected and downcast: `if (auto* field = ast::as<ast::Field>(selection))`.
// - Abstract categories (Definition, Selection, Value, Type) are empty base structs that say
//   what a pointer may hold; the concrete struct is chosen by `kind`.
// The layout follows graphql-js's AST (same node kinds, same field names in snake_case), so
// the spec and the reference implementation read straight onto it.
namespace ecn::graphql::ast {

// Every concrete node type; the names (kind_name) are graphql-js's Kind values.
enum class Kind : std::uint8_t {
  kDocument,
  // Executable definitions
  kOperationDefinition,
  kVariableDefinition,
  kSelectionSet,
  kField,
  kArgument,
  kFragmentSpread,
  kInlineFragment,
  kFragmentDefinition,
  // Values
  kVariable,
  kIntValue,
  kFloatValue,
  kStringValue,
  kBooleanValue,
  kNullValue,
  kEnumValue,
  kListValue,
  kObjectValue,
  kObjectField,
  // Directives
  kDirective,
  // Type references
  kNamedType,
  kListType,
  kNonNullType,
  // Type system definitions
  kSchemaDefinition,
  kOperationTypeDefinition,
  kScalarTypeDefinition,
  kObjectTypeDefinition,
  kFieldDefinition,
  kInputValueDefinition,
  kInterfaceTypeDefinition,
  kUnionTypeDefinition,
  kEnumTypeDefinition,
  kEnumValueDefinition,
  kInputObjectTypeDefinition,
  kDirectiveDefinition,
  // Type system extensions
  kSchemaExtension,
  kScalarTypeExtension,
  kObjectTypeExtension,
  kInterfaceTypeExtension,
  kUnionTypeExtension,
  kEnumTypeExtension,
  kInputObjectTypeExtension,
};

// graphql-js's name of a kind, e.g. "OperationDefinition".
std::string_view kind_name(Kind kind);

// A list of child nodes, in source order.
template <class T>
using List = std::span<const T* const>;

// What every node starts with.
struct Node {
  Kind kind;
  Location loc;  // where the node's first token starts
};

// Downcasts by kind: null when `node` is null or of another kind.
template <class T>
const T* as(const Node* node) {
  return node != nullptr && node->kind == T::kKind ? static_cast<const T*>(node) : nullptr;
}

// Downcasts a node the caller knows to be a T (checked in debug builds).
template <class T>
const T& cast(const Node& node) {
  assert(node.kind == T::kKind);
  return static_cast<const T&>(node);
}

// A name as written, with its own location (validation errors point at names).
// Names are never empty in a parsed document, so an empty Name means "absent".
struct Name {
  std::string_view value;
  Location loc;

  bool empty() const { return value.empty(); }
};

// The operation an OperationDefinition or a root type entry stands for.
enum class OperationType : std::uint8_t { kQuery, kMutation, kSubscription };

// "query", "mutation" or "subscription".
std::string_view operation_type_name(OperationType operation);

// ---------------------------------------------------------------------------------------------
// Abstract categories

// Any top-level definition: executable (operation, fragment), type system or extension.
struct Definition : Node {};
// A member of a selection set: Field, FragmentSpread or InlineFragment.
struct Selection : Node {};
// An input value literal: Variable, IntValue, FloatValue, StringValue, BooleanValue,
// NullValue, EnumValue, ListValue or ObjectValue.
struct Value : Node {};
// A type reference: NamedType, ListType or NonNullType.
struct Type : Node {};

bool is_executable_definition(Kind kind);   // operation or fragment definition
bool is_type_system_definition(Kind kind);  // schema, type or directive definition
bool is_type_system_extension(Kind kind);   // any `extend ...`
bool is_type_definition(Kind kind);         // scalar/object/interface/union/enum/input definition
bool is_type_extension(Kind kind);          // scalar/object/interface/union/enum/input extension

// ---------------------------------------------------------------------------------------------
// Values and type references

// `$name` in a value position (never inside a const value).
struct Variable : Value {
  static constexpr Kind kKind = Kind::kVariable;
  Name name;
};

// An Int literal as written (e.g. "-12"); range checks belong to coercion, not to parsing.
struct IntValue : Value {
  static constexpr Kind kKind = Kind::kIntValue;
  std::string_view value;
};

// A Float literal as written (e.g. "1.5e3").
struct FloatValue : Value {
  static constexpr Kind kKind = Kind::kFloatValue;
  std::string_view value;
};

// A string literal, already unescaped (or dedented, for block strings).
struct StringValue : Value {
  static constexpr Kind kKind = Kind::kStringValue;
  std::string_view value;
  bool block = false;  // written as """block string"""
};

// `true` or `false`.
struct BooleanValue : Value {
  static constexpr Kind kKind = Kind::kBooleanValue;
  bool value = false;
};

// `null`.
struct NullValue : Value {
  static constexpr Kind kKind = Kind::kNullValue;
};

// A bare name in a value position other than true/false/null.
struct EnumValue : Value {
  static constexpr Kind kKind = Kind::kEnumValue;
  std::string_view value;
};

// `[value, ...]`, possibly empty.
struct ListValue : Value {
  static constexpr Kind kKind = Kind::kListValue;
  List<Value> values;
};

// `name: value` inside an input object literal.
struct ObjectField : Node {
  static constexpr Kind kKind = Kind::kObjectField;
  Name name;
  const Value* value = nullptr;
};

// `{name: value, ...}`, possibly empty; field names may repeat (validation rejects that).
struct ObjectValue : Value {
  static constexpr Kind kKind = Kind::kObjectValue;
  List<ObjectField> fields;
};

// A type referred to by name, also used for type conditions and `implements` lists.
struct NamedType : Type {
  static constexpr Kind kKind = Kind::kNamedType;
  Name name;
};

// `[type]`.
struct ListType : Type {
  static constexpr Kind kKind = Kind::kListType;
  const Type* type = nullptr;
};

// `type!`; `type` is a NamedType or a ListType, never another NonNullType.
struct NonNullType : Type {
  static constexpr Kind kKind = Kind::kNonNullType;
  const Type* type = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Executable documents

// `name: value` in a field's or directive's argument list.
struct Argument : Node {
  static constexpr Kind kKind = Kind::kArgument;
  Name name;
  const Value* value = nullptr;
};

// `@name(arguments)`.
struct Directive : Node {
  static constexpr Kind kKind = Kind::kDirective;
  Name name;
  List<Argument> arguments;
};

// `{ selections }`; never empty in a parsed document.
struct SelectionSet : Node {
  static constexpr Kind kKind = Kind::kSelectionSet;
  List<Selection> selections;
};

// `alias: name(arguments) @directives { selection_set }`.
struct Field : Selection {
  static constexpr Kind kKind = Kind::kField;
  Name alias;  // empty without an alias
  Name name;
  List<Argument> arguments;
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;  // null for a leaf field

  // The key of this field in the response: the alias if there is one, else the name.
  std::string_view response_key() const { return alias.empty() ? name.value : alias.value; }
};

// `...Name @directives`.
struct FragmentSpread : Selection {
  static constexpr Kind kKind = Kind::kFragmentSpread;
  Name name;
  List<Directive> directives;
};

// `... on Type @directives { selection_set }`.
struct InlineFragment : Selection {
  static constexpr Kind kKind = Kind::kInlineFragment;
  const NamedType* type_condition = nullptr;  // null without `on Type`
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

// `"description" $name: Type = default @directives`.
struct VariableDefinition : Node {
  static constexpr Kind kKind = Kind::kVariableDefinition;
  const StringValue* description = nullptr;
  const Variable* variable = nullptr;
  const Type* type = nullptr;
  const Value* default_value = nullptr;  // null without a default; a const value otherwise
  List<Directive> directives;
};

// `"description" query Name($vars) @directives { ... }`, or the shorthand `{ ... }` (an
// anonymous query without description, variables or directives).
struct OperationDefinition : Definition {
  static constexpr Kind kKind = Kind::kOperationDefinition;
  const StringValue* description = nullptr;
  OperationType operation = OperationType::kQuery;
  Name name;  // empty for an anonymous operation
  List<VariableDefinition> variable_definitions;
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

// `"description" fragment Name on Type @directives { ... }`.
struct FragmentDefinition : Definition {
  static constexpr Kind kKind = Kind::kFragmentDefinition;
  const StringValue* description = nullptr;
  Name name;
  const NamedType* type_condition = nullptr;
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Type system documents (SDL). `description` is null when absent; directives are const.

// `query: Type` inside `schema { }` or `extend schema { }`.
struct OperationTypeDefinition : Node {
  static constexpr Kind kKind = Kind::kOperationTypeDefinition;
  OperationType operation = OperationType::kQuery;
  const NamedType* type = nullptr;
};

// `"description" schema @directives { query: Q ... }`.
struct SchemaDefinition : Definition {
  static constexpr Kind kKind = Kind::kSchemaDefinition;
  const StringValue* description = nullptr;
  List<Directive> directives;
  List<OperationTypeDefinition> operation_types;  // at least one
};

// `"description" scalar Name @directives`.
struct ScalarTypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kScalarTypeDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<Directive> directives;
};

// An argument of a field or directive, or a field of an input object:
// `"description" name: Type = default @directives`.
struct InputValueDefinition : Node {
  static constexpr Kind kKind = Kind::kInputValueDefinition;
  const StringValue* description = nullptr;
  Name name;
  const Type* type = nullptr;
  const Value* default_value = nullptr;  // null without a default
  List<Directive> directives;
};

// A field of an object or interface type: `"description" name(args): Type @directives`.
struct FieldDefinition : Node {
  static constexpr Kind kKind = Kind::kFieldDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<InputValueDefinition> arguments;
  const Type* type = nullptr;
  List<Directive> directives;
};

// `"description" type Name implements A & B @directives { fields }`.
struct ObjectTypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kObjectTypeDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<NamedType> interfaces;  // `implements A & B`
  List<Directive> directives;
  List<FieldDefinition> fields;  // may be empty (`type Query`), validation decides
};

// `"description" interface Name implements A @directives { fields }`.
struct InterfaceTypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kInterfaceTypeDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<NamedType> interfaces;
  List<Directive> directives;
  List<FieldDefinition> fields;
};

// `"description" union Name @directives = A | B`.
struct UnionTypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kUnionTypeDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<Directive> directives;
  List<NamedType> types;  // `= A | B`
};

// A value of an enum type: `"description" NAME @directives`.
struct EnumValueDefinition : Node {
  static constexpr Kind kKind = Kind::kEnumValueDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<Directive> directives;
};

// `"description" enum Name @directives { VALUES }`.
struct EnumTypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kEnumTypeDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<Directive> directives;
  List<EnumValueDefinition> values;
};

// `"description" input Name @directives { fields }`.
struct InputObjectTypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kInputObjectTypeDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<Directive> directives;
  List<InputValueDefinition> fields;
};

// Where a directive may appear (spec 3.13), in the order the spec lists them, plus
// DIRECTIVE_DEFINITION, which graphql-js 16.15 accepts.
enum class DirectiveLocation : std::uint8_t {
  kQuery,
  kMutation,
  kSubscription,
  kField,
  kFragmentDefinition,
  kFragmentSpread,
  kInlineFragment,
  kVariableDefinition,
  kSchema,
  kScalar,
  kObject,
  kFieldDefinition,
  kArgumentDefinition,
  kInterface,
  kUnion,
  kEnum,
  kEnumValue,
  kInputObject,
  kInputFieldDefinition,
  kDirectiveDefinition,
};

// "QUERY" <-> DirectiveLocation::kQuery and so on.
std::optional<DirectiveLocation> parse_directive_location(std::string_view name);
std::string_view directive_location_name(DirectiveLocation location);

// `"description" directive @name(args) repeatable on A | B`.
struct DirectiveDefinition : Definition {
  static constexpr Kind kKind = Kind::kDirectiveDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<InputValueDefinition> arguments;
  bool repeatable = false;
  std::span<const Name> locations;  // as written; each one a valid DirectiveLocation name
};

// `extend schema @directives { operation types }`: directives or operation types, or both.
struct SchemaExtension : Definition {
  static constexpr Kind kKind = Kind::kSchemaExtension;
  List<Directive> directives;
  List<OperationTypeDefinition> operation_types;
};

// `extend scalar Name @directives`. Each `extend <type>` carries what it adds; the parser
// rejects extensions that add nothing.
struct ScalarTypeExtension : Definition {
  static constexpr Kind kKind = Kind::kScalarTypeExtension;
  Name name;
  List<Directive> directives;
};

// `extend type Name implements C @directives { more fields }`.
struct ObjectTypeExtension : Definition {
  static constexpr Kind kKind = Kind::kObjectTypeExtension;
  Name name;
  List<NamedType> interfaces;
  List<Directive> directives;
  List<FieldDefinition> fields;
};

// `extend interface Name implements C @directives { more fields }`.
struct InterfaceTypeExtension : Definition {
  static constexpr Kind kKind = Kind::kInterfaceTypeExtension;
  Name name;
  List<NamedType> interfaces;
  List<Directive> directives;
  List<FieldDefinition> fields;
};

// `extend union Name @directives = C | D`.
struct UnionTypeExtension : Definition {
  static constexpr Kind kKind = Kind::kUnionTypeExtension;
  Name name;
  List<Directive> directives;
  List<NamedType> types;
};

// `extend enum Name @directives { MORE_VALUES }`.
struct EnumTypeExtension : Definition {
  static constexpr Kind kKind = Kind::kEnumTypeExtension;
  Name name;
  List<Directive> directives;
  List<EnumValueDefinition> values;
};

// `extend input Name @directives { more fields }`.
struct InputObjectTypeExtension : Definition {
  static constexpr Kind kKind = Kind::kInputObjectTypeExtension;
  Name name;
  List<Directive> directives;
  List<InputValueDefinition> fields;
};

// ---------------------------------------------------------------------------------------------

// The root: every definition of the document in source order (at least one).
struct DocumentNode : Node {
  static constexpr Kind kKind = Kind::kDocument;
  List<Definition> definitions;
};

// The name a type reference finally names, through list and non-null wrappers.
const NamedType& named_type(const Type& type);

// The name of a type definition or extension (scalar, object, interface, union, enum, input
// object); nullptr for any other definition.
const Name* type_definition_name(const Definition& definition);

}  // namespace ecn::graphql::ast
