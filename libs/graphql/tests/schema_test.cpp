#include "ecn/graphql/schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "ecn/graphql/suggestions.hpp"

namespace ecn::graphql {
namespace {

using schema::TypeKind;

constexpr std::string_view kShopSchema = R"graphql(
"The shop's API"
schema { query: Query mutation: Mutation subscription: Subscription }

"RFC 3339 timestamp"
scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

interface Node { id: ID! }
interface Entity implements Node { id: ID! createdAt: DateTime! }

type User implements Node & Entity {
  id: ID!
  createdAt: DateTime!
  name: String @deprecated(reason: "Use displayName.")
  email: String @deprecated
  orders(first: Int = 20, after: String, status: OrderStatus): [Order!]!
}

type Order implements Node & Entity { id: ID! createdAt: DateTime! status: OrderStatus! }

union SearchResult = User | Order

enum OrderStatus { PENDING PAID SHIPPED @deprecated(reason: "Use DELIVERED.") }

input PlaceOrderInput { productId: ID!, quantity: Int! = 1, note: String }
input Lookup @oneOf { id: ID, email: String }

directive @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT

type Query {
  node(id: ID!): Node
  search(text: String!): [SearchResult!]! @cached(ttl: 5)
  user(by: Lookup!): User
}
type Mutation { placeOrder(input: PlaceOrderInput!): Order! }
type Subscription { orderUpdated(id: ID!): Order! }

extend type Query { viewer: User }
extend enum OrderStatus { DELIVERED }
extend union SearchResult = Product
type Product implements Node { id: ID! }
)graphql";

std::shared_ptr<const Schema> build_ok(std::string_view sdl) {
  SchemaResult result = build_schema(sdl);
  if (!result) {
    for (const SchemaError& error : result.error()) ADD_FAILURE() << error.message;
    return nullptr;
  }
  return *result;
}

// Errors as "message @line:column,..." lines, sorted, the way the expectations were recorded.
std::string errors_of(std::string_view sdl) {
  SchemaResult result = build_schema(sdl);
  if (result) return "";
  std::vector<std::string> lines;
  for (const SchemaError& error : result.error()) {
    std::string line = error.message + " @";
    for (std::size_t i = 0; i < error.locations.size(); ++i) {
      if (i != 0) line += ",";
      line +=
          std::to_string(error.locations[i].line) + ":" + std::to_string(error.locations[i].column);
    }
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) joined += (i != 0 ? "\n" : "") + lines[i];
  return joined;
}

TEST(GraphqlSchemaTest, BuildsTypesFieldsAndArguments) {
  const auto schema = build_ok(kShopSchema);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->description(), "The shop's API");
  const schema::Type* user = schema->type("User");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->kind, TypeKind::kObject);
  ASSERT_EQ(user->fields.size(), 5u);
  const schema::Field* orders = user->field("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(schema::to_string(*orders->type), "[Order!]!");
  EXPECT_EQ(orders->type->named, schema->type("Order"));
  ASSERT_EQ(orders->arguments.size(), 3u);
  const schema::InputValue* first = orders->argument("first");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(ast::cast<ast::IntValue>(*first->default_value).value, "20");
  EXPECT_FALSE(first->is_required());
  EXPECT_EQ(orders->argument("status")->type->named->kind, TypeKind::kEnum);
  EXPECT_EQ(user->field("name")->deprecation_reason, "Use displayName.");
  EXPECT_EQ(user->field("email")->deprecation_reason, "No longer supported");
  EXPECT_FALSE(user->field("id")->deprecation_reason.has_value());
  EXPECT_EQ(user->field("nope"), nullptr);
}

