#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/schema.hpp"

// Pieces of build_schema() shared between its source files.
namespace ecn::graphql::detail {

// The standard scalars and directives, as SDL with graphql-js's descriptions, so built-ins
// and user definitions are built by the same code.
extern const std::string_view kSchemaPrelude;

// The introspection types (__Schema, __Type, ...) as graphql-js 16.15 prints them, plus a
// hidden `__MetaFields` type carrying __schema, __type and __typename: execution and validation
// resolve those fields without them being fields of any schema type.
extern const std::string_view kIntrospectionPrelude;
inline constexpr std::string_view kMetaFieldsTypeName = "__MetaFields";

// True for the names of the standard scalars (Int, Float, String, Boolean, ID).
bool is_standard_scalar(std::string_view name);

// Adds an error pointing at `locations` (nodes without location are left out by the caller).
inline void report(std::vector<SchemaError>& errors, std::string message,
                   std::vector<Location> locations) {
  errors.push_back(SchemaError{std::move(message), std::move(locations)});
}

// Rejects executable definitions and applies graphql-js's SDL validation rules (unique names,
// known types and directives, directive locations and arguments, possible extensions).
void check_sdl_rules(const ast::DocumentNode& prelude, const ast::DocumentNode& document,
                     std::vector<SchemaError>& errors);

// graphql-js validateSchema(): root types, names, fields, interfaces, unions, enums, inputs.
void validate_schema(const Schema& schema, std::vector<SchemaError>& errors);

// The directives applied to a definition or extension node (empty for other kinds).
ast::List<ast::Directive> directives_of(const ast::Definition& definition);

}  // namespace ecn::graphql::detail
