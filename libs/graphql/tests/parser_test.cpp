#include "ecn/graphql/parser.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "kitchen_sink.hpp"

namespace ecn::graphql {
namespace {

using namespace ast;  // NOLINT: tests read better with bare node names

Document parse_ok(std::string_view source, const ParseOptions& options = {}) {
  ParseResult result = parse(source, options);
  if (!result) {
    ADD_FAILURE() << "unexpected error: " << result.error().message << " at "
                  << result.error().location.line << ":" << result.error().location.column;
    return parse("{ placeholder }").value();
  }
  return std::move(*result);
}

struct ErrorAt {
  std::string message;
  std::uint32_t line;
  std::uint32_t column;
  friend bool operator==(const ErrorAt&, const ErrorAt&) = default;
  friend std::ostream& operator<<(std::ostream& os, const ErrorAt& e) {
    return os << e.message << " @" << e.line << ":" << e.column;
  }
};

ErrorAt parse_error(std::string_view source, const ParseOptions& options = {}) {
  ParseResult result = parse(source, options);
  if (result) return {"<parsed>", 0, 0};
  return {result.error().message, result.error().location.line, result.error().location.column};
}

template <class T>
const T& first_definition(const Document& document) {
  EXPECT_FALSE(document.definitions().empty());
  const T* node = as<T>(document.definitions()[0]);
  EXPECT_NE(node, nullptr) << "first definition is " << kind_name(document.definitions()[0]->kind);
  return *node;
}

const Field& field_at(const SelectionSet& set, std::size_t index) {
  static const Field kMissing{};
  const Field* field = index < set.selections.size() ? as<Field>(set.selections[index]) : nullptr;
  EXPECT_NE(field, nullptr) << "no field at " << index;
  return field != nullptr ? *field : kMissing;
}

TEST(GraphqlParserTest, ShorthandQuery) {
  const Document document = parse_ok("{ a }");
  const auto& op = first_definition<OperationDefinition>(document);
  EXPECT_EQ(op.operation, OperationType::kQuery);
  EXPECT_TRUE(op.name.empty());
  EXPECT_TRUE(op.variable_definitions.empty());
  ASSERT_NE(op.selection_set, nullptr);
  ASSERT_EQ(op.selection_set->selections.size(), 1u);
  const Field& a = field_at(*op.selection_set, 0);
  EXPECT_EQ(a.name.value, "a");
  EXPECT_EQ(a.response_key(), "a");
  EXPECT_EQ(a.selection_set, nullptr);
  EXPECT_EQ(a.loc, (Location{2, 1, 3}));
  EXPECT_EQ(document.token_count(), 3u);
}

TEST(GraphqlParserTest, NamedOperationsOfEachType) {
  const Document document =
      parse_ok("query Q { a } mutation M { b } subscription S { c } query { d }");
  ASSERT_EQ(document.definitions().size(), 4u);
  const OperationType expected[] = {OperationType::kQuery, OperationType::kMutation,
                                    OperationType::kSubscription, OperationType::kQuery};
  const std::string_view names[] = {"Q", "M", "S", ""};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto* op = as<OperationDefinition>(document.definitions()[i]);
    ASSERT_NE(op, nullptr);
    EXPECT_EQ(op->operation, expected[i]);
    EXPECT_EQ(op->name.value, names[i]);
  }
}

TEST(GraphqlParserTest, VariablesWithTypesDefaultsAndDirectives) {
  const Document document =
      parse_ok("query Q($a: Int, $b: [String!]! = [\"x\"], $c: In = {k: 1} @dir(x: 1)) @op { f }");
  const auto& op = first_definition<OperationDefinition>(document);
  ASSERT_EQ(op.variable_definitions.size(), 3u);
  ASSERT_EQ(op.directives.size(), 1u);
  EXPECT_EQ(op.directives[0]->name.value, "op");

  const VariableDefinition& a = *op.variable_definitions[0];
  EXPECT_EQ(a.variable->name.value, "a");
  EXPECT_EQ(a.variable->loc, (Location{8, 1, 9}));
  EXPECT_EQ(cast<NamedType>(*a.type).name.value, "Int");
  EXPECT_EQ(a.default_value, nullptr);

  const VariableDefinition& b = *op.variable_definitions[1];
  const auto& non_null = cast<NonNullType>(*b.type);
  const auto& list = cast<ListType>(*non_null.type);
  const auto& inner = cast<NonNullType>(*list.type);
  EXPECT_EQ(cast<NamedType>(*inner.type).name.value, "String");
  EXPECT_EQ(named_type(*b.type).name.value, "String");
  EXPECT_EQ(non_null.loc, list.loc);  // both start at '['
  const auto& default_list = cast<ListValue>(*b.default_value);
  ASSERT_EQ(default_list.values.size(), 1u);
  EXPECT_EQ(cast<StringValue>(*default_list.values[0]).value, "x");

  const VariableDefinition& c = *op.variable_definitions[2];
  EXPECT_EQ(cast<ObjectValue>(*c.default_value).fields[0]->name.value, "k");
  ASSERT_EQ(c.directives.size(), 1u);
  EXPECT_EQ(c.directives[0]->arguments[0]->name.value, "x");
}

TEST(GraphqlParserTest, FieldsWithAliasesArgumentsDirectivesAndSelections) {
  const Document document =
      parse_ok("{ total: totalAmount(currency: EUR, round: true) @include(if: $x) { amount } }");
  const auto& op = first_definition<OperationDefinition>(document);
  const Field& field = field_at(*op.selection_set, 0);
  EXPECT_EQ(field.alias.value, "total");
  EXPECT_EQ(field.alias.loc, (Location{2, 1, 3}));
  EXPECT_EQ(field.name.value, "totalAmount");
  EXPECT_EQ(field.name.loc, (Location{9, 1, 10}));
  EXPECT_EQ(field.response_key(), "total");
  ASSERT_EQ(field.arguments.size(), 2u);
  EXPECT_EQ(field.arguments[0]->name.value, "currency");
  EXPECT_EQ(cast<EnumValue>(*field.arguments[0]->value).value, "EUR");
  EXPECT_TRUE(cast<BooleanValue>(*field.arguments[1]->value).value);
  ASSERT_EQ(field.directives.size(), 1u);
  EXPECT_EQ(field.directives[0]->name.value, "include");
  EXPECT_EQ(cast<Variable>(*field.directives[0]->arguments[0]->value).name.value, "x");
  ASSERT_NE(field.selection_set, nullptr);
  EXPECT_EQ(field_at(*field.selection_set, 0).name.value, "amount");
}

TEST(GraphqlParserTest, FragmentSpreadsInlineFragmentsAndDefinitions) {
  const Document document = parse_ok(R"(
    { ...A @d ... on T { x } ... @include(if: true) { y } ... { z } }
    fragment A on User @f { id }
  )");
  const auto& op = first_definition<OperationDefinition>(document);
  const auto& selections = op.selection_set->selections;
  ASSERT_EQ(selections.size(), 4u);
  const auto* spread = as<FragmentSpread>(selections[0]);
  ASSERT_NE(spread, nullptr);
  EXPECT_EQ(spread->name.value, "A");
  EXPECT_EQ(spread->directives.size(), 1u);
  const auto* typed = as<InlineFragment>(selections[1]);
  ASSERT_NE(typed, nullptr);
  EXPECT_EQ(typed->type_condition->name.value, "T");
  const auto* directed = as<InlineFragment>(selections[2]);
  ASSERT_NE(directed, nullptr);
  EXPECT_EQ(directed->type_condition, nullptr);
  EXPECT_EQ(directed->directives.size(), 1u);
  const auto* bare = as<InlineFragment>(selections[3]);
  ASSERT_NE(bare, nullptr);
  EXPECT_TRUE(bare->directives.empty());

  const auto* fragment = as<FragmentDefinition>(document.definitions()[1]);
  ASSERT_NE(fragment, nullptr);
  EXPECT_EQ(fragment->name.value, "A");
  EXPECT_EQ(fragment->type_condition->name.value, "User");
  EXPECT_EQ(fragment->directives[0]->name.value, "f");
  EXPECT_EQ(fragment->loc.line, 3u);
  EXPECT_EQ(fragment->loc.column, 5u);
}

TEST(GraphqlParserTest, KeywordsAreValidNames) {
  const Document document = parse_ok(
      "query query { on fragment query subscription mutation true false null type schema }");
  const auto& op = first_definition<OperationDefinition>(document);
  EXPECT_EQ(op.name.value, "query");
  EXPECT_EQ(op.selection_set->selections.size(), 10u);
  parse_ok("{ ... on on { on } }");
  parse_ok("fragment notOn on on { on }");
}

TEST(GraphqlParserTest, EveryValueLiteral) {
  const Document document = parse_ok(
      R"({ f(i: -12, fl: 1.5e3, s: "a\tb", b: """ block """, t: true, fa: false, n: null,
             e: ENUM_VALUE, v: $var, l: [1, [2], []], o: {a: {b: 1}, c: []}) })");
  const auto& args =
      field_at(*first_definition<OperationDefinition>(document).selection_set, 0).arguments;
  ASSERT_EQ(args.size(), 11u);
  EXPECT_EQ(cast<IntValue>(*args[0]->value).value, "-12");
  EXPECT_EQ(cast<FloatValue>(*args[1]->value).value, "1.5e3");
  EXPECT_EQ(cast<StringValue>(*args[2]->value).value, "a\tb");
  EXPECT_FALSE(cast<StringValue>(*args[2]->value).block);
  EXPECT_EQ(cast<StringValue>(*args[3]->value).value, " block ");
  EXPECT_TRUE(cast<StringValue>(*args[3]->value).block);
  EXPECT_TRUE(cast<BooleanValue>(*args[4]->value).value);
  EXPECT_FALSE(cast<BooleanValue>(*args[5]->value).value);
  EXPECT_EQ(args[6]->value->kind, Kind::kNullValue);
  EXPECT_EQ(cast<EnumValue>(*args[7]->value).value, "ENUM_VALUE");
  EXPECT_EQ(cast<Variable>(*args[8]->value).name.value, "var");
  const auto& list = cast<ListValue>(*args[9]->value);
  ASSERT_EQ(list.values.size(), 3u);
  EXPECT_EQ(cast<ListValue>(*list.values[1]).values.size(), 1u);
  EXPECT_TRUE(cast<ListValue>(*list.values[2]).values.empty());
  const auto& object = cast<ObjectValue>(*args[10]->value);
  ASSERT_EQ(object.fields.size(), 2u);
  EXPECT_EQ(object.fields[0]->name.value, "a");
  EXPECT_EQ(cast<ObjectValue>(*object.fields[0]->value).fields[0]->name.value, "b");
  EXPECT_EQ(args[10]->value->loc.line, 2u);
}

TEST(GraphqlParserTest, DocumentOwnsItsSource) {
  auto source = std::make_unique<std::string>("{ field(arg: \"value\") }");
  Document document = parse_ok(*source);
  source->assign(source->size(), 'x');  // scribble over the caller's buffer, then free it
  source.reset();
  Document moved = std::move(document);
  const auto& op = first_definition<OperationDefinition>(moved);
  const Field& field = field_at(*op.selection_set, 0);
  EXPECT_EQ(field.name.value, "field");
  EXPECT_EQ(cast<StringValue>(*field.arguments[0]->value).value, "value");
  EXPECT_EQ(moved.source(), "{ field(arg: \"value\") }");
}

TEST(GraphqlParserTest, KitchenSinksParse) {
  const Document executable = parse_ok(testing::kExecutableKitchenSink);
  EXPECT_EQ(executable.definitions().size(), 9u);
  for (const Definition* definition : executable.definitions()) {
    EXPECT_TRUE(is_executable_definition(definition->kind));
  }
  const Document schema = parse_ok(testing::kSchemaKitchenSink);
  EXPECT_EQ(schema.definitions().size(), 30u);
  for (const Definition* definition : schema.definitions()) {
    EXPECT_TRUE(is_type_system_definition(definition->kind) ||
                is_type_system_extension(definition->kind))
        << kind_name(definition->kind);
  }
}

TEST(GraphqlParserTest, KitchenSinkStringEscapesAndBlockStrings) {
  const Document document = parse_ok(testing::kExecutableKitchenSink);
  const auto& op = first_definition<OperationDefinition>(document);
  const Field& order = field_at(*op.selection_set, 0);
  const Field& note = field_at(*order.selection_set, 6);
  ASSERT_EQ(note.name.value, "note");
  EXPECT_EQ(cast<StringValue>(*note.arguments[0]->value).value,
            "line\nbreak \"quoted\" \\ \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(cast<StringValue>(*note.arguments[1]->value).value, "Block text\n  indented");
}

// graphql-js 16.15 accepts descriptions on executable definitions (next spec edition).
TEST(GraphqlParserTest, DescriptionsOnOperationsFragmentsAndVariables) {
  const Document document = parse_ok(R"(
    "Loads an order" query Order("the id" $id: ID!, """page""" $first: Int = 5) { order { id } }
    """Common fields""" fragment F on Order { id }
    "anonymous" query { a }
  )");
  const auto& op = first_definition<OperationDefinition>(document);
  ASSERT_NE(op.description, nullptr);
  EXPECT_EQ(op.description->value, "Loads an order");
  EXPECT_EQ(op.loc, op.description->loc);
  EXPECT_EQ(op.variable_definitions[0]->description->value, "the id");
  EXPECT_TRUE(op.variable_definitions[1]->description->block);
  EXPECT_EQ(op.variable_definitions[1]->variable->name.value, "first");
  const auto& fragment = cast<FragmentDefinition>(*document.definitions()[1]);
  EXPECT_EQ(fragment.description->value, "Common fields");
  const auto& anonymous = cast<OperationDefinition>(*document.definitions()[2]);
  EXPECT_EQ(anonymous.description->value, "anonymous");
  EXPECT_TRUE(anonymous.name.empty());
  EXPECT_EQ(first_definition<OperationDefinition>(parse_ok("{ a }")).description, nullptr);
}

TEST(GraphqlParserTest, SchemaDefinitionAndScalars) {
  const Document document = parse_ok(R"(
    "desc" schema @a { query: Q mutation: M subscription: S }
    scalar Date @specifiedBy(url: "u")
  )");
  const auto& schema = first_definition<SchemaDefinition>(document);
  ASSERT_NE(schema.description, nullptr);
  EXPECT_EQ(schema.description->value, "desc");
  EXPECT_EQ(schema.loc, schema.description->loc);  // a definition starts at its description
  EXPECT_EQ(schema.directives.size(), 1u);
  ASSERT_EQ(schema.operation_types.size(), 3u);
  EXPECT_EQ(schema.operation_types[1]->operation, OperationType::kMutation);
  EXPECT_EQ(schema.operation_types[1]->type->name.value, "M");
  const auto* scalar = as<ScalarTypeDefinition>(document.definitions()[1]);
  ASSERT_NE(scalar, nullptr);
  EXPECT_EQ(scalar->name.value, "Date");
  EXPECT_EQ(scalar->description, nullptr);
}

TEST(GraphqlParserTest, ObjectTypesWithInterfacesFieldsAndArguments) {
  const Document document = parse_ok(R"(
    """Block description"""
    type User implements & Node & Entity @key(f: "id") {
      "field desc" id: ID!
      orders("arg desc" first: Int = 20 @a, after: String): [Order!]! @deprecated(reason: "no")
    }
    type Empty
    type One implements Node { id: ID }
  )");
  const auto& user = first_definition<ObjectTypeDefinition>(document);
  EXPECT_EQ(user.description->value, "Block description");
  EXPECT_TRUE(user.description->block);
  EXPECT_EQ(user.name.value, "User");
  ASSERT_EQ(user.interfaces.size(), 2u);
  EXPECT_EQ(user.interfaces[0]->name.value, "Node");
  EXPECT_EQ(user.interfaces[1]->name.value, "Entity");
  ASSERT_EQ(user.fields.size(), 2u);
  EXPECT_EQ(user.fields[0]->description->value, "field desc");
  const FieldDefinition& orders = *user.fields[1];
  ASSERT_EQ(orders.arguments.size(), 2u);
  EXPECT_EQ(orders.arguments[0]->description->value, "arg desc");
  EXPECT_EQ(cast<IntValue>(*orders.arguments[0]->default_value).value, "20");
  EXPECT_EQ(orders.arguments[0]->directives.size(), 1u);
  EXPECT_EQ(orders.arguments[1]->default_value, nullptr);
  EXPECT_EQ(orders.type->kind, Kind::kNonNullType);
  EXPECT_EQ(orders.directives[0]->name.value, "deprecated");
  const auto& empty = cast<ObjectTypeDefinition>(*document.definitions()[1]);
  EXPECT_TRUE(empty.fields.empty());
  const auto& one = cast<ObjectTypeDefinition>(*document.definitions()[2]);
  EXPECT_EQ(one.interfaces.size(), 1u);
}

TEST(GraphqlParserTest, InterfacesUnionsEnumsInputsAndDirectives) {
  const Document document = parse_ok(R"(
    interface Entity implements Node & Timestamped { id: ID! }
    union Result = | A | B
    union Single = C
    enum Color { RED "green" GREEN @deprecated BLUE }
    input In { a: Int = 1, b: [String] @x }
    directive @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT
    directive @other on | QUERY
  )");
  const auto& entity = first_definition<InterfaceTypeDefinition>(document);
  EXPECT_EQ(entity.interfaces.size(), 2u);
  const auto& result = cast<UnionTypeDefinition>(*document.definitions()[1]);
  ASSERT_EQ(result.types.size(), 2u);
  EXPECT_EQ(result.types[0]->name.value, "A");
  EXPECT_EQ(cast<UnionTypeDefinition>(*document.definitions()[2]).types.size(), 1u);
  const auto& color = cast<EnumTypeDefinition>(*document.definitions()[3]);
  ASSERT_EQ(color.values.size(), 3u);
  EXPECT_EQ(color.values[1]->description->value, "green");
  EXPECT_EQ(color.values[1]->directives.size(), 1u);
  const auto& input = cast<InputObjectTypeDefinition>(*document.definitions()[4]);
  ASSERT_EQ(input.fields.size(), 2u);
  EXPECT_EQ(cast<IntValue>(*input.fields[0]->default_value).value, "1");
  const auto& cached = cast<DirectiveDefinition>(*document.definitions()[5]);
  EXPECT_EQ(cached.name.value, "cached");
  EXPECT_TRUE(cached.repeatable);
  ASSERT_EQ(cached.locations.size(), 2u);
  EXPECT_EQ(cached.locations[0].value, "FIELD_DEFINITION");
  EXPECT_EQ(parse_directive_location(cached.locations[1].value), DirectiveLocation::kObject);
  const auto& other = cast<DirectiveDefinition>(*document.definitions()[6]);
  EXPECT_FALSE(other.repeatable);
  EXPECT_EQ(other.locations.size(), 1u);
}

TEST(GraphqlParserTest, EveryExtensionForm) {
  const Document document = parse_ok(R"(
    extend schema @a
    extend schema { query: Q }
    extend scalar S @a
    extend type T implements I
    extend type T @a
    extend type T { f: Int }
    extend interface I implements J
    extend interface I @a
    extend interface I { f: Int }
    extend union U @a
    extend union U = A | B
    extend enum E @a
    extend enum E { V }
    extend input In @a
    extend input In { f: Int }
  )");
  const Kind expected[] = {Kind::kSchemaExtension,         Kind::kSchemaExtension,
                           Kind::kScalarTypeExtension,     Kind::kObjectTypeExtension,
                           Kind::kObjectTypeExtension,     Kind::kObjectTypeExtension,
                           Kind::kInterfaceTypeExtension,  Kind::kInterfaceTypeExtension,
                           Kind::kInterfaceTypeExtension,  Kind::kUnionTypeExtension,
                           Kind::kUnionTypeExtension,      Kind::kEnumTypeExtension,
                           Kind::kEnumTypeExtension,       Kind::kInputObjectTypeExtension,
                           Kind::kInputObjectTypeExtension};
  ASSERT_EQ(document.definitions().size(), std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(document.definitions()[i]->kind, expected[i]) << i;
    EXPECT_TRUE(is_type_system_extension(document.definitions()[i]->kind));
  }
  EXPECT_EQ(cast<ObjectTypeExtension>(*document.definitions()[3]).interfaces[0]->name.value, "I");
  EXPECT_EQ(cast<UnionTypeExtension>(*document.definitions()[10]).types.size(), 2u);
}

TEST(GraphqlParserTest, SyntaxErrorsMatchGraphqlJs) {
  struct Case {
    std::string_view source;
    ErrorAt error;
  };
  const Case cases[] = {
      {"{", {"Syntax Error: Expected Name, found <EOF>.", 1, 2}},
      {"", {"Syntax Error: Unexpected <EOF>.", 1, 1}},
      {"  # only a comment\n", {"Syntax Error: Unexpected <EOF>.", 2, 1}},
      {"\n      { ...MissingOn }\n      fragment MissingOn Type\n",
       {"Syntax Error: Expected \"on\", found Name \"Type\".", 3, 26}},
      {"{ field: {} }", {"Syntax Error: Expected Name, found \"{\".", 1, 10}},
      {"notAnOperation Foo { field }", {"Syntax Error: Unexpected Name \"notAnOperation\".", 1, 1}},
      {"...", {"Syntax Error: Unexpected \"...\".", 1, 1}},
      {"{ \"\"", {"Syntax Error: Expected Name, found String \"\".", 1, 3}},
      {"query", {"Syntax Error: Expected \"{\", found <EOF>.", 1, 6}},
      {"query Foo($x: Complex = { a: { b: [ $var ] } }) { field }",
       {"Syntax Error: Unexpected variable \"$var\" in constant value.", 1, 37}},
      {"query Foo($x: Int = $) { f }", {"Syntax Error: Unexpected \"$\".", 1, 21}},
      {"fragment on on on { on }", {"Syntax Error: Unexpected Name \"on\".", 1, 10}},
      {"{ ...on }", {"Syntax Error: Expected Name, found \"}\".", 1, 9}},
      {"{ f(a: ) }", {"Syntax Error: Unexpected \")\".", 1, 8}},
      {"{ f() }", {"Syntax Error: Expected Name, found \")\".", 1, 5}},
      {"{ f }}", {"Syntax Error: Unexpected \"}\".", 1, 6}},
      {"{}", {"Syntax Error: Expected Name, found \"}\".", 1, 2}},
      {"query Q($a Int) { f }", {"Syntax Error: Expected \":\", found Name \"Int\".", 1, 12}},
      {"query Q($a: [Int) { f }", {"Syntax Error: Expected \"]\", found \")\".", 1, 17}},
      {"query Q($a: Int!!) { f }", {"Syntax Error: Expected \"$\", found \"!\".", 1, 17}},
      {"query Q($a: Int) @ { f }", {"Syntax Error: Expected Name, found \"{\".", 1, 20}},
      {"subscriptions { f }", {"Syntax Error: Unexpected Name \"subscriptions\".", 1, 1}},
      {"{ f(a: 1 b: 2 }", {"Syntax Error: Expected Name, found \"}\".", 1, 15}},
      {"{ f(a: {b 1}) }", {"Syntax Error: Expected \":\", found Int \"1\".", 1, 11}},
      {"{ f(a: [1, 2) }", {"Syntax Error: Unexpected \")\".", 1, 13}},
      {"\"Description\" 1", {"Syntax Error: Unexpected Int \"1\".", 1, 15}},
      {"\"Description\" { f }",
       {"Syntax Error: Unexpected description, descriptions are not supported on shorthand "
        "queries.",
        1, 1}},
      {"\"Description\" extend type Hello { world: String }",
       {"Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1,
        1}},
      {"\"Description\" notADefinition",
       {"Syntax Error: Unexpected description, only GraphQL "
        "definitions support descriptions.",
        1, 1}},
      {"query Q(\"d\" \"e\" $a: Int) { f }",
       {"Syntax Error: Expected \"$\", found String \"e\".", 1, 13}},
      {"extend \"Description\" type Hello { world: String }",
       {"Syntax Error: Unexpected String \"Description\".", 1, 8}},
      {"extend scalar Hello", {"Syntax Error: Unexpected <EOF>.", 1, 20}},
      {"extend type Hello", {"Syntax Error: Unexpected <EOF>.", 1, 18}},
      {"extend interface Hello", {"Syntax Error: Unexpected <EOF>.", 1, 23}},
      {"extend union Hello", {"Syntax Error: Unexpected <EOF>.", 1, 19}},
      {"extend enum Hello", {"Syntax Error: Unexpected <EOF>.", 1, 18}},
      {"extend input Hello", {"Syntax Error: Unexpected <EOF>.", 1, 19}},
      {"extend schema", {"Syntax Error: Unexpected <EOF>.", 1, 14}},
      {"extend directive @d on FIELD", {"Syntax Error: Unexpected Name \"directive\".", 1, 8}},
      {"extend schema { unknown: SomeType }",
       {"Syntax Error: Unexpected Name \"unknown\".", 1, 17}},
      {"type Hello { world }", {"Syntax Error: Expected \":\", found \"}\".", 1, 20}},
      {"type Hello {}", {"Syntax Error: Expected Name, found \"}\".", 1, 13}},
      {"type Hello { world(foo: Int, bar): String }",
       {"Syntax Error: Expected \":\", found \")\".", 1, 33}},
      {"type Hello implements { f: Int }", {"Syntax Error: Expected Name, found \"{\".", 1, 23}},
      {"type Hello implements A & & B { f: Int }",
       {"Syntax Error: Expected Name, found \"&\".", 1, 27}},
      {"type Hello { f(a: Int = $v): Int }",
       {"Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 25}},
      {"union Hello = |", {"Syntax Error: Expected Name, found <EOF>.", 1, 16}},
      {"union Hello = || Wo | Rld", {"Syntax Error: Expected Name, found \"|\".", 1, 16}},
      {"union Hello = Wo || Rld", {"Syntax Error: Expected Name, found \"|\".", 1, 19}},
      {"union Hello = | Wo | Rld |", {"Syntax Error: Expected Name, found <EOF>.", 1, 27}},
      {"enum Test { VALID, true }",
       {"Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.", 1, 20}},
      {"enum Test { VALID, false }",
       {"Syntax Error: Name \"false\" is reserved and cannot be used for an enum value.", 1, 20}},
      {"enum Test { VALID, null }",
       {"Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.", 1, 20}},
      {"input Hello { world(foo: Int): String }",
       {"Syntax Error: Expected \":\", found \"(\".", 1, 20}},
      {"directive @foo on FIELD | INCORRECT_LOCATION",
       {"Syntax Error: Unexpected Name \"INCORRECT_LOCATION\".", 1, 27}},
      {"directive @foo FIELD", {"Syntax Error: Expected \"on\", found Name \"FIELD\".", 1, 16}},
      {"directive foo on FIELD", {"Syntax Error: Expected \"@\", found Name \"foo\".", 1, 11}},
      {"schema { query }", {"Syntax Error: Expected \":\", found \"}\".", 1, 16}},
      {"schema {}", {"Syntax Error: Expected Name, found \"}\".", 1, 9}},
      {"{ f(x: \"bad \\q\") }",
       {"Syntax Error: Invalid character escape sequence: \"\\q\".", 1, 13}},
      {"{\n  f(x: 01)\n}",
       {"Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 2, 9}},
      {"\"desc\" ~", {"Syntax Error: Unexpected character: \"~\".", 1, 8}},
      {"{ \xC3\xA9t\xC3\xA9 }", {"Syntax Error: Unexpected character: U+00E9.", 1, 3}},
      {"{ f(s: \"\xF0\x9F\x98\x80\") g(a: ) }",
       {"Syntax Error: Unexpected \")\".", 1, 19}},  // the emoji is 2 units
  };
  for (const Case& c : cases) {
    EXPECT_EQ(parse_error(c.source), c.error) << c.source;
  }
}

TEST(GraphqlParserTest, ValueThrowsOnError) {
  EXPECT_THROW(parse("{").value(), std::invalid_argument);
  try {
    (void)parse("{").value();
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "Syntax Error: Expected Name, found <EOF>. (1:2)");
  }
}

TEST(GraphqlParserLimitsTest, MaxTokensCountsLikeGraphqlJs) {
  ParseOptions options;
  options.max_tokens = 3;
  EXPECT_TRUE(parse("{ foo }", options));
  EXPECT_TRUE(parse("{ foo } # comments do not count", options));
  options.max_tokens = 2;
  EXPECT_EQ(
      parse_error("{ foo }", options),
      (ErrorAt{"Syntax Error: Document contains more than 2 tokens. Parsing aborted.", 1, 7}));
  options.max_tokens = 8;
  EXPECT_TRUE(parse("{ foo(bar: \"baz\") }", options));
  options.max_tokens = 7;
  EXPECT_EQ(
      parse_error("{ foo(bar: \"baz\") }", options),
      (ErrorAt{"Syntax Error: Document contains more than 7 tokens. Parsing aborted.", 1, 19}));
  EXPECT_EQ(parse_ok("{ foo(bar: \"baz\") }").token_count(), 8u);
}

TEST(GraphqlParserLimitsTest, MaxDocumentBytes) {
  ParseOptions options;
  options.max_document_bytes = 10;
  EXPECT_TRUE(parse("{ abcdef }", options));  // exactly 10 bytes
  EXPECT_EQ(parse_error("{ abcdefg }", options),
            (ErrorAt{"Syntax Error: Document of 11 bytes exceeds the maximum size of 10 bytes. "
                     "Parsing aborted.",
                     1, 1}));
  const std::string big(ParseOptions{}.max_document_bytes + 1, ' ');
  EXPECT_EQ(parse_error(big).message.substr(0, 33), "Syntax Error: Document of 1048577");
}

std::string nested_selections(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += "{ f ";
  for (int i = 0; i < depth; ++i) text += "} ";
  return text;
}

TEST(GraphqlParserLimitsTest, MaxDepthOfSelectionSets) {
  ParseOptions options;
  options.max_depth = 5;
  EXPECT_TRUE(parse(nested_selections(5), options));
  EXPECT_EQ(parse_error(nested_selections(6), options),
            (ErrorAt{"Syntax Error: Document exceeds the maximum nesting depth of 5. Parsing "
                     "aborted.",
                     1, 21}));
}

TEST(GraphqlParserLimitsTest, MaxDepthOfValuesAndTypes) {
  ParseOptions options;
  options.max_depth = 4;
  // The selection set is one level, so three more fit.
  EXPECT_TRUE(parse("{ f(a: [[{b: 1}]]) }", options));
  EXPECT_EQ(parse_error("{ f(a: [[{b: [1]}]]) }", options).column, 14u);
  EXPECT_TRUE(parse("{ f(a: {a: {a: {a: 1}}}) }", options));
  EXPECT_EQ(parse_error("{ f(a: {a: {a: {a: {a: 1}}}}) }", options).column, 20u);
  EXPECT_TRUE(parse("query ($a: [[[[Int]]]]) { f }", options));
  EXPECT_EQ(parse_error("query ($a: [[[[[Int]]]]]) { f }", options),
            (ErrorAt{"Syntax Error: Document exceeds the maximum nesting depth of 4. Parsing "
                     "aborted.",
                     1, 16}));
  EXPECT_EQ(parse_error("type T { f(a: [[[[[Int]]]]]): Int }", options).column, 19u);
}

TEST(GraphqlParserLimitsTest, DefaultDepthStopsHostileNesting) {
  const std::string hostile_list(100'000, '[');
  EXPECT_EQ(parse_error("{ f(a: " + hostile_list + ") }").message,
            "Syntax Error: Document exceeds the maximum nesting depth of 128. Parsing aborted.");
  EXPECT_EQ(parse_error(nested_selections(20'000)).message,
            "Syntax Error: Document exceeds the maximum nesting depth of 128. Parsing aborted.");
  EXPECT_TRUE(parse(nested_selections(1000), ParseOptions::trusted()));
}

}  // namespace
}  // namespace ecn::graphql
