#include "ecn/graphql/execution/values.hpp"

#include <boost/json.hpp>

#include "ecn/graphql/printer.hpp"
#include "ecn/graphql/suggestions.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;
using schema::TypeKind;
using schema::TypeRef;

constexpr std::size_t kMaxVariableErrors = 50;  // graphql-js getVariableValues maxErrors

// A variable the request did not provide (absent, not null).
bool is_missing_variable(const ast::Value& value, const json::object& variables) {
  const auto* variable = ast::as<ast::Variable>(&value);
  return variable != nullptr && !variables.contains(variable->name.value);
}

std::string print_path(const InputPath& path) {
  std::string out;
  for (const json::value& key : path) {
    if (key.is_string()) {
      out += '.';
      out += key.get_string();
    } else {
      out += '[' + std::to_string(key.to_number<std::int64_t>()) + ']';
    }
  }
  return out;
}

class InputCoercer {
 public:
  InputCoercer(const ScalarRegistry& scalars, const OnInputError& on_error)
      : scalars_(scalars), on_error_(on_error) {}

  json::value coerce(const json::value& input, const TypeRef& type, InputPath& path) {
    if (type.is_non_null()) {
      if (!input.is_null()) return coerce(input, *type.of_type, path);
      on_error_(path, input,
                "Expected non-nullable type \"" + schema::to_string(type) + "\" not to be null.");
      return nullptr;
    }
    if (input.is_null()) return nullptr;
    if (type.is_list()) {
      if (!input.is_array()) return json::array{coerce(input, *type.of_type, path)};
      json::array items;
      items.reserve(input.get_array().size());
      std::int64_t index = 0;
      for (const json::value& item : input.get_array()) {
        path.emplace_back(index++);
        items.push_back(coerce(item, *type.of_type, path));
        path.pop_back();
      }
      return items;
    }
    const schema::Type& named = *type.named;
    if (named.kind == TypeKind::kInputObject) return coerce_object(input, named, path);
    ScalarResult parsed = parse_leaf_value(named, input, scalars_);
    if (!parsed) {
      on_error_(path, input, parsed.error());
      return nullptr;
    }
    return std::move(*parsed);
  }

 private:
  json::value coerce_object(const json::value& input, const schema::Type& type, InputPath& path) {
    if (!input.is_object()) {
      on_error_(path, input, "Expected type \"" + std::string(type.name) + "\" to be an object.");
      return nullptr;
    }
    const json::object& fields = input.get_object();
    json::object coerced;
    for (const schema::InputValue& field : type.input_fields) {
      const auto found = fields.find(field.name);
      if (found == fields.end()) {
        if (auto fallback = default_value(field, scalars_)) {
          coerced[field.name] = std::move(*fallback);
        } else if (field.type->is_non_null()) {
          on_error_(path, input,
                    "Field \"" + std::string(field.name) + "\" of required type \"" +
                        schema::to_string(*field.type) + "\" was not provided.");
        }
        continue;
      }
      path.emplace_back(field.name);
      coerced[field.name] = coerce(found->value(), *field.type, path);
      path.pop_back();
    }
    for (const auto& member : fields) {
      if (type.input_field(member.key()) != nullptr) continue;
      std::vector<std::string_view> names;
      for (const schema::InputValue& field : type.input_fields) names.push_back(field.name);
      on_error_(path, input,
                "Field \"" + std::string(member.key()) + "\" is not defined by type \"" +
                    std::string(type.name) + "\"." +
                    did_you_mean(suggestion_list(member.key(), names)));
    }
    if (type.one_of) {
      if (coerced.size() != 1) {
        on_error_(
            path, input,
            "Exactly one key must be specified for OneOf type \"" + std::string(type.name) + "\".");
      }
      if (!coerced.empty() && coerced.begin()->value().is_null()) {
        path.emplace_back(coerced.begin()->key());
        on_error_(path, nullptr,
                  "Field \"" + std::string(coerced.begin()->key()) + "\" must be non-null.");
        path.pop_back();
      }
    }
    return coerced;
  }

  const ScalarRegistry& scalars_;
  const OnInputError& on_error_;
};

}  // namespace

