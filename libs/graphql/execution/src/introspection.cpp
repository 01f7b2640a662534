#include "introspection.hpp"

#include <boost/json.hpp>
#include <unordered_set>

#include "ecn/graphql/execution/values.hpp"
#include "value_literal.hpp"

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

const json::value kNull;

// What an argument or input field's `defaultValue` shows: graphql-js prints
// astFromValue(coerced default), so input fields' own defaults appear and literals are
// normalised.
json::value default_value_text(const schema::InputValue& value, const ScalarRegistry& scalars) {
  if (value.default_value == nullptr) return nullptr;
  const std::optional<json::value> coerced = default_value(value, scalars);
  if (!coerced) return nullptr;
  std::optional<std::string> literal = literal_from_value(*coerced, *value.type, scalars);
  return literal ? json::value(*literal) : json::value(nullptr);
}

// A list of input value handles in both shapes `args(includeDeprecated:)` asks for.
struct InputValueLists {
  json::value active;
  json::value all;
};

InputValueLists input_values(std::span<const schema::InputValue> values,
                             const ScalarRegistry& scalars) {
  json::array active;
  json::array all;
  for (const schema::InputValue& value : values) {
    json::object handle;
    handle["name"] = value.name;
    handle["description"] = optional_string(value.description);
    handle["type"] = type_handle(*value.type);
    handle["defaultValue"] = default_value_text(value, scalars);
    add_deprecation(handle, value.deprecation_reason);
    if (!value.deprecation_reason) active.push_back(handle);
    all.push_back(std::move(handle));
  }
  return {std::move(active), std::move(all)};
}

bool include_deprecated(const ResolveInfo& info) {
  const auto found = info.args.find("includeDeprecated");
  return found != info.args.end() && found->value().is_bool() && found->value().get_bool();
}

// Everything introspection answers for one named type, built once per schema. Lists come in
// two shapes: without (`active`) and with (`all`) deprecated members.
struct TypeRecord {
  json::value handle;  // {"name": N}
  json::value kind;
  json::value description;
  json::value specified_by_url;
  json::value is_one_of;
  json::value fields;  // null unless an object or interface
  json::value all_fields;
  json::value interfaces;
  json::value possible_types;
  json::value enum_values;
  json::value all_enum_values;
  json::value input_fields;
  json::value all_input_fields;
};

// The schema's introspection answers, shared by the resolvers that lend them. Field and
// directive handles carry their arguments under kArgs / kAllArgs, keys no introspection
// query can select.
struct IntrospectionData {
  static constexpr std::string_view kArgs = "\x01args";
  static constexpr std::string_view kAllArgs = "\x01allArgs";

  std::unordered_map<const schema::Type*, TypeRecord> types;
  json::value type_list;
  json::value directives;
  json::value empty_object = json::object{};
  json::value description;
  json::value query_type;
  json::value mutation_type;
  json::value subscription_type;

  const TypeRecord* record(const schema::Type* type) const {
    if (type == nullptr) return nullptr;
    const auto found = types.find(type);
    return found == types.end() ? nullptr : &found->second;
  }
  const json::value& handle(const schema::Type* type) const {
    const TypeRecord* found = record(type);
    return found == nullptr ? kNull : found->handle;
  }
};

void add_args(json::object& handle, std::span<const schema::InputValue> arguments,
              const ScalarRegistry& scalars) {
  InputValueLists lists = input_values(arguments, scalars);
  handle[IntrospectionData::kArgs] = std::move(lists.active);
  handle[IntrospectionData::kAllArgs] = std::move(lists.all);
}

TypeRecord make_record(const schema::Type& type, const ScalarRegistry& scalars) {
  TypeRecord record;
  record.handle = named_handle(&type);
  record.kind = schema::type_kind_name(type.kind);
  record.description = optional_string(type.description);
  record.specified_by_url = optional_string(type.specified_by_url);
  record.is_one_of = type.kind == TypeKind::kInputObject ? json::value(type.one_of) : nullptr;
  if (type.kind == TypeKind::kObject || type.kind == TypeKind::kInterface) {
    json::array active;
    json::array all;
    for (const schema::Field& field : type.fields) {
      json::object handle;
      handle["name"] = field.name;
      handle["description"] = optional_string(field.description);
      handle["type"] = type_handle(*field.type);
      add_deprecation(handle, field.deprecation_reason);
      add_args(handle, field.arguments, scalars);
      if (!field.deprecation_reason) active.push_back(handle);
      all.push_back(std::move(handle));
    }
    record.fields = std::move(active);
    record.all_fields = std::move(all);
    json::array interfaces;
    for (const schema::Type* item : type.interfaces) interfaces.push_back(named_handle(item));
    record.interfaces = std::move(interfaces);
  }
  if (type.kind == TypeKind::kUnion || type.kind == TypeKind::kInterface) {
    json::array possible;
    for (const schema::Type* item : type.possible_types) possible.push_back(named_handle(item));
    record.possible_types = std::move(possible);
  }
  if (type.kind == TypeKind::kEnum) {
    json::array active;
    json::array all;
    for (const schema::EnumValue& value : type.enum_values) {
      json::object handle;
      handle["name"] = value.name;
      handle["description"] = optional_string(value.description);
      add_deprecation(handle, value.deprecation_reason);
      if (!value.deprecation_reason) active.push_back(handle);
      all.push_back(std::move(handle));
    }
    record.enum_values = std::move(active);
    record.all_enum_values = std::move(all);
  }
  if (type.kind == TypeKind::kInputObject) {
    InputValueLists lists = input_values(type.input_fields, scalars);
    record.input_fields = std::move(lists.active);
    record.all_input_fields = std::move(lists.all);
  }
  return record;
}

