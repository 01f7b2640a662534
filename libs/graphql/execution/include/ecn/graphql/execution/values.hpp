#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/execution/scalars.hpp"
#include "ecn/graphql/location.hpp"
#include "ecn/graphql/schema.hpp"

// Input coercion (spec 5.6, 6.1.2, 6.4.1): variables from the request's JSON and arguments from
// literals, with graphql-js 16.15's rules and messages.
namespace ecn::graphql::execution {

// A request or field error found while coercing inputs.
struct InputError {
  std::string message;
  std::vector<Location> locations;
};

// The coerced variables of an operation, or every problem (at most 50, like graphql-js).
using VariablesResult = boost::system::result<boost::json::object, std::vector<InputError>>;
// The coerced arguments of a field or directive, or the first problem.
using ArgumentsResult = boost::system::result<boost::json::object, InputError>;

// Turns a variable's declared type into a schema type; the references live in `storage`.
// Null when the named type does not exist.
const schema::TypeRef* resolve_type(const Schema& schema, const ast::Type& type,
                                    std::deque<schema::TypeRef>& storage);

// CoerceVariableValues: defaults, required variables, explicit null, input coercion.
VariablesResult coerce_variable_values(const Schema& schema, const ScalarRegistry& scalars,
                                       const ast::OperationDefinition& operation,
                                       const boost::json::object& inputs);

// CoerceArgumentValues for a field or directive node (`node_location` is where its errors
// point when no argument node is to blame).
ArgumentsResult coerce_argument_values(std::span<const schema::InputValue> definitions,
                                       ast::List<ast::Argument> arguments, Location node_location,
                                       const boost::json::object& variables,
                                       const ScalarRegistry& scalars);

// graphql-js valueFromAST: a literal coerced to `type`, or nullopt when invalid. Variables
// must already be coerced.
std::optional<boost::json::value> value_from_ast(const ast::Value& value,
                                                 const schema::TypeRef& type,
                                                 const boost::json::object& variables,
                                                 const ScalarRegistry& scalars);

// The coerced default of an argument or input field, or nullopt without one.
std::optional<boost::json::value> default_value(const schema::InputValue& input,
                                                const ScalarRegistry& scalars);

// graphql-js coerceInputValue; `on_error(path, invalid value, message)` reports each problem.
using InputPath = std::vector<boost::json::value>;  // field names and list indices
using OnInputError = std::function<void(const InputPath& path, const boost::json::value& invalid,
                                        const std::string& message)>;
boost::json::value coerce_input_value(const boost::json::value& input, const schema::TypeRef& type,
                                      const ScalarRegistry& scalars, const OnInputError& on_error);

}  // namespace ecn::graphql::execution
