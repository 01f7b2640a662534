#include "ecn/graphql/printer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ecn/graphql/block_string.hpp"
#include "ecn/graphql/parser.hpp"
#include "kitchen_sink.hpp"

namespace ecn::graphql {
namespace {

// Expected texts below are what graphql-js 16.15 print(parse(source)) returns for the same
// sources, so these tests pin us to the reference formatting.

std::string print_source(std::string_view source) {
  ParseResult result = parse(source, ParseOptions::trusted());
  if (!result) {
    ADD_FAILURE() << result.error().message;
    return {};
  }
  return print(*result);
}

// Parses, prints, parses the printed text and prints again: both prints must agree, and the
// second parse must see the same number of definitions.
void expect_round_trip(std::string_view source) {
  ParseResult first = parse(source, ParseOptions::trusted());
  ASSERT_TRUE(first) << first.error().message;
  const std::string printed = print(*first);
  ParseResult second = parse(printed, ParseOptions::trusted());
  ASSERT_TRUE(second) << second.error().message << "\n" << printed;
  EXPECT_EQ(print(*second), printed);
  EXPECT_EQ(second->definitions().size(), first->definitions().size());
}

constexpr std::string_view kExecutableKitchenSinkPrinted =
    R"gql(query OrderPage($id: ID!, $first: Int = 20, $statuses: [OrderStatus!] = [PAID, SHIPPED], $filter: OrderFilter = {since: "2024-01-01", tags: ["a", "b"], nested: {deep: [1, 2.5, null]}} @deprecated, $withUser: Boolean! = true) @live(interval: 5) {
  order(id: $id) {
    id
    total: totalAmount(currency: EUR) @include(if: $withUser) {
      amount
      currencyCode
    }
    ... on DigitalOrder @skip(if: false) {
      downloadUrl
    }
    ... @include(if: $withUser) {
      user {
        ...UserFields
      }
    }
    ... {
      createdAt
    }
    items(
      first: $first
      after: null
      statuses: $statuses
      filter: {price: {gte: -1.5e3, lt: 0}}
    ) {
      edges {
        node {
          ...Item @defer(label: "item")
        }
        cursor
      }
    }
    note(
      text: "line\nbreak \"quoted\" \\ é 😀"
      block: """
      Block text
        indented
      """
    )
  }
}

mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    order {
      id
      status
    }
    errors {
      field
      message
    }
  }
}

subscription OnNotification($userId: ID!) @tag(name: "live") {
  notificationReceived(userId: $userId) {
    id
    title
    body
  }
}

{
  viewer {
    id
  }
}

query ($unnamed: Int) {
  field(arg: $unnamed)
}

query WithDirectiveOnly @cached {
  field
}

fragment UserFields on User @meta(key: "v") {
  id
  name
  avatar: profilePicture(size: 64)
}

fragment Item on OrderItem {
  product {
    id
    name
    price {
      amount
      currencyCode
    }
  }
  quantity
}

{
  unnamedShorthand(
    aVeryLongArgumentName: "with a long value that pushes the line over eighty columns"
    another: [1, 2, 3]
  )
  nonNullList: search(terms: [], where: {}) {
    __typename
  }
  on: on
  fragment: query
  true: false
})gql";

constexpr std::string_view kSchemaKitchenSinkPrinted =
    R"gql("""The shop's schema, described with a block string."""