TEST(GraphqlSchemaTest, RootTypesFromSchemaDefinitionOrConventionalNames) {
  const auto schema = build_ok(kShopSchema);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->query_type(), schema->type("Query"));
  EXPECT_EQ(schema->mutation_type(), schema->type("Mutation"));
  EXPECT_EQ(schema->root_type(ast::OperationType::kSubscription), schema->type("Subscription"));

  const auto renamed =
      build_ok("schema { query: Root } type Root { a: Int } type Query { b: Int }");
  ASSERT_NE(renamed, nullptr);
  EXPECT_EQ(renamed->query_type()->name, "Root");
  EXPECT_EQ(renamed->mutation_type(), nullptr);

  const auto conventional = build_ok("type Query { a: Int } type Mutation { b: Int }");
  ASSERT_NE(conventional, nullptr);
  EXPECT_EQ(conventional->query_type()->name, "Query");
  EXPECT_EQ(conventional->mutation_type()->name, "Mutation");
  EXPECT_EQ(conventional->subscription_type(), nullptr);
}

TEST(GraphqlSchemaTest, InterfacesUnionsAndPossibleTypes) {
  const auto schema = build_ok(kShopSchema);
  ASSERT_NE(schema, nullptr);
  const schema::Type& node = *schema->type("Node");
  const schema::Type& entity = *schema->type("Entity");
  const schema::Type& user = *schema->type("User");
  const schema::Type& order = *schema->type("Order");
  const schema::Type& product = *schema->type("Product");
  const schema::Type& search = *schema->type("SearchResult");
  EXPECT_EQ(node.possible_types, (std::vector<const schema::Type*>{&user, &order, &product}));
  EXPECT_EQ(node.implementing_interfaces, (std::vector<const schema::Type*>{&entity}));
  EXPECT_EQ(entity.interfaces, (std::vector<const schema::Type*>{&node}));
  EXPECT_EQ(search.possible_types, (std::vector<const schema::Type*>{&user, &order, &product}));
  EXPECT_TRUE(schema->is_possible_type(node, user));
  EXPECT_TRUE(schema->is_possible_type(search, product));
  EXPECT_FALSE(schema->is_possible_type(entity, product));
  EXPECT_TRUE(schema->is_sub_type(node, entity));
  EXPECT_FALSE(schema->is_sub_type(entity, node));
  EXPECT_TRUE(node.is_abstract());
  EXPECT_TRUE(search.is_composite());
  EXPECT_FALSE(user.is_input());
}

TEST(GraphqlSchemaTest, EnumsInputsScalarsAndExtensions) {
  const auto schema = build_ok(kShopSchema);
  ASSERT_NE(schema, nullptr);
  const schema::Type& status = *schema->type("OrderStatus");
  ASSERT_EQ(status.enum_values.size(), 4u);
  EXPECT_EQ(status.enum_values[3].name, "DELIVERED");  // from the extension
  EXPECT_EQ(status.enum_value("SHIPPED")->deprecation_reason, "Use DELIVERED.");
  EXPECT_EQ(status.extensions.size(), 1u);
  const schema::Type& input = *schema->type("PlaceOrderInput");
  EXPECT_EQ(input.kind, TypeKind::kInputObject);
  EXPECT_TRUE(input.input_field("productId")->is_required());
  EXPECT_FALSE(input.input_field("quantity")->is_required());
  EXPECT_FALSE(input.one_of);
  EXPECT_TRUE(schema->type("Lookup")->one_of);
  const schema::Type& date = *schema->type("DateTime");
  EXPECT_EQ(date.description, "RFC 3339 timestamp");
  EXPECT_EQ(date.specified_by_url, "https://tools.ietf.org/html/rfc3339");
  EXPECT_FALSE(date.built_in);
  EXPECT_NE(schema->type("Query")->field("viewer"), nullptr);  // from the extension
}

