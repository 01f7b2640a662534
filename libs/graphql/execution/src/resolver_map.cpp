#include "ecn/graphql/execution/resolver.hpp"

namespace ecn::graphql::execution {

ResolverMap& ResolverMap::on(std::string coordinate, SyncResolver resolver) {
  fields_[std::move(coordinate)] = Resolver{std::move(resolver), {}};
  return *this;
}

ResolverMap& ResolverMap::on_async(std::string coordinate, AsyncResolver resolver) {
  fields_[std::move(coordinate)] = Resolver{{}, std::move(resolver)};
  return *this;
}

ResolverMap& ResolverMap::resolve_type(std::string type_name, TypeResolver resolver) {
  type_resolvers_[std::move(type_name)] = std::move(resolver);
  return *this;
}

ResolverMap& ResolverMap::scalar(std::string type_name, ScalarHooks hooks) {
  scalars_[std::move(type_name)] = std::move(hooks);
  return *this;
}

}  // namespace ecn::graphql::execution
