#include <array>

#include "schema_internal.hpp"

namespace ecn::graphql::detail {

// Descriptions are graphql-js's, word for word: introspection shows them to clients.
const std::string_view kSchemaPrelude = R"graphql(
"The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text."
scalar String

"The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1."
scalar Int

"The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."
scalar Float

"The `Boolean` scalar type represents `true` or `false`."
scalar Boolean

"The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."
scalar ID

"Directs the executor to include this field or fragment only when the `if` argument is true."
directive @include("Included when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Directs the executor to skip this field or fragment when the `if` argument is true."
directive @skip("Skipped when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Marks an element of a GraphQL schema as no longer supported."
directive @deprecated(
  "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/)."
  reason: String = "No longer supported"
) on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE | DIRECTIVE_DEFINITION

"Exposes a URL that specifies the behavior of this scalar."
directive @specifiedBy("The URL that specifies the behavior of this scalar." url: String!) on SCALAR

"Indicates exactly one field must be supplied and this field must not be `null`."
directive @oneOf on INPUT_OBJECT
)graphql";

bool is_standard_scalar(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kNames = {"String", "Int", "Float", "Boolean",
                                                             "ID"};
  for (const std::string_view standard : kNames) {
    if (standard == name) return true;
  }
  return false;
}

ast::List<ast::Directive> directives_of(const ast::Definition& definition) {
  using ast::cast;
  using ast::Kind;
  switch (definition.kind) {
    case Kind::kSchemaDefinition:
      return cast<ast::SchemaDefinition>(definition).directives;
    case Kind::kSchemaExtension:
      return cast<ast::SchemaExtension>(definition).directives;
    case Kind::kScalarTypeDefinition:
      return cast<ast::ScalarTypeDefinition>(definition).directives;
    case Kind::kScalarTypeExtension:
      return cast<ast::ScalarTypeExtension>(definition).directives;
    case Kind::kObjectTypeDefinition:
      return cast<ast::ObjectTypeDefinition>(definition).directives;
    case Kind::kObjectTypeExtension:
      return cast<ast::ObjectTypeExtension>(definition).directives;
    case Kind::kInterfaceTypeDefinition:
      return cast<ast::InterfaceTypeDefinition>(definition).directives;
    case Kind::kInterfaceTypeExtension:
      return cast<ast::InterfaceTypeExtension>(definition).directives;
    case Kind::kUnionTypeDefinition:
      return cast<ast::UnionTypeDefinition>(definition).directives;
    case Kind::kUnionTypeExtension:
      return cast<ast::UnionTypeExtension>(definition).directives;
    case Kind::kEnumTypeDefinition:
      return cast<ast::EnumTypeDefinition>(definition).directives;
    case Kind::kEnumTypeExtension:
      return cast<ast::EnumTypeExtension>(definition).directives;
    case Kind::kInputObjectTypeDefinition:
      return cast<ast::InputObjectTypeDefinition>(definition).directives;
    case Kind::kInputObjectTypeExtension:
      return cast<ast::InputObjectTypeExtension>(definition).directives;
    default:
      return {};
  }
}

}  // namespace ecn::graphql::detail