TEST(GraphqlSchemaTest, StandardScalarsAndDirectivesAreBuiltIn) {
  const auto schema = build_ok("type Query { a: Int }");
  ASSERT_NE(schema, nullptr);
  for (const std::string_view name : {"String", "Int", "Float", "Boolean", "ID"}) {
    const schema::Type* type = schema->type(name);
    ASSERT_NE(type, nullptr) << name;
    EXPECT_TRUE(type->built_in);
    EXPECT_EQ(type->kind, TypeKind::kScalar);
    EXPECT_TRUE(type->description.has_value());
  }
  EXPECT_EQ(schema->types().size(), 6u);
  std::vector<std::string_view> directives;
  for (const schema::Directive* directive : schema->directives())
    directives.push_back(directive->name);
  EXPECT_EQ(directives, (std::vector<std::string_view>{"include", "skip", "deprecated",
                                                       "specifiedBy", "oneOf"}));
  const schema::Directive& deprecated = *schema->directive("deprecated");
  EXPECT_TRUE(deprecated.built_in);
  EXPECT_TRUE(deprecated.allowed_at(ast::DirectiveLocation::kEnumValue));
  EXPECT_FALSE(deprecated.allowed_at(ast::DirectiveLocation::kField));
  EXPECT_EQ(ast::cast<ast::StringValue>(*deprecated.argument("reason")->default_value).value,
            "No longer supported");
  EXPECT_TRUE(schema->directive("include")->argument("if")->is_required());
}

TEST(GraphqlSchemaTest, UserDirectivesComeFirstAndMayReplaceBuiltIns) {
  const auto schema = build_ok(R"(
    directive @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT
    directive @skip(if: Boolean!, reason: String) on FIELD
    type Query { a: Int }
  )");
  ASSERT_NE(schema, nullptr);
  std::vector<std::string_view> directives;
  for (const schema::Directive* directive : schema->directives())
    directives.push_back(directive->name);
  EXPECT_EQ(directives, (std::vector<std::string_view>{"cached", "skip", "include", "deprecated",
                                                       "specifiedBy", "oneOf"}));
  EXPECT_TRUE(schema->directive("cached")->repeatable);
  EXPECT_FALSE(schema->directive("skip")->built_in);
  EXPECT_NE(schema->directive("skip")->argument("reason"), nullptr);
}

TEST(GraphqlSchemaTest, TypeSubTypeComparison) {
  const auto schema = build_ok(kShopSchema);
  ASSERT_NE(schema, nullptr);
  const schema::TypeRef& node_ref = *schema->type("Query")->field("node")->type;  // Node
  const schema::TypeRef& orders = *schema->type("User")->field("orders")->type;   // [Order!]!
  const schema::TypeRef& order_ref = *schema->type("Mutation")->field("placeOrder")->type;
  EXPECT_TRUE(schema->is_type_sub_type_of(order_ref, node_ref));   // Order! <: Node
  EXPECT_FALSE(schema->is_type_sub_type_of(node_ref, order_ref));  // Node </: Order!
  EXPECT_FALSE(schema->is_type_sub_type_of(orders, node_ref));     // list </: named
  EXPECT_TRUE(schema->is_type_sub_type_of(orders, orders));
  EXPECT_TRUE(order_ref.nullable().named == schema->type("Order"));
}

TEST(GraphqlSchemaTest, SyntaxErrorsComeBackAsSchemaErrors) {
  SchemaResult result = build_schema("type Query {");
  ASSERT_FALSE(result);
  ASSERT_EQ(result.error().size(), 1u);
  EXPECT_EQ(result.error()[0].message, "Syntax Error: Expected Name, found <EOF>.");
  EXPECT_EQ(result.error()[0].locations, (std::vector<Location>{{12, 1, 13}}));
  EXPECT_THROW((void)build_schema("type Query {").value(), std::invalid_argument);
}

TEST(GraphqlSchemaTest, ExecutableDefinitionsAreRejected) {
  EXPECT_EQ(errors_of("type Query { a: Int } query { a }"),
            "The OperationDefinition is not allowed in a schema document, which holds only type "
            "system definitions and extensions. @1:23");
}

