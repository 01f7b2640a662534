#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/schema.hpp"
#include "ecn/graphql/validation/validate.hpp"

namespace ecn::graphql::validation {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const Schema& harness_schema() {
  static const auto schema =
      build_schema(read_file(std::string(ECN_VALIDATION_TEST_DIR) + "/harness_schema.graphql"))
          .value();
  return *schema;
}

// "message @line:column,line:column" per error, as the generator writes them.
std::vector<std::string> run(const Schema& schema, std::string_view query,
                             const ValidationOptions& options) {
  const Document document = parse(query).value();
  std::vector<std::string> out;
  for (const ValidationError& error : validate(schema, document, options)) {
    std::string line = error.message + " @";
    for (std::size_t i = 0; i < error.locations.size(); ++i) {
      if (i != 0) line += ",";
      line +=
          std::to_string(error.locations[i].line) + ":" + std::to_string(error.locations[i].column);
    }
    out.push_back(line);
  }
  return out;
}

struct OracleCase {
  Rule rule;
  const char* query;
  std::vector<std::string> expected;
};

// Cases validated by graphql-js 16.15 with the single rule under test, and again with all
// rules (written as Rule::kCount), by gen_rules_cases.js.
const std::vector<OracleCase>& oracle_cases() {
  static const std::vector<OracleCase> cases = {
#include "rules_cases.inc"
  };
  return cases;
}

class GraphqlValidationRules : public ::testing::TestWithParam<std::size_t> {};

TEST_P(GraphqlValidationRules, MatchesGraphqlJs) {
  const OracleCase& c = oracle_cases()[GetParam()];
  ValidationOptions options;
  options.rules = c.rule == Rule::kCount ? all_rules() : only({c.rule});
  EXPECT_EQ(run(harness_schema(), c.query, options), c.expected) << c.query;
}

INSTANTIATE_TEST_SUITE_P(GraphqlOracle, GraphqlValidationRules,
                         ::testing::Range<std::size_t>(0, oracle_cases().size()));

TEST(GraphqlValidation, AllRulesReportInGraphqlJsOrder) {
  // Checked against graphql-js validate() with specifiedRules.
  const auto errors = run(harness_schema(),
                          "query Q($unused: Int) { dog { nam ...F } }\n"
                          "fragment F on Dog { name(surname: $undefined) barks { x } }\n"
                          "fragment G on Dog { name }",
                          {});
  const std::vector<std::string> expected = {
      "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"? @1:31",
      "Variable \"$undefined\" is not defined by operation \"Q\". @2:35,1:1",
      "Variable \"$unused\" is never used in operation \"Q\". @1:9",
      "Field \"barks\" must not have a selection since type \"Boolean\" has no subfields. @2:53",
      "Fragment \"G\" is never used. @3:1",
  };
  EXPECT_EQ(errors, expected);
}

TEST(GraphqlValidation, MetaFieldsAreValid) {
  EXPECT_TRUE(run(harness_schema(),
                  "{ __typename __schema { types { name } } __type(name: \"Dog\") { name } "
                  "dog { __typename } catOrDog { __typename } }",
                  {})
                  .empty());
  const auto errors = run(harness_schema(), "{ __schema __type { name } dog { __schema } }", {});
  const std::vector<std::string> expected = {
      "Field \"__schema\" of type \"__Schema!\" must have a selection of subfields. Did you "
      "mean \"__schema { ... }\"? @1:3",
      "Field \"__type\" argument \"name\" of type \"String!\" is required, but it was not "
      "provided. @1:12",
      "Cannot query field \"__schema\" on type \"Dog\". @1:34",
  };
  EXPECT_EQ(errors, expected);
}

TEST(GraphqlValidation, StopsAtMaxErrors) {
  std::string query = "{";
  for (int i = 0; i < 5; ++i) query += " f" + std::to_string(i);
  query += " }";
  ValidationOptions options;
  options.max_errors = 3;
  const auto errors = run(harness_schema(), query, options);
  ASSERT_EQ(errors.size(), 4U);
  EXPECT_EQ(errors[3], "Too many validation errors, error limit reached. Validation aborted. @");
}

TEST(GraphqlValidation, MaxDepthFollowsFragments) {
  const char* query =
      "query Deep { dog { mother { ...M } } }\n"
      "fragment M on Dog { mother { mother { name } } }";  // depth 5
  ValidationOptions options;
  options.max_depth = 5;
  EXPECT_TRUE(run(harness_schema(), query, options).empty());
  options.max_depth = 4;
  EXPECT_EQ(run(harness_schema(), query, options),
            std::vector<std::string>{"Query depth 5 exceeds the maximum of 4. @1:1"});
}

TEST(GraphqlValidation, MaxFieldsCountsExpandedFragmentsAndAliases) {
  const char* query =
      "{ a: dog { ...F } b: dog { ...F } }\n"
      "fragment F on Dog { name nickname n: name }";  // 2 + 2 * 3 = 8
  ValidationOptions options;
  options.max_fields = 8;
  EXPECT_TRUE(run(harness_schema(), query, options).empty());
  options.max_fields = 7;
  EXPECT_EQ(run(harness_schema(), query, options),
            std::vector<std::string>{"Query field count 8 exceeds the maximum of 7. @1:1"});
}

TEST(GraphqlValidation, FragmentCyclesDoNotBreakLimits) {
  ValidationOptions options;
  options.max_depth = 3;
  options.max_fields = 100;
  const auto errors =
      run(harness_schema(), "{ dog { ...A } }\nfragment A on Dog { mother { ...A } }", options);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], "Cannot spread fragment \"A\" within itself. @2:30");
}

