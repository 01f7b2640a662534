#include "ecn/graphql/execution/values.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "ecn/graphql/parser.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;

constexpr std::string_view kSdl = R"(
enum Color { RED GREEN BLUE }
input Point { x: Int! y: Int = 7 label: String }
input Choice @oneOf { a: Int b: String }
type Query {
  f(i: Int, n: Int! = 3, s: String, l: [Int!], c: Color, p: Point, id: ID, fl: Float, req: Int!): Int
}
)";

class GraphqlValuesTest : public ::testing::Test {
 protected:
  void SetUp() override { schema_ = build_schema(kSdl).value(); }

  VariablesResult variables(std::string_view query, std::string_view inputs) {
    document_ = std::make_unique<Document>(parse(query).value());
    const auto& operation = ast::cast<ast::OperationDefinition>(*document_->definitions()[0]);
    return coerce_variable_values(*schema_, scalars_, operation, json::parse(inputs).as_object());
  }

  std::string first_error(std::string_view query, std::string_view inputs) {
    auto result = variables(query, inputs);
    if (result) return "no error: " + json::serialize(*result);
    return result.error().front().message;
  }

  ArgumentsResult arguments(std::string_view query, std::string_view vars = "{}") {
    document_ = std::make_unique<Document>(parse(query).value());
    const auto& operation = ast::cast<ast::OperationDefinition>(*document_->definitions()[0]);
    const auto& field = ast::cast<ast::Field>(*operation.selection_set->selections[0]);
    return coerce_argument_values(schema_->query_type()->field("f")->arguments, field.arguments,
                                  field.loc, json::parse(vars).as_object(), scalars_);
  }

  std::shared_ptr<const Schema> schema_;
  ScalarRegistry scalars_;
  std::unique_ptr<Document> document_;
};

TEST_F(GraphqlValuesTest, VariableDefaultsAbsentAndExplicitNull) {
  auto result =
      variables("query($a: Int = 5, $b: Int = 5, $c: Int) { f(req: 1) }", R"({"b": null})");
  ASSERT_TRUE(result);
  EXPECT_EQ(json::serialize(*result), R"({"a":5,"b":null})");
}

TEST_F(GraphqlValuesTest, RequiredVariableMissingOrNull) {
  auto missing = variables("query($a: Int!) { f(req: 1) }", "{}");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error()[0].message,
            R"(Variable "$a" of required type "Int!" was not provided.)");
  EXPECT_EQ(missing.error()[0].locations[0].column, 7u);
  EXPECT_EQ(first_error("query($a: Int!) { f(req: 1) }", R"({"a": null})"),
            R"(Variable "$a" of non-null type "Int!" must not be null.)");
}