schema @contact(name: "team") {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

"A DateTime in RFC 3339, UTC, with milliseconds"
scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

scalar JSON

"""Anything with an id."""
interface Node {
  id: ID!
}

interface Entity implements Node & Timestamped @key(fields: "id") {
  id: ID!
  createdAt: DateTime!
}

interface Timestamped {
  createdAt: DateTime!
}

type User implements Node & Entity & Timestamped @key(fields: "id") {
  "The user's id"
  id: ID!
  name: String
  email: String! @deprecated(reason: "Use `contact`.")
  orders(
    "How many, at most 100"
    first: Int = 20
    after: String
    statuses: [OrderStatus!] = [PAID]
  ): OrderConnection!
  preferences(filter: PreferencesFilter = {channels: [EMAIL, PUSH], quiet: {from: "22:00"}}): Preferences
  createdAt: DateTime!
}

type EmptyObject

union SearchResult = User | Product | Order

union Lonely @tag(name: "x") = User

enum OrderStatus {
  "Just created"
  PENDING
  PAID @tag(name: "money")
  SHIPPED
  DELIVERED
  CANCELLED @deprecated
}

input PlaceOrderInput @oneOf {
  "What to buy"
  items: [OrderItemInput!]!
  note: String = "none" @deprecated(reason: "unused")
  coupon: String = null
}

input OrderItemInput {
  productId: ID!
  quantity: Int! = 1
}

"""Marks a field as served from the cache."""
directive @cached(
  "Seconds to keep the value"
  ttl: Int = 60
  scope: CacheScope = PUBLIC
) repeatable on FIELD_DEFINITION | OBJECT

directive @live(interval: Int) on QUERY | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | MUTATION

directive @everywhere on SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

extend schema @tag(name: "extended")

extend schema {
  subscription: Subscription
}

extend scalar JSON @specifiedBy(url: "https://www.json.org")

extend type User implements Auditable

extend type User @tag(name: "user")

extend type User {
  loyaltyPoints: Int
}

extend interface Node @tag(name: "node")

extend interface Entity implements Auditable {
  updatedAt: DateTime
}

extend union SearchResult = Category

extend union Lonely @tag(name: "y")

extend enum OrderStatus {
  REFUNDED
}

extend enum OrderStatus @tag(name: "status")

extend input OrderItemInput {
  giftWrap: Boolean = false
}

extend input PlaceOrderInput @tag(name: "in"))gql";

TEST(GraphqlPrinterTest, ExecutableKitchenSinkMatchesGraphqlJs) {
  EXPECT_EQ(print_source(testing::kExecutableKitchenSink), kExecutableKitchenSinkPrinted);
}

TEST(GraphqlPrinterTest, SchemaKitchenSinkMatchesGraphqlJs) {
  EXPECT_EQ(print_source(testing::kSchemaKitchenSink), kSchemaKitchenSinkPrinted);
}

TEST(GraphqlPrinterTest, KitchenSinksRoundTrip) {
  expect_round_trip(testing::kExecutableKitchenSink);
  expect_round_trip(testing::kSchemaKitchenSink);
  // Printed text is a fixed point: printing it again changes nothing.
  EXPECT_EQ(print_source(kExecutableKitchenSinkPrinted), kExecutableKitchenSinkPrinted);
  EXPECT_EQ(print_source(kSchemaKitchenSinkPrinted), kSchemaKitchenSinkPrinted);
}

TEST(GraphqlPrinterTest, RoundTripKeepsValues) {
  const std::string printed = print_source(testing::kExecutableKitchenSink);
  ParseResult reparsed = parse(printed);
  ASSERT_TRUE(reparsed);
  const auto& op = ast::cast<ast::OperationDefinition>(*reparsed->definitions()[0]);
  const auto& order = ast::cast<ast::Field>(*op.selection_set->selections[0]);
  const auto& note = ast::cast<ast::Field>(*order.selection_set->selections[6]);
  EXPECT_EQ(ast::cast<ast::StringValue>(*note.arguments[0]->value).value,
            "line\nbreak \"quoted\" \\ \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(ast::cast<ast::StringValue>(*note.arguments[1]->value).value, "Block text\n  indented");
}

TEST(GraphqlPrinterTest, DescribedExecutableDefinitions) {
  constexpr std::string_view kSource = R"gql("Loads" query Q("first" $a: Int, $b: Int = 2) { f }
"""Frag""" fragment F on T { f }
"anon" query { g })gql";
  constexpr std::string_view kPrinted = R"gql("Loads"
query Q(
"first"
$a: Int
$b: Int = 2
) {
  f
}

"""Frag"""
fragment F on T {
  f
}

"anon"
query {
  g
})gql";
  EXPECT_EQ(print_source(kSource), kPrinted);
  expect_round_trip(kSource);
}