// The shape of graphql-js's getIntrospectionQuery(): a type reference nests `ofType` eight
// times below `types { fields { type ... } }`, 15 levels in all.
std::string schema_query_with_type_refs() {
  std::string type_ref = "kind name";
  for (int i = 0; i < 7; ++i) type_ref = "kind name ofType { " + type_ref + " }";
  return "query IntrospectionQuery { __schema { queryType { name } types { ...FullType } } }\n"
         "fragment FullType on __Type { kind name fields(includeDeprecated: true) { name args { "
         "...InputValue } type { ...TypeRef } } inputFields { ...InputValue } interfaces { "
         "...TypeRef } possibleTypes { ...TypeRef } }\n"
         "fragment InputValue on __InputValue { name type { ...TypeRef } defaultValue }\n"
         "fragment TypeRef on __Type { " +
         type_ref + " }";
}

TEST(GraphqlValidation, MaxDepthLeavesIntrospectionOut) {
  ValidationOptions options;
  options.max_depth = 12;
  EXPECT_TRUE(run(harness_schema(), schema_query_with_type_refs(), options).empty());
  // Nor does the limit count a `__type` lookup, aliased or not, nor one inside a fragment.
  std::string chain = "name";
  for (int i = 0; i < 20; ++i) chain = "ofType { " + chain + " }";
  EXPECT_TRUE(
      run(harness_schema(), "{ t: __type(name: \"Dog\") { " + chain + " } }", options).empty());
  EXPECT_TRUE(run(harness_schema(),
                  "{ ...Q }\nfragment Q on QueryRoot { __type(name: \"Dog\") { " + chain + " } }",
                  options)
                  .empty());
  // Beside introspection the schema's own fields are still measured.
  options.max_depth = 4;
  EXPECT_EQ(run(harness_schema(),
                "{ __schema { types { fields { type { ofType { name } } } } } "
                "dog { mother { mother { mother { name } } } } }",
                options),
            std::vector<std::string>{"Query depth 5 exceeds the maximum of 4. @1:1"});
}

TEST(GraphqlValidation, MaxIntrospectionDepth) {
  const auto errors = run(harness_schema(),
                          "{ __schema { types { fields { type { fields { type { fields { name } "
                          "} } } } } } }",
                          {});
  EXPECT_EQ(errors, std::vector<std::string>{"Maximum introspection depth exceeded @1:3"});
}

constexpr const char* kShopSchema = R"(
scalar DateTime
type Query {
  me: User
  product(id: ID!): Product
  products(first: Int = 20, after: String, filter: ProductFilter): ProductConnection!
  order(id: ID!): Order
}
type Mutation { placeOrder(input: PlaceOrderInput!): Order! }
input ProductFilter { category: String, minPrice: String, inStock: Boolean }
input PlaceOrderInput { items: [OrderItemInput!]!, couponCode: String }
input OrderItemInput { productId: ID!, quantity: Int! }
interface Node { id: ID! }
type Money { amount: String!, currency: String! }
type User implements Node {
  id: ID!
  email: String!
  name: String
  createdAt: DateTime!
  orders(first: Int = 20, after: String): OrderConnection!
  notifications(unreadOnly: Boolean = false): [Notification!]!
}
type Product implements Node {
  id: ID!
  name: String!
  description: String
  price: Money!
  category: String!
  stock: Int!
  images: [String!]!
}
type ProductEdge { cursor: String!, node: Product! }
type ProductConnection { edges: [ProductEdge!]!, pageInfo: PageInfo! }
type PageInfo { hasNextPage: Boolean!, endCursor: String }
enum OrderStatus { PENDING PAID SHIPPED DELIVERED CANCELLED }
type OrderItem { product: Product!, quantity: Int!, unitPrice: Money! }
type Order implements Node {
  id: ID!
  status: OrderStatus!
  items: [OrderItem!]!
  total: Money!
  createdAt: DateTime!
  customer: User!
}
type OrderEdge { cursor: String!, node: Order! }
type OrderConnection { edges: [OrderEdge!]!, pageInfo: PageInfo! }
union Notification = OrderNotification | PromoNotification
type OrderNotification { id: ID!, order: Order!, read: Boolean! }
type PromoNotification { id: ID!, title: String!, product: Product, read: Boolean! }
)";

TEST(GraphqlValidation, RealisticShopQueryIsValid) {
  const auto schema = build_schema(kShopSchema).value();
  const char* query = R"(
query Storefront($first: Int = 10, $after: String, $category: String, $withOrders: Boolean!) {
  me {
    id
    email
    name
    createdAt
    orders(first: 5) @include(if: $withOrders) {
      edges { cursor node { ...OrderSummary } }
      pageInfo { ...Paging }
    }
    notifications(unreadOnly: true) {
      __typename
      ... on OrderNotification { id read order { id status } }
      ... on PromoNotification { id title read product { ...ProductCard } }
    }
  }
  products(first: $first, after: $after, filter: {category: $category, inStock: true}) {
    edges { cursor node { ...ProductCard description stock images } }
    pageInfo { ...Paging }
  }
}
fragment Price on Money { amount currency }
fragment ProductCard on Product { id name category price { ...Price } }
fragment Paging on PageInfo { hasNextPage endCursor }
fragment OrderSummary on Order {
  id
  status
  createdAt
  total { ...Price }
  items { quantity unitPrice { ...Price } product { ...ProductCard } }
}
)";
  ValidationOptions options;
  options.max_depth = 12;
  options.max_fields = 200;
  EXPECT_TRUE(run(*schema, query, options).empty());
}

}  // namespace
}  // namespace ecn::graphql::validation
