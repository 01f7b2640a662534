#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/execution/resolver.hpp"
#include "ecn/graphql/schema.hpp"

namespace ecn::graphql::execution {
namespace detail {
class IntrospectionCache;
class PlanCache;
}  // namespace detail

// What the startup check found: bindings to coordinates the schema lacks, and fields the
// default resolver cannot serve (fields of root operation types and fields taking arguments,
// which property lookup would answer while ignoring them).
struct ResolverCheck {
  std::vector<std::string> unknown_coordinates;
  std::vector<std::string> missing_resolvers;

  bool ok() const { return unknown_coordinates.empty() && missing_resolvers.empty(); }
};

// Lists every problem with `resolvers` for `schema`; the gateway refuses to start unless ok().
ResolverCheck check_resolvers(const Schema& schema, const ResolverMap& resolvers);

// A schema with its resolvers bound, built once at startup and shared by every request: the
// executor finds a field's resolver by pointer, never by name, and introspection is built in.
class ExecutableSchema {
 public:
  // The built-in scalars, looked up once: the executor writes their values straight into the
  // response.
  struct BuiltinScalars {
    const schema::Type* string = nullptr;
    const schema::Type* id = nullptr;
    const schema::Type* int_ = nullptr;
    const schema::Type* float_ = nullptr;
    const schema::Type* boolean = nullptr;
  };

  ExecutableSchema(std::shared_ptr<const Schema> schema, ResolverMap resolvers);

  const Schema& schema() const { return *schema_; }
  // The schema shared, for keys that must keep it alive (the document cache).
  const std::shared_ptr<const Schema>& shared_schema() const { return schema_; }
  const ScalarRegistry& scalars() const { return resolvers_.scalars(); }
  // The resolver bound to `field`, or null for property lookup.
  const Resolver* resolver(const schema::Field& field) const;
  // The event stream maker of a subscription field, or null.
  const SubscribeResolver* subscriber(const schema::Field& field) const;
  const TypeResolver* type_resolver(const schema::Type& abstract) const;
  // Every named type in the order graphql-js's GraphQLSchema lists them (introspection).
  const std::vector<const schema::Type*>& introspection_type_order() const { return type_order_; }
  // Introspection results already computed for a query text (thread-safe, internal).
  detail::IntrospectionCache& introspection_cache() const { return *introspection_cache_; }
  // Field collection plans of the documents executed again and again (thread-safe, internal).
  detail::PlanCache& plan_cache() const { return *plan_cache_; }
  const BuiltinScalars& builtin_scalars() const { return builtins_; }

 private:
  std::shared_ptr<const Schema> schema_;
  ResolverMap resolvers_;
  std::unordered_map<const schema::Field*, Resolver> by_field_;
  std::unordered_map<const schema::Field*, const SubscribeResolver*> subscribers_;
  std::unordered_map<const schema::Type*, const TypeResolver*> by_type_;
  std::vector<const schema::Type*> type_order_;
  std::shared_ptr<detail::IntrospectionCache> introspection_cache_;
  std::shared_ptr<detail::PlanCache> plan_cache_;
  BuiltinScalars builtins_;
};

}  // namespace ecn::graphql::execution