TEST(GraphqlPrinterTest, MultilineVariableDefaultsAreNotIndented) {
  constexpr std::string_view kSource = R"gql(query Q($a: String = """x
  y""", $b: Int) { f(a: $a) })gql";
  constexpr std::string_view kPrinted = R"gql(query Q(
$a: String = """
x
y
"""
$b: Int
) {
  f(a: $a)
})gql";
  EXPECT_EQ(print_source(kSource), kPrinted);
  expect_round_trip(kSource);
}

TEST(GraphqlPrinterTest, ArgumentsWrapPastEightyColumns) {
  constexpr std::string_view kSource =
      R"gql({ abcdefghij(aaaaaaaaaa: 1, bbbbbbbbbb: 2, cccccccccc: 3, dddddddddd: 4, eeeee: 5) abcdefghij(aaaaaaaaaa: 1, bbbbbbbbbb: 2, cccccccccc: 3, dddddddddd: 4, eeeee: 56) })gql";
  constexpr std::string_view kPrinted = R"gql({
  abcdefghij(aaaaaaaaaa: 1, bbbbbbbbbb: 2, cccccccccc: 3, dddddddddd: 4, eeeee: 5)
  abcdefghij(
    aaaaaaaaaa: 1
    bbbbbbbbbb: 2
    cccccccccc: 3
    dddddddddd: 4
    eeeee: 56
  )
})gql";
  EXPECT_EQ(print_source(kSource), kPrinted);
  expect_round_trip(kSource);
}

TEST(GraphqlPrinterTest, BlockStringsIndentWithTheirBlock) {
  constexpr std::string_view kSource = R"gql({ a { b(text: """
  first
    second
""") { c(d: """one line""") } } })gql";
  constexpr std::string_view kPrinted = R"gql({
  a {
    b(text: """
    first
      second
    """) {
      c(d: """one line""")
    }
  }
})gql";
  EXPECT_EQ(print_source(kSource), kPrinted);
  expect_round_trip(kSource);
}

TEST(GraphqlPrinterTest, UnicodeCountsUtf16UnitsForWrapping) {
  constexpr std::string_view kSource =
      R"gql({ f(a: "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", b: 1) g(a: "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", b: 1) })gql";
  constexpr std::string_view kPrinted = R"gql({
  f(
    a: "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"
    b: 1
  )
  g(a: "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", b: 1)
})gql";
  EXPECT_EQ(print_source(kSource), kPrinted);
  expect_round_trip(kSource);
}

// graphql-js would print `enum E\n\n{\n  a\n}`, which reads back as one enum with a value;
// the explicit keyword keeps the two definitions apart (found by the fuzzer).
TEST(GraphqlPrinterTest, ShorthandQueryAfterAnOpenDefinitionKeepsItsKeyword) {
  constexpr std::string_view kSource = "enum E query { a } type T { f: Int } { b }";
  EXPECT_EQ(print_source(kSource),
            "enum E\n\nquery {\n  a\n}\n\ntype T {\n  f: Int\n}\n\n{\n  b\n}");
  expect_round_trip(kSource);
  for (const std::string_view open :
       {"type T", "extend type T @d", "interface I", "extend interface I @d", "enum E",
        "extend enum E @d", "input I", "extend input I @d", "extend schema @d"}) {
    const std::string source = std::string(open) + " query { a }";
    ParseResult result = parse(source);
    ASSERT_TRUE(result) << source;
    ASSERT_EQ(result->definitions().size(), 2u) << source;
    expect_round_trip(source);
  }
}

TEST(GraphqlPrinterTest, PrintsSingleNodes) {
  ParseResult result =
      parse(R"({ f(a: [1, {b: "x", c: null}], t: [[ENUM]]) } query Q($v: [[Int!]]!) { f })");
  ASSERT_TRUE(result);
  const auto& op = ast::cast<ast::OperationDefinition>(*result->definitions()[0]);
  const auto& field = ast::cast<ast::Field>(*op.selection_set->selections[0]);
  EXPECT_EQ(print(*field.arguments[0]->value), R"([1, {b: "x", c: null}])");
  EXPECT_EQ(print(*field.arguments[0]), R"(a: [1, {b: "x", c: null}])");
  EXPECT_EQ(print(field), R"(f(a: [1, {b: "x", c: null}], t: [[ENUM]]))");
  const auto& query = ast::cast<ast::OperationDefinition>(*result->definitions()[1]);
  EXPECT_EQ(print(*query.variable_definitions[0]->type), "[[Int!]]!");
  EXPECT_EQ(print(*query.selection_set), "{\n  f\n}");
}

TEST(GraphqlPrintStringTest, EscapesLikeGraphqlJs) {
  auto printed = [](std::string_view value) {
    std::string out;
    print_string(value, out);
    return out;
  };
  EXPECT_EQ(printed(""), R"("")");
  EXPECT_EQ(printed("plain text"), R"("plain text")");
  EXPECT_EQ(printed("\"quoted\" \\ slash /"), R"("\"quoted\" \\ slash /")");
  EXPECT_EQ(printed("\b\t\n\f\r"), R"("\b\t\n\f\r")");
  EXPECT_EQ(printed(std::string_view("\0\x01\x0B\x1F\x7F", 5)),
            R"("\u0000\u0001\u000B\u001F\u007F")");
  EXPECT_EQ(printed("\xC2\x80\xC2\x9F\xC2\xA0"), "\"\\u0080\\u009F\xC2\xA0\"");  // C1 controls only
  EXPECT_EQ(printed("\xC3\xA9\xF0\x9F\x98\x80"), "\"\xC3\xA9\xF0\x9F\x98\x80\"");
}

TEST(GraphqlPrintBlockStringTest, LayoutRules) {
  auto printed = [](std::string_view value, bool minimize = false) {
    std::string out;
    print_block_string(value, out, minimize);
    return out;
  };
  EXPECT_EQ(printed(""), R"("""""")");
  EXPECT_EQ(printed("single line"), R"("""single line""")");
  EXPECT_EQ(printed("first\nsecond"), "\"\"\"\nfirst\nsecond\n\"\"\"");
  EXPECT_EQ(printed("  leading space"), R"("""  leading space""")");
  EXPECT_EQ(printed("ends with quote\""), "\"\"\"\nends with quote\"\n\"\"\"");
  EXPECT_EQ(printed("ends with slash\\"), "\"\"\"\nends with slash\\\n\"\"\"");
  EXPECT_EQ(printed("has \"\"\" inside"), R"("""has \""" inside""")");
  EXPECT_EQ(printed("a\n  indented rest"), "\"\"\"\na\n  indented rest\n\"\"\"");
  EXPECT_EQ(printed(std::string(71, 'x')), "\"\"\"\n" + std::string(71, 'x') + "\n\"\"\"");
  EXPECT_EQ(printed(std::string(70, 'x')), "\"\"\"" + std::string(70, 'x') + "\"\"\"");
  EXPECT_EQ(printed("first\nsecond", true), "\"\"\"first\nsecond\"\"\"");
}

