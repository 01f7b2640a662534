#pragma once

#include <boost/system/result.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/document.hpp"
#include "ecn/graphql/location.hpp"
#include "ecn/graphql/parser.hpp"

// The type system a GraphQL service exposes, built from SDL (schema-first). The model is
// immutable once built and shared by every request (std::shared_ptr<const Schema>); all
// pointers between its parts stay valid for the schema's lifetime.
namespace ecn::graphql {

class Schema;

namespace schema {

// The six kinds of named types; type_kind_name() gives the __TypeKind spelling ("OBJECT").
enum class TypeKind : std::uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };
std::string_view type_kind_name(TypeKind kind);

struct Type;

// A type as used by a field, argument or input field: a named type inside list and non-null
// wrappers. `[String!]!` is NonNull -> List -> NonNull -> String.
struct TypeRef {
  enum class Wrapper : std::uint8_t { kNamed, kList, kNonNull };
  Wrapper wrapper = Wrapper::kNamed;
  const TypeRef* of_type = nullptr;  // the wrapped type (lists and non-nulls only)
  const Type* named = nullptr;       // the innermost named type, at every level

  bool is_non_null() const { return wrapper == Wrapper::kNonNull; }
  bool is_list() const { return wrapper == Wrapper::kList; }
  // The type without an outer non-null.
  const TypeRef& nullable() const { return is_non_null() ? *of_type : *this; }
};

// `[String!]!` as SDL spells it.
std::string to_string(const TypeRef& type);
bool operator==(const TypeRef& a, const TypeRef& b);

// A field argument, a directive argument or an input object field.
struct InputValue {
  std::string_view name;
  std::optional<std::string_view> description;
  const TypeRef* type = nullptr;
  const ast::Value* default_value = nullptr;  // a const value from the SDL, null without default
  std::optional<std::string_view> deprecation_reason;  // set when @deprecated
  const ast::InputValueDefinition* node = nullptr;     // null for built-ins made in code

  // Required: non-null without a default value.
  bool is_required() const { return type->is_non_null() && default_value == nullptr; }
};

// A field of an object or interface type.
struct Field {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<InputValue> arguments;
  const TypeRef* type = nullptr;
  std::optional<std::string_view> deprecation_reason;
  const ast::FieldDefinition* node = nullptr;

  const InputValue* argument(std::string_view name) const;
};

// A value of an enum type.
struct EnumValue {
  std::string_view name;
  std::optional<std::string_view> description;
  std::optional<std::string_view> deprecation_reason;
  const ast::EnumValueDefinition* node = nullptr;
};

// A named type of any kind; which members are meaningful depends on `kind`.
struct Type {
  TypeKind kind = TypeKind::kScalar;
  std::string_view name;
  std::optional<std::string_view> description;
  bool built_in = false;                             // Int, Float, String, Boolean, ID
  std::optional<std::string_view> specified_by_url;  // scalars with @specifiedBy
  bool one_of = false;                               // input objects with @oneOf
  std::vector<Field> fields;                         // objects, interfaces
  std::vector<const Type*> interfaces;               // objects, interfaces
  // Unions: the members. Interfaces: the object types implementing it, in schema order.
  std::vector<const Type*> possible_types;
  std::vector<const Type*> implementing_interfaces;  // interfaces: interfaces implementing it
  std::vector<EnumValue> enum_values;                // enums
  std::vector<InputValue> input_fields;              // input objects
  const ast::Definition* definition = nullptr;       // null for built-ins
  std::vector<const ast::Definition*> extensions;    // `extend ...` nodes, in order

  const Field* field(std::string_view name) const;
  const EnumValue* enum_value(std::string_view name) const;
  const InputValue* input_field(std::string_view name) const;

  bool is_input() const {
    return kind == TypeKind::kScalar || kind == TypeKind::kEnum || kind == TypeKind::kInputObject;
  }
  bool is_output() const { return kind != TypeKind::kInputObject; }
  bool is_leaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
  bool is_composite() const {
    return kind == TypeKind::kObject || kind == TypeKind::kInterface || kind == TypeKind::kUnion;
  }
  bool is_abstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
};

// A directive definition, built in (@include, @skip, @deprecated, @specifiedBy, @oneOf) or
// declared in the SDL.
struct Directive {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<InputValue> arguments;
  std::vector<ast::DirectiveLocation> locations;
  bool repeatable = false;
  bool built_in = false;
  const ast::DirectiveDefinition* node = nullptr;