const schema::TypeRef* resolve_type(const Schema& schema, const ast::Type& type,
                                    std::deque<schema::TypeRef>& storage) {
  if (const auto* named = ast::as<ast::NamedType>(&type)) {
    const schema::Type* found = schema.type(named->name.value);
    if (found == nullptr) return nullptr;
    TypeRef& ref = storage.emplace_back();
    ref.named = found;
    return &ref;
  }
  const bool list = type.kind == ast::Kind::kListType;
  const ast::Type& inner =
      list ? *ast::cast<ast::ListType>(type).type : *ast::cast<ast::NonNullType>(type).type;
  const TypeRef* of_type = resolve_type(schema, inner, storage);
  if (of_type == nullptr) return nullptr;
  TypeRef& ref = storage.emplace_back();
  ref.wrapper = list ? TypeRef::Wrapper::kList : TypeRef::Wrapper::kNonNull;
  ref.of_type = of_type;
  ref.named = of_type->named;
  return &ref;
}

std::optional<json::value> value_from_ast(const ast::Value& value, const TypeRef& type,
                                          const json::object& variables,
                                          const ScalarRegistry& scalars) {
  if (const auto* variable = ast::as<ast::Variable>(&value)) {
    const auto found = variables.find(variable->name.value);
    if (found == variables.end()) return std::nullopt;
    if (found->value().is_null() && type.is_non_null()) return std::nullopt;
    return found->value();
  }
  if (type.is_non_null()) {
    if (value.kind == ast::Kind::kNullValue) return std::nullopt;
    return value_from_ast(value, *type.of_type, variables, scalars);
  }
  if (value.kind == ast::Kind::kNullValue) return json::value(nullptr);
  if (type.is_list()) {
    const TypeRef& item_type = *type.of_type;
    const auto* list = ast::as<ast::ListValue>(&value);
    if (list == nullptr) {
      auto item = value_from_ast(value, item_type, variables, scalars);
      if (!item) return std::nullopt;
      return json::value(json::array{std::move(*item)});
    }
    json::array items;
    items.reserve(list->values.size());
    for (const ast::Value* item_node : list->values) {
      if (is_missing_variable(*item_node, variables)) {
        if (item_type.is_non_null()) return std::nullopt;
        items.emplace_back(nullptr);
        continue;
      }
      auto item = value_from_ast(*item_node, item_type, variables, scalars);
      if (!item) return std::nullopt;
      items.push_back(std::move(*item));
    }
    return json::value(std::move(items));
  }
  const schema::Type& named = *type.named;
  if (named.kind == TypeKind::kInputObject) {
    const auto* object = ast::as<ast::ObjectValue>(&value);
    if (object == nullptr) return std::nullopt;
    json::object coerced;
    for (const schema::InputValue& field : named.input_fields) {
      const ast::ObjectField* field_node = nullptr;
      for (const ast::ObjectField* candidate : object->fields) {
        if (candidate->name.value == field.name) {
          field_node = candidate;
          break;
        }
      }
      if (field_node == nullptr || is_missing_variable(*field_node->value, variables)) {
        if (auto fallback = default_value(field, scalars)) {
          coerced[field.name] = std::move(*fallback);
        } else if (field.type->is_non_null()) {
          return std::nullopt;
        }
        continue;
      }
      auto field_value = value_from_ast(*field_node->value, *field.type, variables, scalars);
      if (!field_value) return std::nullopt;
      coerced[field.name] = std::move(*field_value);
    }
    if (named.one_of && (coerced.size() != 1 || coerced.begin()->value().is_null())) {
      return std::nullopt;
    }
    return json::value(std::move(coerced));
  }
  ScalarResult parsed = parse_leaf_literal(named, value, variables, scalars);
  if (!parsed) return std::nullopt;
  return std::move(*parsed);
}

std::optional<json::value> default_value(const schema::InputValue& input,
                                         const ScalarRegistry& scalars) {
  if (input.default_value == nullptr) return std::nullopt;
  static const json::object kNoVariables;
  return value_from_ast(*input.default_value, *input.type, kNoVariables, scalars);
}

json::value coerce_input_value(const json::value& input, const TypeRef& type,
                               const ScalarRegistry& scalars, const OnInputError& on_error) {
  InputPath path;
  return InputCoercer(scalars, on_error).coerce(input, type, path);
}