TEST_F(GraphqlValuesTest, IntRangeAndFloatAndId) {
  EXPECT_EQ(
      first_error("query($a: Int) { f(req: 1) }", R"({"a": 2147483648})"),
      R"(Variable "$a" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648)");
  EXPECT_EQ(first_error("query($a: Int) { f(req: 1) }", R"({"a": 1.5})"),
            R"(Variable "$a" got invalid value 1.5; Int cannot represent non-integer value: 1.5)");
  EXPECT_EQ(
      first_error("query($a: Float) { f(req: 1) }", R"({"a": "1"})"),
      R"(Variable "$a" got invalid value "1"; Float cannot represent non numeric value: "1")");
  auto ok = variables("query($a: ID, $b: ID, $c: Float, $d: Int) { f(req: 1) }",
                      R"({"a": 12, "b": "x", "c": 3, "d": 4.0})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(json::serialize(*ok), R"({"a":"12","b":"x","c":3,"d":4})");
  EXPECT_EQ(first_error("query($a: ID) { f(req: 1) }", R"({"a": true})"),
            R"(Variable "$a" got invalid value true; ID cannot represent value: true)");
}

TEST_F(GraphqlValuesTest, ListInputCoercion) {
  auto ok = variables("query($a: [Int], $b: [Int]) { f(req: 1) }", R"({"a": 1, "b": [1, null]})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(json::serialize(*ok), R"({"a":[1],"b":[1,null]})");
  EXPECT_EQ(
      first_error("query($a: [Int!]) { f(req: 1) }", R"({"a": [1, null]})"),
      R"(Variable "$a" got invalid value null at "a[1]"; Expected non-nullable type "Int!" not to be null.)");
}

TEST_F(GraphqlValuesTest, InputObjects) {
  auto ok = variables("query($p: Point) { f(req: 1) }", R"({"p": {"x": 1}})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(json::serialize(*ok), R"({"p":{"x":1,"y":7}})");
  EXPECT_EQ(
      first_error("query($p: Point) { f(req: 1) }", R"({"p": {"y": 1}})"),
      R"(Variable "$p" got invalid value { y: 1 }; Field "x" of required type "Int!" was not provided.)");
  EXPECT_EQ(
      first_error("query($p: Point) { f(req: 1) }", R"({"p": {"x": 1, "lable": "a"}})"),
      R"(Variable "$p" got invalid value { x: 1, lable: "a" }; Field "lable" is not defined by type "Point". Did you mean "label"?)");
  EXPECT_EQ(
      first_error("query($p: Point) { f(req: 1) }", R"({"p": {"x": "1"}})"),
      R"(Variable "$p" got invalid value "1" at "p.x"; Int cannot represent non-integer value: "1")");
  EXPECT_EQ(first_error("query($p: Point) { f(req: 1) }", R"({"p": 3})"),
            R"(Variable "$p" got invalid value 3; Expected type "Point" to be an object.)");
  EXPECT_EQ(
      first_error("query($c: Choice) { f(req: 1) }", R"({"c": {"a": 1, "b": "x"}})"),
      R"(Variable "$c" got invalid value { a: 1, b: "x" }; Exactly one key must be specified for OneOf type "Choice".)");
}

TEST_F(GraphqlValuesTest, Enums) {
  EXPECT_EQ(
      first_error("query($c: Color) { f(req: 1) }", R"({"c": "RDE"})"),
      R"(Variable "$c" got invalid value "RDE"; Value "RDE" does not exist in "Color" enum. Did you mean the enum value "RED"?)");
  EXPECT_EQ(
      first_error("query($c: Color) { f(req: 1) }", R"({"c": 1})"),
      R"(Variable "$c" got invalid value 1; Enum "Color" cannot represent non-string value: 1.)");
}

TEST_F(GraphqlValuesTest, ArgumentsDefaultsLiteralsAndVariables) {
  auto result = arguments(R"({ f(req: 1, l: 2, c: RED, p: {x: 1}, id: 5, fl: 2) })");
  ASSERT_TRUE(result);
  EXPECT_EQ(json::serialize(*result),
            R"({"n":3,"l":[2],"c":"RED","p":{"x":1,"y":7},"id":"5","fl":2E0,"req":1})");
  auto with_vars = arguments("query($v: Int) { f(req: $v, i: $missing) }", R"({"v": 4})");
  ASSERT_TRUE(with_vars);
  EXPECT_EQ(json::serialize(*with_vars), R"({"n":3,"req":4})");
}

TEST_F(GraphqlValuesTest, ArgumentErrors) {
  auto missing = arguments("{ f }");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, R"(Argument "req" of required type "Int!" was not provided.)");
  EXPECT_EQ(missing.error().locations[0].column, 3u);
  EXPECT_EQ(arguments("{ f(req: null) }").error().message,
            R"(Argument "req" of non-null type "Int!" must not be null.)");
  EXPECT_EQ(
      arguments("{ f(req: $x) }").error().message,
      R"(Argument "req" of required type "Int!" was provided the variable "$x" which was not provided a runtime value.)");
  auto invalid = arguments("{ f(req: 1, i: 3000000000) }");
  EXPECT_EQ(invalid.error().message, R"(Argument "i" has invalid value 3000000000.)");
  EXPECT_EQ(invalid.error().locations[0].column, 16u);
  EXPECT_EQ(arguments(R"({ f(req: 1, l: [1, null]) })").error().message,
            R"(Argument "l" has invalid value [1, null].)");
}

TEST(GraphqlInspectTest, ShowsValuesLikeGraphqlJs) {
  EXPECT_EQ(inspect(json::parse(R"({"a": [1, {"b": {"c": 1}}], "s": "x"})")),
            R"({ a: [1, [Object]], s: "x" })");
  EXPECT_EQ(js_number(1e21), "1e+21");
  EXPECT_EQ(js_number(0.000001), "0.000001");
  EXPECT_EQ(js_number(1.5e-7), "1.5e-7");
  EXPECT_EQ(js_number(123.25), "123.25");
}

}  // namespace
}  // namespace ecn::graphql::execution
