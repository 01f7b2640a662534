#include "introspection.hpp"

#include <boost/json.hpp>
#include <unordered_set>

#include "ecn/graphql/printer.hpp"

namespace ecn::graphql::execution::detail {
namespace {

namespace json = boost::json;
using schema::TypeKind;

json::value optional_string(std::optional<std::string_view> text) {
  if (!text) return nullptr;
  return json::value(*text);
}

json::value type_handle(const schema::TypeRef& type) {
  json::object handle;
  switch (type.wrapper) {
    case schema::TypeRef::Wrapper::kNamed:
      handle["name"] = type.named->name;
      break;
    case schema::TypeRef::Wrapper::kList:
      handle["kind"] = "LIST";
      handle["ofType"] = type_handle(*type.of_type);
      break;
    case schema::TypeRef::Wrapper::kNonNull:
      handle["kind"] = "NON_NULL";
      handle["ofType"] = type_handle(*type.of_type);
      break;
  }
  return handle;
}

json::value named_handle(const schema::Type* type) {
  if (type == nullptr) return nullptr;
  return json::object{{"name", type->name}};
}

void add_deprecation(json::object& out, std::optional<std::string_view> reason) {
  out["isDeprecated"] = reason.has_value();
  out["deprecationReason"] = optional_string(reason);
}

json::value input_values(std::span<const schema::InputValue> values, bool include_deprecated) {
  json::array out;
  for (const schema::InputValue& value : values) {
    if (value.deprecation_reason && !include_deprecated) continue;
    json::object handle;
    handle["name"] = value.name;
    handle["description"] = optional_string(value.description);
    handle["type"] = type_handle(*value.type);
    handle["defaultValue"] = value.default_value == nullptr
                                 ? json::value(nullptr)
                                 : json::value(print(*value.default_value));
    add_deprecation(handle, value.deprecation_reason);
    out.push_back(std::move(handle));
  }
  return out;
}

bool include_deprecated(const ResolveInfo& info) {
  const auto found = info.args.find("includeDeprecated");
  return found != info.args.end() && found->value().is_bool() && found->value().get_bool();
}

}  // namespace

std::vector<const schema::Type*> graphql_js_type_order(const Schema& schema) {
  std::vector<const schema::Type*> order;
  std::unordered_set<const schema::Type*> seen;
  std::unordered_set<const schema::Type*> pending;  // SDL types not visited yet
  for (const schema::Type* type : schema.types()) {
    if (!type->built_in) pending.insert(type);
  }
  std::function<void(const schema::Type*)> collect = [&](const schema::Type* type) {
    if (seen.contains(type) || pending.contains(type)) return;
    seen.insert(type);
    order.push_back(type);
    for (const schema::Type* member :
         type->kind == TypeKind::kUnion ? type->possible_types : type->interfaces) {
      collect(member);
    }
    for (const schema::Field& field : type->fields) {
      collect(field.type->named);
      for (const schema::InputValue& argument : field.arguments) collect(argument.type->named);
    }
    for (const schema::InputValue& field : type->input_fields) collect(field.type->named);
  };
  for (const schema::Type* type : schema.types()) {
    if (type->built_in) continue;
    pending.erase(type);
    collect(type);
  }
  for (const schema::Directive* directive : schema.directives()) {
    for (const schema::InputValue& argument : directive->arguments) collect(argument.type->named);
  }
  collect(schema.type("__Schema"));
  return order;
}

void add_introspection_resolvers(const Schema& schema,
                                 const std::vector<const schema::Type*>& type_order,
                                 std::unordered_map<const schema::Field*, Resolver>& into) {
  const Schema* s = &schema;
  auto bind = [&](std::string_view type_name, std::string_view field_name, SyncResolver resolver) {
    const schema::Type* type = schema.type(type_name);
    into[type->field(field_name)] = Resolver{std::move(resolver), {}};
  };
  // The named type a __Type handle stands for, or null for wrappers.
  auto named = [s](const ResolveInfo& info) -> const schema::Type* {
    const auto* handle = info.parent.if_object();
    if (handle == nullptr) return nullptr;
    const auto name = handle->find("name");
    if (name == handle->end() || !name->value().is_string()) return nullptr;
    return s->type(name->value().get_string());
  };

  into[&schema.schema_meta_field()] = Resolver{
      [](const ResolveInfo&) -> ResolverResult { return json::value(json::object{}); }, {}};
  into[&schema.type_meta_field()] =
      Resolver{[s](const ResolveInfo& info) -> ResolverResult {
                 return named_handle(s->type(info.args.at("name").as_string()));
               },
               {}};

  bind("__Schema", "description",
       [s](const ResolveInfo&) -> ResolverResult { return optional_string(s->description()); });
  bind("__Schema", "types", [&type_order](const ResolveInfo&) -> ResolverResult {
    json::array types;
    types.reserve(type_order.size());
    for (const schema::Type* type : type_order) types.push_back(named_handle(type));
    return json::value(std::move(types));
  });
  bind("__Schema", "queryType",
       [s](const ResolveInfo&) -> ResolverResult { return named_handle(s->query_type()); });
  bind("__Schema", "mutationType",
       [s](const ResolveInfo&) -> ResolverResult { return named_handle(s->mutation_type()); });
  bind("__Schema", "subscriptionType",
       [s](const ResolveInfo&) -> ResolverResult { return named_handle(s->subscription_type()); });
  bind("__Schema", "directives", [s](const ResolveInfo&) -> ResolverResult {
    json::array directives;
    for (const schema::Directive* directive : s->directives()) {
      json::object handle;
      handle["name"] = directive->name;
      handle["description"] = optional_string(directive->description);
      handle["isRepeatable"] = directive->repeatable;
      json::array locations;
      for (const auto location : directive->locations) {
        locations.emplace_back(ast::directive_location_name(location));
      }
      handle["locations"] = std::move(locations);
      add_deprecation(handle, std::nullopt);
      directives.push_back(std::move(handle));
    }
    return json::value(std::move(directives));
  });

  bind("__Type", "kind", [named](const ResolveInfo& info) -> ResolverResult {
    if (const schema::Type* type = named(info))
      return json::value(schema::type_kind_name(type->kind));
    return info.parent.as_object().at("kind");
  });
  bind("__Type", "description", [named](const ResolveInfo& info) -> ResolverResult {
    const schema::Type* type = named(info);
    return type == nullptr ? json::value(nullptr) : optional_string(type->description);
  });
  bind("__Type", "specifiedByURL", [named](const ResolveInfo& info) -> ResolverResult {
    const schema::Type* type = named(info);
    return type == nullptr ? json::value(nullptr) : optional_string(type->specified_by_url);
  });
  bind("__Type", "isOneOf", [named](const ResolveInfo& info) -> ResolverResult {
    const schema::Type* type = named(info);
    if (type == nullptr || type->kind != TypeKind::kInputObject) return json::value(nullptr);
    return json::value(type->one_of);
  });
  bind("__Type", "fields", [named](const ResolveInfo& info) -> ResolverResult {
    const schema::Type* type = named(info);
    if (type == nullptr ||
        (type->kind != TypeKind::kObject && type->kind != TypeKind::kInterface)) {
      return json::value(nullptr);
    }
    const bool all = include_deprecated(info);
    json::array fields;
    for (const schema::Field& field : type->fields) {
      if (field.deprecation_reason && !all) continue;
      json::object handle;
      handle["name"] = field.name;
      handle["description"] = optional_string(field.description);
      handle["type"] = type_handle(*field.type);
      add_deprecation(handle, field.deprecation_reason);
      handle["owner"] = type->name;  // lets __Field.args find the field again
      fields.push_back(std::move(handle));
    }
    return json::value(std::move(fields));
  });
  auto type_list = [named](bool (*applies)(TypeKind),
                           const std::vector<const schema::Type*> schema::Type::*member) {
    return [named, applies, member](const ResolveInfo& info) -> ResolverResult {
      const schema::Type* type = named(info);
      if (type == nullptr || !applies(type->kind)) return json::value(nullptr);
      json::array out;
      for (const schema::Type* item : type->*member) out.push_back(named_handle(item));
      return json::value(std::move(out));
    };
  };
  bind("__Type", "interfaces",
       type_list([](TypeKind k) { return k == TypeKind::kObject || k == TypeKind::kInterface; },
                 &schema::Type::interfaces));
  bind("__Type", "possibleTypes",
       type_list([](TypeKind k) { return k == TypeKind::kUnion || k == TypeKind::kInterface; },
                 &schema::Type::possible_types));
  bind("__Type", "enumValues", [named](const ResolveInfo& info) -> ResolverResult {
    const schema::Type* type = named(info);
    if (type == nullptr || type->kind != TypeKind::kEnum) return json::value(nullptr);
    const bool all = include_deprecated(info);
    json::array values;
    for (const schema::EnumValue& value : type->enum_values) {
      if (value.deprecation_reason && !all) continue;
      json::object handle;
      handle["name"] = value.name;
      handle["description"] = optional_string(value.description);
      add_deprecation(handle, value.deprecation_reason);
      values.push_back(std::move(handle));
    }
    return json::value(std::move(values));
  });
  bind("__Type", "inputFields", [named](const ResolveInfo& info) -> ResolverResult {
    const schema::Type* type = named(info);
    if (type == nullptr || type->kind != TypeKind::kInputObject) return json::value(nullptr);
    return input_values(type->input_fields, include_deprecated(info));
  });
  bind("__Field", "args", [s](const ResolveInfo& info) -> ResolverResult {
    const json::object& handle = info.parent.as_object();
    const schema::Type* owner = s->type(handle.at("owner").as_string());
    const schema::Field* field = owner->field(handle.at("name").as_string());
    return input_values(field->arguments, include_deprecated(info));
  });
  bind("__Directive", "args", [s](const ResolveInfo& info) -> ResolverResult {
    const schema::Directive* directive =
        s->directive(info.parent.as_object().at("name").as_string());
    return input_values(directive->arguments, include_deprecated(info));
  });
}

}  // namespace ecn::graphql::execution::detail