VariablesResult coerce_variable_values(const Schema& schema, const ScalarRegistry& scalars,
                                       const ast::OperationDefinition& operation,
                                       const json::object& inputs) {
  std::vector<InputError> errors;
  bool aborted = false;
  auto report = [&](std::string message, Location location) {
    if (aborted) return;
    if (errors.size() >= kMaxVariableErrors) {
      errors.push_back(
          {"Too many errors processing variables, error limit reached. Execution aborted.", {}});
      aborted = true;
      return;
    }
    errors.push_back({std::move(message), {location}});
  };
  std::deque<TypeRef> storage;
  json::object coerced;
  for (const ast::VariableDefinition* definition : operation.variable_definitions) {
    if (aborted) break;
    const std::string_view name = definition->variable->name.value;
    const TypeRef* type = resolve_type(schema, *definition->type, storage);
    if (type == nullptr || !type->named->is_input()) {
      report("Variable \"$" + std::string(name) + "\" expected value of type \"" +
                 print(*definition->type) + "\" which cannot be used as an input type.",
             definition->type->loc);
      continue;
    }
    const auto found = inputs.find(name);
    if (found == inputs.end()) {
      if (definition->default_value != nullptr) {
        static const json::object kNoVariables;
        if (auto value = value_from_ast(*definition->default_value, *type, kNoVariables, scalars)) {
          coerced[name] = std::move(*value);
        }
      } else if (type->is_non_null()) {
        report("Variable \"$" + std::string(name) + "\" of required type \"" +
                   schema::to_string(*type) + "\" was not provided.",
               definition->loc);
      }
      continue;
    }
    if (found->value().is_null() && type->is_non_null()) {
      report("Variable \"$" + std::string(name) + "\" of non-null type \"" +
                 schema::to_string(*type) + "\" must not be null.",
             definition->loc);
      continue;
    }
    const OnInputError on_error = [&](const InputPath& path, const json::value& invalid,
                                      const std::string& message) {
      std::string prefix =
          "Variable \"$" + std::string(name) + "\" got invalid value " + inspect(invalid);
      if (!path.empty()) prefix += " at \"" + std::string(name) + print_path(path) + "\"";
      report(prefix + "; " + message, definition->loc);
    };
    coerced[name] = coerce_input_value(found->value(), *type, scalars, on_error);
  }
  if (!errors.empty()) return errors;
  return coerced;
}

ArgumentsResult coerce_argument_values(std::span<const schema::InputValue> definitions,
                                       ast::List<ast::Argument> arguments, Location node_location,
                                       const json::object& variables,
                                       const ScalarRegistry& scalars) {
  json::object coerced;
  for (const schema::InputValue& definition : definitions) {
    const std::string name(definition.name);
    const std::string type_name = schema::to_string(*definition.type);
    const ast::Argument* argument = nullptr;
    for (const ast::Argument* candidate : arguments) {
      if (candidate->name.value == definition.name) {
        argument = candidate;
        break;
      }
    }
    if (argument == nullptr) {
      if (auto fallback = default_value(definition, scalars)) {
        coerced[definition.name] = std::move(*fallback);
      } else if (definition.type->is_non_null()) {
        return InputError{
            "Argument \"" + name + "\" of required type \"" + type_name + "\" was not provided.",
            {node_location}};
      }
      continue;
    }
    const ast::Value& value = *argument->value;
    bool is_null = value.kind == ast::Kind::kNullValue;
    if (const auto* variable = ast::as<ast::Variable>(&value)) {
      const auto found = variables.find(variable->name.value);
      if (found == variables.end()) {
        if (auto fallback = default_value(definition, scalars)) {
          coerced[definition.name] = std::move(*fallback);
        } else if (definition.type->is_non_null()) {
          return InputError{"Argument \"" + name + "\" of required type \"" + type_name +
                                "\" was provided the variable \"$" +
                                std::string(variable->name.value) +
                                "\" which was not provided a runtime value.",
                            {value.loc}};
        }
        continue;
      }
      is_null = found->value().is_null();
    }
    if (is_null && definition.type->is_non_null()) {
      return InputError{
          "Argument \"" + name + "\" of non-null type \"" + type_name + "\" must not be null.",
          {value.loc}};
    }
    auto result = value_from_ast(value, *definition.type, variables, scalars);
    if (!result) {
      return InputError{"Argument \"" + name + "\" has invalid value " + print(value) + ".",
                        {value.loc}};
    }
    coerced[definition.name] = std::move(*result);
  }
  return coerced;
}

}  // namespace ecn::graphql::execution
