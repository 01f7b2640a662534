#pragma once

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/schema.hpp"

// Scalar behaviour: how leaf values cross the boundary between JSON and the engine. Built-in
// scalars and enums are handled natively (graphql-js 16.15 rules and messages); custom scalars
// (DateTime, JSON, ...) bring hooks.
namespace ecn::graphql::execution {

// A coerced value, or the reason it cannot be coerced (worded like graphql-js).
using ScalarResult = boost::system::result<boost::json::value, std::string>;

// The hooks of a custom scalar. Any hook left empty behaves like graphql-js's default for a
// scalar declared in SDL: serialize and parse_value pass the value through, parse_literal
// turns the literal into JSON as written (variables substituted).
struct ScalarHooks {
  std::function<ScalarResult(const boost::json::value&)> serialize;
  std::function<ScalarResult(const boost::json::value&)> parse_value;
  std::function<ScalarResult(const ast::Value&, const boost::json::object& variables)>
      parse_literal;
};

// Lets maps keyed by std::string be searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

// Custom scalar hooks by scalar name, registered once at startup.
using ScalarRegistry = std::unordered_map<std::string, ScalarHooks, StringHash, std::equal_to<>>;

// RFC 3339 timestamps ("2024-05-01T12:00:00.000Z") as strings, checked on the way in and out.
ScalarHooks date_time_scalar();
// Any JSON value, passed through unchanged.
ScalarHooks json_scalar();

// Result coercion of a leaf value (spec 6.4.3 CompleteValue for scalars and enums).
ScalarResult serialize_leaf(const schema::Type& type, const boost::json::value& value,
                            const ScalarRegistry& scalars);
// Input coercion of a JSON leaf value (variables).
ScalarResult parse_leaf_value(const schema::Type& type, const boost::json::value& value,
                              const ScalarRegistry& scalars);
// Input coercion of a literal leaf value. Errors carry no message: callers report the literal.
ScalarResult parse_leaf_literal(const schema::Type& type, const ast::Value& value,
                                const boost::json::object& variables,
                                const ScalarRegistry& scalars);

// graphql-js's valueFromASTUntyped: a literal as plain JSON, variables substituted.
boost::json::value value_from_ast_untyped(const ast::Value& value,
                                          const boost::json::object& variables);

// graphql-js inspect(): how error messages show a value (`{ a: 1 }`, `"text"`, `[1, 2]`).
std::string inspect(const boost::json::value& value);
// A double as JavaScript's Number#toString prints it ("1", "1.5", "1e+21").
std::string js_number(double value);

}  // namespace ecn::graphql::execution
