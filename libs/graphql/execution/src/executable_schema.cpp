#include "ecn/graphql/execution/executable_schema.hpp"

#include "field_plan.hpp"
#include "introspection.hpp"
#include "introspection_cache.hpp"

namespace ecn::graphql::execution {
namespace {

// Distinct introspection queries remembered per schema; clients send very few.
constexpr std::size_t kIntrospectionCacheSize = 32;
// Live documents with field plans; a document cache's capacity is of the same order.
constexpr std::size_t kPlanCacheSize = 4096;

}  // namespace

ResolverCheck check_resolvers(const Schema& schema, const ResolverMap& resolvers) {
  ResolverCheck check;
  for (const auto& [coordinate, resolver] : resolvers.fields()) {
    const auto dot = coordinate.find('.');
    const schema::Type* type = dot == std::string::npos
                                   ? nullptr
                                   : schema.type(std::string_view(coordinate).substr(0, dot));
    if (type == nullptr || type->field(std::string_view(coordinate).substr(dot + 1)) == nullptr) {
      check.unknown_coordinates.push_back(coordinate);
    }
  }
  for (const schema::Type* type : schema.types()) {
    if (type->kind != schema::TypeKind::kObject) continue;
    const bool root = type == schema.query_type() || type == schema.mutation_type() ||
                      type == schema.subscription_type();
    const bool subscription = type == schema.subscription_type();
    for (const schema::Field& field : type->fields) {
      if (!root && field.arguments.empty()) continue;
      std::string coordinate = std::string(type->name) + "." + std::string(field.name);
      const auto bound = resolvers.fields().find(coordinate);
      // A subscription field needs its event stream; each event is resolved by property
      // lookup unless a resolver is bound too.
      const bool served = bound != resolvers.fields().end() &&
                          (subscription ? static_cast<bool>(bound->second.subscribe)
                                        : bound->second.sync || bound->second.async);
      if (!served) check.missing_resolvers.push_back(std::move(coordinate));
    }
  }
  return check;
}

ExecutableSchema::ExecutableSchema(std::shared_ptr<const Schema> schema, ResolverMap resolvers)
    : schema_(std::move(schema)),
      resolvers_(std::move(resolvers)),
      builtins_{schema_->type("String"), schema_->type("ID"), schema_->type("Int"),
                schema_->type("Float"), schema_->type("Boolean")} {
  for (const auto& [coordinate, resolver] : resolvers_.fields()) {
    const auto dot = coordinate.find('.');
    if (dot == std::string::npos) continue;
    const schema::Type* type = schema_->type(std::string_view(coordinate).substr(0, dot));
    if (type == nullptr) continue;
    // Interface fields bound by coordinate apply to every implementation without its own.
    const schema::Field* field = type->field(std::string_view(coordinate).substr(dot + 1));
    if (field == nullptr) continue;
    if (resolver.subscribe) subscribers_[field] = &resolver.subscribe;
    if (resolver.sync || resolver.async || resolver.borrow) by_field_[field] = resolver;
  }
  for (const schema::Type* type : schema_->types()) {
    if (type->kind != schema::TypeKind::kInterface) continue;
    for (const schema::Type* object : type->possible_types) {
      for (const schema::Field& interface_field : type->fields) {
        const schema::Field* field = object->field(interface_field.name);
        const auto bound = by_field_.find(&interface_field);
        if (field != nullptr && bound != by_field_.end() && !by_field_.contains(field)) {
          by_field_[field] = bound->second;
        }
      }
    }
  }
  for (const auto& [name, resolver] : resolvers_.type_resolvers()) {
    if (const schema::Type* type = schema_->type(name)) by_type_[type] = &resolver;
  }
  type_order_ = detail::graphql_js_type_order(*schema_);
  introspection_cache_ = std::make_shared<detail::IntrospectionCache>(kIntrospectionCacheSize);
  plan_cache_ = std::make_shared<detail::PlanCache>(kPlanCacheSize);
  detail::add_introspection_resolvers(*schema_, type_order_, resolvers_.scalars(), by_field_);
}

const Resolver* ExecutableSchema::resolver(const schema::Field& field) const {
  const auto found = by_field_.find(&field);
  return found == by_field_.end() ? nullptr : &found->second;
}

const SubscribeResolver* ExecutableSchema::subscriber(const schema::Field& field) const {
  const auto found = subscribers_.find(&field);
  return found == subscribers_.end() ? nullptr : found->second;
}

const TypeResolver* ExecutableSchema::type_resolver(const schema::Type& abstract) const {
  const auto found = by_type_.find(&abstract);
  return found == by_type_.end() ? nullptr : found->second;
}

}  // namespace ecn::graphql::execution