TEST(GraphqlPrintBlockStringTest, ValuesSurviveTheRoundTrip) {
  const std::string_view values[] = {"",
                                     " ",
                                     "  two spaces",
                                     "a\nb",
                                     "a\n  b",
                                     "  a\nb",
                                     "a\n\nb",
                                     "\ttab",
                                     "x\"",
                                     "x\\",
                                     "\"\"\"",
                                     "a \"\"\" b \\\"\"\" c",
                                     "trailing space ",
                                     "emoji \xF0\x9F\x98\x80 line\n  and more",
                                     "\n",
                                     "\n\nafter blank lines",
                                     "before blank lines\n\n",
                                     "  \n  mixed\n    indent\n"};
  auto cycle = [](std::string_view value) {
    std::string literal;
    print_block_string(value, literal);
    ParseResult result = parse("{ f(a: " + literal + ") }");
    EXPECT_TRUE(result) << literal;
    if (!result) return std::string();
    const auto& op = ast::cast<ast::OperationDefinition>(*result->definitions()[0]);
    const auto& field = ast::cast<ast::Field>(*op.selection_set->selections[0]);
    return std::string(ast::cast<ast::StringValue>(*field.arguments[0]->value).value);
  };
  for (const std::string_view value : values) {
    const std::string once = cycle(value);
    // Printable values come back unchanged; any other value settles after one cycle.
    if (is_printable_as_block_string(value)) {
      EXPECT_EQ(once, value);
    }
    EXPECT_EQ(cycle(once), once) << value;
  }
}

TEST(GraphqlPrintBlockStringTest, PrintableAsBlockString) {
  EXPECT_TRUE(is_printable_as_block_string(""));
  EXPECT_TRUE(is_printable_as_block_string("a\n  b"));
  EXPECT_TRUE(is_printable_as_block_string("emoji \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_printable_as_block_string("\nleading newline"));
  EXPECT_FALSE(is_printable_as_block_string("trailing newline\n"));
  EXPECT_FALSE(is_printable_as_block_string("  a\n  b"));  // common indentation would be lost
  EXPECT_FALSE(is_printable_as_block_string("carriage\rreturn"));
  EXPECT_FALSE(is_printable_as_block_string(std::string_view("nul\0", 4)));
  EXPECT_FALSE(is_printable_as_block_string("  "));  // only whitespace
}

}  // namespace
}  // namespace ecn::graphql