  bool allowed_at(ast::DirectiveLocation location) const;
  const InputValue* argument(std::string_view name) const;
};

}  // namespace schema

// One problem found in SDL, worded like graphql-js, with the locations it points at.
struct SchemaError {
  std::string message;
  std::vector<Location> locations;
};

// A built schema, or every problem found (syntax error, SDL rule violations, or type system
// validation failures, in that order of stages; a later stage runs only if the earlier passed).
using SchemaResult = boost::system::result<std::shared_ptr<const Schema>, std::vector<SchemaError>>;

// Builds and validates a schema from SDL, like graphql-js buildSchema() + validateSchema().
// Standard scalars and directives are always present; `scalar Int` etc. in the SDL name them.
SchemaResult build_schema(std::string_view sdl,
                          const ParseOptions& options = ParseOptions::trusted());

// Lets SchemaResult::value() throw (found by argument-dependent lookup).
[[noreturn]] void throw_exception_from_error(const std::vector<SchemaError>& errors,
                                             const boost::source_location& location);

// The validated type system: named types, directives and root operation types.
class Schema {
 public:
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  std::optional<std::string_view> description() const { return description_; }
  // The `schema { }` definition and `extend schema` nodes, when the SDL has them.
  const ast::SchemaDefinition* definition() const { return definition_; }
  std::span<const ast::SchemaExtension* const> extensions() const { return extensions_; }
  const schema::Type* type(std::string_view name) const;
  // Every named type: the standard scalars first, then the SDL's types in definition order.
  std::span<const schema::Type* const> types() const { return types_; }
  const schema::Directive* directive(std::string_view name) const;
  std::span<const schema::Directive* const> directives() const { return directives_; }
  // The introspection types (__Schema, __Type, __TypeKind, __Field, __InputValue, __EnumValue,
  // __Directive, __DirectiveLocation): found by type(), kept out of types() so that lists only
  // what the SDL and the standard scalars define.
  std::span<const schema::Type* const> introspection_types() const { return introspection_types_; }
  // The meta-fields no type declares (spec 4.1): __typename on every composite type, __schema
  // and __type on the query root only.
  const schema::Field& typename_meta_field() const { return *typename_field_; }
  const schema::Field& schema_meta_field() const { return *schema_field_; }
  const schema::Field& type_meta_field() const { return *type_field_; }

  const schema::Type* query_type() const { return query_; }
  const schema::Type* mutation_type() const { return mutation_; }
  const schema::Type* subscription_type() const { return subscription_; }
  const schema::Type* root_type(ast::OperationType operation) const;

  // Whether `object` is a possible runtime type of the abstract type `abstract`.
  bool is_possible_type(const schema::Type& abstract, const schema::Type& object) const;
  // Whether `maybe_sub` is a member of union `abstract` or implements interface `abstract`.
  bool is_sub_type(const schema::Type& abstract, const schema::Type& maybe_sub) const;
  // Covariant type comparison (graphql-js isTypeSubTypeOf): may a `maybe_sub` value be used
  // where `super` is expected?
  bool is_type_sub_type_of(const schema::TypeRef& maybe_sub, const schema::TypeRef& super) const;

 private:
  friend class SchemaBuilder;
  Schema() = default;

  std::unique_ptr<Document> prelude_;        // the standard scalars and directives, as SDL
  std::unique_ptr<Document> document_;       // the SDL this schema was built from
  std::unique_ptr<Document> introspection_;  // the introspection types, as SDL
  std::deque<schema::Type> type_storage_;
  std::deque<schema::TypeRef> type_ref_storage_;
  std::deque<schema::Directive> directive_storage_;
  std::unordered_map<std::string_view, schema::Type*> types_by_name_;
  std::unordered_map<std::string_view, schema::Directive*> directives_by_name_;
  std::vector<const schema::Type*> types_;
  std::vector<const schema::Directive*> directives_;
  std::vector<const schema::Type*> introspection_types_;
  const schema::Field* typename_field_ = nullptr;
  const schema::Field* schema_field_ = nullptr;
  const schema::Field* type_field_ = nullptr;
  std::optional<std::string_view> description_;
  const ast::SchemaDefinition* definition_ = nullptr;
  std::vector<const ast::SchemaExtension*> extensions_;
  const schema::Type* query_ = nullptr;
  const schema::Type* mutation_ = nullptr;
  const schema::Type* subscription_ = nullptr;
};

}  // namespace ecn::graphql
