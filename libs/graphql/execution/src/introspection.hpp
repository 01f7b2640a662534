#pragma once

#include <unordered_map>
#include <vector>

#include "ecn/graphql/execution/resolver.hpp"
#include "ecn/graphql/schema.hpp"

// Introspection (spec 4.2) as resolvers over small JSON handles: a __Type value is {"name": N}
// for a named type or {"kind": "LIST"|"NON_NULL", "ofType": ...} for a wrapper; scalar-valued
// fields are plain properties the default resolver reads.
namespace ecn::graphql::execution::detail {

// Binds the introspection fields. Everything they return depends only on the immutable schema,
// so it is built here once and lent to every request (BorrowingResolver), never rebuilt.
void add_introspection_resolvers(const Schema& schema,
                                 const std::vector<const schema::Type*>& type_order,
                                 const ScalarRegistry& scalars,
                                 std::unordered_map<const schema::Field*, Resolver>& into);

// The types in graphql-js's GraphQLSchema typeMap order: SDL types in definition order, each
// followed by the not-yet-listed types it references (depth first), then directive argument
// types, then the introspection types.
std::vector<const schema::Type*> graphql_js_type_order(const Schema& schema);

}  // namespace ecn::graphql::execution::detail