// Each case's expectation is what graphql-js 16.15 reports for the same SDL
// (validateSDL, then buildASTSchema + validateSchema), sorted.
TEST(GraphqlSchemaTest, ErrorsMatchGraphqlJs) {
  struct Case {
    std::string_view sdl;
    std::string_view errors;
  };
  const Case cases[] = {
      {"type Query { a: String }", ""},
      {"schema { query: Root } type Root { a: Int }", ""},
      {"type Query { a: String } extend type Query { b: Int }", ""},
      {"interface Node { id: ID! } type User implements Node { id: ID! name: String } type Query { "
       "node: Node }",
       ""},
      {"interface A { a: Int } interface B implements A { a: Int } type C implements B & A { a: "
       "Int } type Query { c: C }",
       ""},
      {"union U = A | B type A { a: Int } type B { b: Int } type Query { u: U }", ""},
      {"scalar Int type Query { a: Int }", ""},
      {"directive @deprecated(reason: String) on FIELD_DEFINITION type Query { a: Int @deprecated "
       "}",
       ""},
      {"type Query {", "Syntax Error: Expected Name, found <EOF>. @1:13"},
      {"type Query { a: String } schema { query: Query } schema { query: Query }",
       "Must provide only one schema definition. @1:50\nThere can be only one query type in "
       "schema. @1:35,1:59"},
      {"type Query { a: String } schema { query: Query query: Query }",
       "There can be only one query type in schema. @1:35,1:48"},
      {"type Query { a: String } type Query { b: Int }",
       "There can be only one type named \"Query\". @1:6,1:31"},
      {"type Query { a: String } directive @a on FIELD directive @a on QUERY",
       "There can be only one directive named \"@a\". @1:37,1:59"},
      {"type Query { a: Strin }", "Unknown type \"Strin\". Did you mean \"String\"? @1:17"},
      {"type Query { a: Usr } type User { id: ID }",
       "Unknown type \"Usr\". Did you mean \"User\"? @1:17"},
      {"type Query { a: String @unknown }", "Unknown directive \"@unknown\". @1:24"},
      {"type Query @deprecated { a: String }",
       "Directive \"@deprecated\" may not be used on OBJECT. @1:12"},
      {"type Query { a: String @deprecated @deprecated }",
       "The directive \"@deprecated\" can only be used once at this location. @1:24,1:36"},
      {"type Query @tag @tag { a: String } directive @tag on OBJECT",
       "The directive \"@tag\" can only be used once at this location. @1:12,1:17"},
      {"type Query @tag { a: String } extend type Query @tag directive @tag on OBJECT",
       "The directive \"@tag\" can only be used once at this location. @1:12,1:49"},
      {"type Query @tag { a: String } extend type Query @tag directive @tag repeatable on OBJECT",
       ""},
      {"type Query { a: String @deprecated(reson: \"x\") }",
       "Unknown argument \"reson\" on directive \"@deprecated\". Did you mean \"reason\"? @1:36"},
      {"type Query { a: String @deprecated(reason: \"x\", reason: \"y\") }",
       "There can be only one argument named \"reason\". @1:36,1:49"},
      {"scalar Date @specifiedBy type Query { a: Date }",
       "Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was "
       "not provided. @1:13"},
      {"type Query { a: String } extend type Querry { b: Int }",
       "Cannot extend type \"Querry\" because it is not defined. Did you mean \"Query\"? @1:38"},
      {"type Query { a: String } extend interface Query { b: Int }",
       "Cannot extend non-interface type \"Query\". @1:1,1:26"},
      {"type Query { a: String } enum E { A } extend input E { b: Int }",
       "Cannot extend non-input object type \"E\". @1:26,1:39"},
      {"type Query { a: String a: Int }", "Field \"Query.a\" can only be defined once. @1:14,1:24"},
      {"type Query { a: String } extend type Query { a: Int }",
       "Field \"Query.a\" can only be defined once. @1:14,1:46"},
      {"type Query { a(x: Int, x: String, x: ID): String }",
       "Argument \"Query.a(x:)\" can only be defined once. @1:16,1:24,1:35"},
      {"directive @d(x: Int, x: Int) on FIELD type Query { a: Int }",
       "Argument \"@d(x:)\" can only be defined once. @1:14,1:22"},
      {"enum E { A B A } type Query { a: E }",
       "Enum value \"E.A\" can only be defined once. @1:10,1:14"},
      {"enum E { A } extend enum E { A } type Query { a: E }",
       "Enum value \"E.A\" can only be defined once. @1:10,1:30"},
      {"input I { a: Int a: Int } type Query { f(i: I): Int }",
       "Field \"I.a\" can only be defined once. @1:11,1:18"},
      {"type Query { f(i: I = {a: 1, a: 2}): Int } input I { a: Int }",
       "There can be only one input field named \"a\". @1:24,1:30"},
      {"type Mutation { a: Int }", "Query root type must be provided. @"},
      {"schema { query: Q } input Q { a: Int }",
       "Query root type must be Object type, it cannot be Q. @1:17"},
      {"schema { query: Query mutation: M } type Query { a: Int } scalar M",
       "Mutation root type must be Object type if provided, it cannot be M. @1:33"},
      {"type Query { a: Int } type __Bad { a: Int }",
       "Name \"__Bad\" must not begin with \"__\", which is reserved by GraphQL introspection. "
       "@1:23"},
      {"type Query { __a: Int }",
       "Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection. "
       "@1:14"},
      {"type Query", "Type Query must define one or more fields. @1:1"},
      {"type Query { a: In } input In { x: Int }",
       "The type of Query.a must be Output Type but got: In. @1:17"},
      {"type Query { a(x: Obj): Int } type Obj { a: Int }",
       "The type of Query.a(x:) must be Input Type but got: Obj. @1:19"},
      {"type Query { a(x: Int! @deprecated): Int }",
       "Required argument Query.a(x:) cannot be deprecated. @1:24,1:19"},
      {"type Query { a: Int } type T implements Query { a: Int }",
       "Type T must only implement Interface types, it cannot implement Query. @1:41"},
      {"type Query { a: Int } interface I implements I { a: Int }",
       "Type I cannot implement itself because it would create a circular reference. @1:46"},
      {"type Query { a: Int } interface I { a: Int } type T implements I & I { a: Int }",
       "Type T can only implement I once. @1:64,1:68"},
      {"type Query { a: Int } interface I { a: Int b: String } type T implements I { a: Int }",
       "Interface field I.b expected but T does not provide it. @1:44,1:56"},
      {"type Query { a: Int } interface I { a: Int } type T implements I { a: String }",
       "Interface field I.a expects type Int but T.a is type String. @1:40,1:71"},
      {"type Query { a: Int } interface I { a: Int! } type T implements I { a: Int }",
       "Interface field I.a expects type Int! but T.a is type Int. @1:40,1:72"},
      {"type Query { a: Int } interface I { a: [Int] } type T implements I { a: [Int!]! }", ""},
      {"type Query { a: Int } interface I { a(x: Int): Int } type T implements I { a: Int }",
       "Interface field argument I.a(x:) expected but T.a does not provide it. @1:39,1:76"},
      {"type Query { a: Int } interface I { a(x: Int): Int } type T implements I { a(x: String): "
       "Int }",
       "Interface field argument I.a(x:) expects type Int but T.a(x:) is type String. @1:42,1:81"},
      {"type Query { a: Int } interface I { a: Int } type T implements I { a(y: Int!): Int }",
       "Object field T.a includes required argument y that is missing from the Interface field "
       "I.a. @1:70,1:37"},
      {"type Query { a: Int } interface A { a: Int } interface B implements A { a: Int } type T "
       "implements B { a: Int }",
       "Type T must implement A because it is implemented by B. @1:69,1:100"},
      {"type Query { a: Int } interface A implements B { a: Int } interface B implements A { a: "
       "Int }",
       "Type A cannot implement B because it would create a circular reference. @1:82,1:46\nType B "
       "cannot implement A because it would create a circular reference. @1:46,1:82"},
      {"type Query { a: Int } union U", "Union type U must define one or more member types. @1:23"},
      {"type Query { a: Int } union U = A | A type A { a: Int }",
       "Union type U can only include type A once. @1:33,1:37"},
      {"type Query { a: Int } union U = A | I type A { a: Int } interface I { a: Int }",
       "Union type U can only include Object types, it cannot include I. @1:37"},
      {"type Query { a: Int } enum E", "Enum type E must define one or more values. @1:23"},
      {"type Query { a: Int } enum E { __A }",
       "Name \"__A\" must not begin with \"__\", which is reserved by GraphQL introspection. "
       "@1:32"},
      {"type Query { a: Int } input I",
       "Input Object type I must define one or more fields. @1:23"},
      {"type Query { a: Int } input I { a: Obj } type Obj { a: Int }",
       "The type of I.a must be Input Type but got: Obj. @1:36"},
      {"type Query { a: Int } input I { a: Int! @deprecated }",
       "Required input field I.a cannot be deprecated. @1:41,1:36"},
      {"type Query { a: Int } input I @oneOf { a: Int! b: String = \"x\" }",
       "OneOf input field I.a must be nullable. @1:43\nOneOf input field I.b cannot have a default "
       "value. @1:48"},
      {"type Query { a: Int } input A { b: B! } input B { a: A! }",
       "Cannot reference Input Object \"A\" within itself through a series of non-null fields: "
       "\"b.a\". @1:33,1:51"},
      {"type Query { a: Int } input A { self: A! }",
       "Cannot reference Input Object \"A\" within itself through a series of non-null fields: "
       "\"self\". @1:33"},
      {"type Query { a: Int } input A { b: [A!]! c: A }", ""},
      {"directive @__d on FIELD type Query { a: Int }",
       "Name \"__d\" must not begin with \"__\", which is reserved by GraphQL introspection. @1:1"},
      {"directive @d(x: Obj) on FIELD type Query { a: Int } type Obj { a: Int }",
       "The type of @d(x:) must be Input Type but got: Obj. @1:14"},
      {"type Query { a: Int } interface I { a: Int } type T implements I { a: Int } type U "
       "implements I { b: Int }",
       "Interface field I.a expected but U does not provide it. @1:37,1:77"},
      {"schema { query: Query } type Query { a: Int } extend schema { mutation: M } type M { a: "
       "Int }",
       ""},
      {"type Query { a: Int } extend schema { query: Query }", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(errors_of(c.sdl), c.errors) << c.sdl;
  }
}

TEST(GraphqlSuggestionsTest, ListsCloseNamesNearestFirst) {
  const std::vector<std::string_view> options = {"User", "Users", "user", "Order", "Use", "Admin"};
  EXPECT_EQ(suggestion_list("Usr", options),
            (std::vector<std::string_view>{"Use", "User", "user", "Users"}));
  EXPECT_EQ(suggestion_list("USER", options),
            (std::vector<std::string_view>{"Use", "User", "Users", "user"}));
  EXPECT_TRUE(suggestion_list("Product", options).empty());
  // Digit runs compare by value; "a10" is too far from "a" (threshold 1).
  const std::vector<std::string_view> numbered = {"a10", "a9", "a1"};
  EXPECT_EQ(suggestion_list("a", numbered), (std::vector<std::string_view>{"a1", "a9"}));
  const std::vector<std::string_view> longer = {"ab10", "ab9", "ab1", "ab2"};
  EXPECT_EQ(suggestion_list("ab", longer), (std::vector<std::string_view>{"ab1", "ab2", "ab9"}));
}

TEST(GraphqlSuggestionsTest, DidYouMeanWording) {
  EXPECT_EQ(did_you_mean({}), "");
  const std::vector<std::string_view> one = {"a"};
  EXPECT_EQ(did_you_mean(one), " Did you mean \"a\"?");
  const std::vector<std::string_view> two = {"a", "b"};
  EXPECT_EQ(did_you_mean(two), " Did you mean \"a\" or \"b\"?");
  const std::vector<std::string_view> six = {"a", "b", "c", "d", "e", "f"};
  EXPECT_EQ(did_you_mean(six), " Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?");
}

}  // namespace
}  // namespace ecn::graphql
