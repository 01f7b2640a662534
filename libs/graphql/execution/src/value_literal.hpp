#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "ecn/graphql/execution/scalars.hpp"
#include "ecn/graphql/schema.hpp"

namespace ecn::graphql::execution::detail {

// graphql-js print(astFromValue(value, type)): a coerced input value written back as a GraphQL
// literal, the way introspection's `defaultValue` shows it (input object fields in definition
// order, integral floats without a fraction, integer-like IDs unquoted). Nullopt where
// graphql-js has no literal (an undefined value, or null in a non-null position).
std::optional<std::string> literal_from_value(const boost::json::value& value,
                                              const schema::TypeRef& type,
                                              const ScalarRegistry& scalars);

}  // namespace ecn::graphql::execution::detail