std::shared_ptr<const IntrospectionData> make_data(
    const Schema& schema, const std::vector<const schema::Type*>& type_order,
    const ScalarRegistry& scalars) {
  auto data = std::make_shared<IntrospectionData>();
  json::array types;
  types.reserve(type_order.size());
  for (const schema::Type* type : type_order) types.push_back(named_handle(type));
  data->type_list = std::move(types);
  // The introspection types are not among schema.types(); the type order lists them.
  for (const schema::Type* type : schema.types())
    data->types.emplace(type, make_record(*type, scalars));
  for (const schema::Type* type : type_order) {
    if (!data->types.contains(type)) data->types.emplace(type, make_record(*type, scalars));
  }
  json::array directives;
  for (const schema::Directive* directive : schema.directives()) {
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
    add_args(handle, directive->arguments, scalars);
    directives.push_back(std::move(handle));
  }
  data->directives = std::move(directives);
  data->description = optional_string(schema.description());
  data->query_type = named_handle(schema.query_type());
  data->mutation_type = named_handle(schema.mutation_type());
  data->subscription_type = named_handle(schema.subscription_type());
  return data;
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
                                 const ScalarRegistry& scalars,
                                 std::unordered_map<const schema::Field*, Resolver>& into) {
  std::shared_ptr<const IntrospectionData> data = make_data(schema, type_order, scalars);
  const Schema* s = &schema;
  auto lend = [&](const schema::Field* field, BorrowingResolver resolver) {
    into[field] = Resolver{{}, {}, {}, std::move(resolver)};
  };
  auto bind = [&](std::string_view type_name, std::string_view field_name,
                  BorrowingResolver resolver) {
    lend(schema.type(type_name)->field(field_name), std::move(resolver));
  };
  // The record of the named type a __Type handle stands for, or null for wrappers.
  auto record = [s, data](const ResolveInfo& info) -> const TypeRecord* {
    const auto* handle = info.parent.if_object();
    if (handle == nullptr) return nullptr;
    const json::value* name = handle->if_contains("name");
    if (name == nullptr || !name->is_string()) return nullptr;
    return data->record(s->type(name->get_string()));
  };
  // A __Type field answered from the type's record (null for wrappers); `all` is the shape
  // with deprecated members, when the field has one.
  auto type_field = [&](std::string_view field_name, json::value TypeRecord::*active,
                        json::value TypeRecord::*all = nullptr) {
    bind("__Type", field_name, [record, active, all](const ResolveInfo& info) {
      const TypeRecord* type = record(info);
      if (type == nullptr) return &kNull;
      return &(type->*(all != nullptr && include_deprecated(info) ? all : active));
    });
  };
  // The arguments kept in a field or directive handle.
  auto args = [](const ResolveInfo& info) -> const json::value* {
    const json::object& handle = info.parent.as_object();
    return handle.if_contains(include_deprecated(info) ? IntrospectionData::kAllArgs
                                                       : IntrospectionData::kArgs);
  };

  lend(&schema.schema_meta_field(), [data](const ResolveInfo&) { return &data->empty_object; });
  lend(&schema.type_meta_field(), [s, data](const ResolveInfo& info) {
    return &data->handle(s->type(info.args.at("name").as_string()));
  });
  bind("__Schema", "description", [data](const ResolveInfo&) { return &data->description; });
  bind("__Schema", "types", [data](const ResolveInfo&) { return &data->type_list; });
  bind("__Schema", "queryType", [data](const ResolveInfo&) { return &data->query_type; });
  bind("__Schema", "mutationType", [data](const ResolveInfo&) { return &data->mutation_type; });
  bind("__Schema", "subscriptionType",
       [data](const ResolveInfo&) { return &data->subscription_type; });
  bind("__Schema", "directives", [data](const ResolveInfo&) { return &data->directives; });

  bind("__Type", "kind", [record](const ResolveInfo& info) -> const json::value* {
    if (const TypeRecord* type = record(info)) return &type->kind;
    return info.parent.as_object().if_contains("kind");
  });
  type_field("description", &TypeRecord::description);
  type_field("specifiedByURL", &TypeRecord::specified_by_url);
  type_field("isOneOf", &TypeRecord::is_one_of);
  type_field("fields", &TypeRecord::fields, &TypeRecord::all_fields);
  type_field("interfaces", &TypeRecord::interfaces);
  type_field("possibleTypes", &TypeRecord::possible_types);
  type_field("enumValues", &TypeRecord::enum_values, &TypeRecord::all_enum_values);
  type_field("inputFields", &TypeRecord::input_fields, &TypeRecord::all_input_fields);
  bind("__Field", "args", args);
  bind("__Directive", "args", args);
}

}  // namespace ecn::graphql::execution::detail
