#include <stdexcept>

#include "ecn/graphql/execution/resolver.hpp"

namespace ecn::graphql::execution {

void throw_exception_from_error(const FieldError& error, const boost::source_location&) {
  throw std::runtime_error(error.message);
}

ResolverMap& ResolverMap::on(std::string coordinate, SyncResolver resolver) {
  Resolver& bound = fields_[std::move(coordinate)];
  bound.sync = std::move(resolver);
  bound.async = nullptr;
  return *this;
}

ResolverMap& ResolverMap::on_async(std::string coordinate, AsyncResolver resolver) {
  Resolver& bound = fields_[std::move(coordinate)];
  bound.sync = nullptr;
  bound.async = std::move(resolver);
  return *this;
}

ResolverMap& ResolverMap::on_subscribe(std::string coordinate, SubscribeResolver resolver) {
  fields_[std::move(coordinate)].subscribe = std::move(resolver);
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
