#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "schema_internal.hpp"

namespace ecn::graphql::detail {
namespace {

using schema::to_string;
using schema::Type;
using schema::TypeKind;

std::string reserved_name_message(std::string_view name) {
  return "Name \"" + std::string(name) +
         "\" must not begin with \"__\", which is reserved by GraphQL introspection.";
}

bool is_reserved(std::string_view name) {
  return name.starts_with("__");
}

// The definition and extension nodes of a type, for errors about the type as a whole.
std::vector<Location> type_locations(const Type& type) {
  std::vector<Location> locations;
  if (type.definition != nullptr) locations.push_back(type.definition->loc);
  for (const ast::Definition* extension : type.extensions) locations.push_back(extension->loc);
  return locations;
}

std::optional<Location> deprecated_directive_location(ast::List<ast::Directive> directives) {
  for (const ast::Directive* directive : directives) {
    if (directive->name.value == "deprecated") return directive->loc;
  }
  return std::nullopt;
}

// The named-type nodes of `type`'s definition and extensions under `members` (implements list
// or union members) that name `name`.
std::vector<Location> member_locations(const Type& type, std::string_view name) {
  std::vector<Location> locations;
  auto scan = [&](ast::List<ast::NamedType> list) {
    for (const ast::NamedType* node : list) {
      if (node->name.value == name) locations.push_back(node->loc);
    }
  };
  std::vector<const ast::Definition*> nodes;
  if (type.definition != nullptr) nodes.push_back(type.definition);
  nodes.insert(nodes.end(), type.extensions.begin(), type.extensions.end());
  for (const ast::Definition* node : nodes) {
    if (const auto* object = ast::as<ast::ObjectTypeDefinition>(node)) scan(object->interfaces);
    if (const auto* object = ast::as<ast::ObjectTypeExtension>(node)) scan(object->interfaces);
    if (const auto* interface = ast::as<ast::InterfaceTypeDefinition>(node)) {
      scan(interface->interfaces);
    }
    if (const auto* interface = ast::as<ast::InterfaceTypeExtension>(node)) {
      scan(interface->interfaces);
    }
    if (const auto* union_node = ast::as<ast::UnionTypeDefinition>(node)) scan(union_node->types);
    if (const auto* union_node = ast::as<ast::UnionTypeExtension>(node)) scan(union_node->types);
  }
  return locations;
}

class SchemaValidator {
 public:
  SchemaValidator(const Schema& schema, std::vector<SchemaError>& errors)
      : schema_(schema), errors_(errors) {}

  void run() {
    validate_root_types();
    validate_directives();
    for (const Type* type : schema_.types()) {
      if (type->built_in) continue;
      validate_type(*type);
    }
  }

 private:
  std::optional<Location> operation_type_location(ast::OperationType operation) const {
    auto find = [&](ast::List<ast::OperationTypeDefinition> list) -> std::optional<Location> {
      for (const ast::OperationTypeDefinition* node : list) {
        if (node->operation == operation) return node->type->loc;
      }
      return std::nullopt;
    };
    if (schema_.definition() != nullptr) {
      if (auto found = find(schema_.definition()->operation_types)) return found;
    }
    for (const ast::SchemaExtension* extension : schema_.extensions()) {
      if (auto found = find(extension->operation_types)) return found;
    }
    return std::nullopt;
  }

  void validate_root_type(ast::OperationType operation, const Type* type, std::string_view label,
                          std::string_view qualifier) {
    if (type == nullptr || type->kind == TypeKind::kObject) return;
    std::vector<Location> locations;
    if (auto location = operation_type_location(operation)) {
      locations.push_back(*location);
    } else if (type->definition != nullptr) {
      locations.push_back(type->definition->loc);
    }
    report(errors_,
           std::string(label) + " root type must be Object type" + std::string(qualifier) +
               ", it cannot be " + std::string(type->name) + ".",
           locations);
  }

  void validate_root_types() {
    if (schema_.query_type() == nullptr) {
      std::vector<Location> locations;
      if (schema_.definition() != nullptr) locations.push_back(schema_.definition()->loc);
      report(errors_, "Query root type must be provided.", locations);
    }
    validate_root_type(ast::OperationType::kQuery, schema_.query_type(), "Query", "");
    validate_root_type(ast::OperationType::kMutation, schema_.mutation_type(), "Mutation",
                       " if provided");
    validate_root_type(ast::OperationType::kSubscription, schema_.subscription_type(),
                       "Subscription", " if provided");
  }

  // Checks shared by arguments of fields and directives: `owner` is "T.f" or "@d".
  void validate_argument(const std::string& owner, const schema::InputValue& argument) {
    const std::string qualified = owner + "(" + std::string(argument.name) + ":)";
    if (is_reserved(argument.name))
      report(errors_, reserved_name_message(argument.name), {argument.node->loc});
    if (!argument.type->named->is_input()) {
      report(errors_,
             "The type of " + qualified +
                 " must be Input Type but got: " + to_string(*argument.type) + ".",
             {owner.starts_with("@") ? argument.node->loc : argument.node->type->loc});
    }
    if (argument.is_required() && argument.deprecation_reason) {
      std::vector<Location> locations;
      if (auto location = deprecated_directive_location(argument.node->directives)) {
        locations.push_back(*location);
      }
      locations.push_back(argument.node->type->loc);
      report(errors_, "Required argument " + qualified + " cannot be deprecated.", locations);
    }
  }

  void validate_directives() {
    for (const schema::Directive* directive : schema_.directives()) {
      if (directive->built_in) continue;
      if (is_reserved(directive->name)) {
        report(errors_, reserved_name_message(directive->name), {directive->node->loc});
      }
      for (const schema::InputValue& argument : directive->arguments) {
        validate_argument("@" + std::string(directive->name), argument);
      }
    }
  }

  void validate_type(const Type& type) {
    if (is_reserved(type.name)) {
      report(errors_, reserved_name_message(type.name), {type.definition->loc});
    }
    switch (type.kind) {
      case TypeKind::kObject:
      case TypeKind::kInterface:
        validate_fields(type);
        validate_interfaces(type);
        break;
      case TypeKind::kUnion:
        validate_union_members(type);
        break;
      case TypeKind::kEnum:
        validate_enum_values(type);
        break;
      case TypeKind::kInputObject:
        validate_input_fields(type);
        detect_input_cycles(type);
        break;
      case TypeKind::kScalar:
        break;
    }
  }

  void validate_fields(const Type& type) {
    if (type.fields.empty()) {
      report(errors_, "Type " + std::string(type.name) + " must define one or more fields.",
             type_locations(type));
    }
    for (const schema::Field& field : type.fields) {
      const std::string qualified = std::string(type.name) + "." + std::string(field.name);
      if (is_reserved(field.name))
        report(errors_, reserved_name_message(field.name), {field.node->loc});
      if (!field.type->named->is_output()) {
        report(errors_,
               "The type of " + qualified +
                   " must be Output Type but got: " + to_string(*field.type) + ".",
               {field.node->type->loc});
      }
      for (const schema::InputValue& argument : field.arguments) {
        validate_argument(qualified, argument);
      }
    }
  }

  void validate_interfaces(const Type& type) {
    std::unordered_set<std::string_view> seen;
    for (const Type* interface : type.interfaces) {
      if (interface->kind != TypeKind::kInterface) {
        report(errors_,
               "Type " + std::string(type.name) +
                   " must only implement Interface types, it cannot implement " +
                   std::string(interface->name) + ".",
               member_locations(type, interface->name));
        continue;
      }
      if (interface == &type) {
        report(errors_,
               "Type " + std::string(type.name) +
                   " cannot implement itself because it would create a circular reference.",
               member_locations(type, interface->name));
        continue;
      }
      if (!seen.insert(interface->name).second) {
        report(errors_,
               "Type " + std::string(type.name) + " can only implement " +
                   std::string(interface->name) + " once.",
               member_locations(type, interface->name));
        continue;
      }
      validate_implements_ancestors(type, *interface);
      validate_implements_interface(type, *interface);
    }
  }

  void validate_implements_ancestors(const Type& type, const Type& interface) {
    for (const Type* transitive : interface.interfaces) {
      if (std::find(type.interfaces.begin(), type.interfaces.end(), transitive) !=
          type.interfaces.end()) {
        continue;
      }
      std::vector<Location> locations = member_locations(interface, transitive->name);
      const std::vector<Location> own = member_locations(type, interface.name);
      locations.insert(locations.end(), own.begin(), own.end());
      report(errors_,
             transitive == &type
                 ? "Type " + std::string(type.name) + " cannot implement " +
                       std::string(interface.name) +
                       " because it would create a circular reference."
                 : "Type " + std::string(type.name) + " must implement " +
                       std::string(transitive->name) + " because it is implemented by " +
                       std::string(interface.name) + ".",
             locations);
    }
  }

  void validate_implements_interface(const Type& type, const Type& interface) {
    const std::string type_name(type.name);
    const std::string interface_name(interface.name);
    for (const schema::Field& interface_field : interface.fields) {
      const std::string field_name(interface_field.name);
      const schema::Field* field = type.field(interface_field.name);
      if (field == nullptr) {
        std::vector<Location> locations = {interface_field.node->loc};
        const std::vector<Location> own = type_locations(type);
        locations.insert(locations.end(), own.begin(), own.end());
        report(errors_,
               "Interface field " + interface_name + "." + field_name + " expected but " +
                   type_name + " does not provide it.",
               locations);
        continue;
      }
      if (!schema_.is_type_sub_type_of(*field->type, *interface_field.type)) {
        report(errors_,
               "Interface field " + interface_name + "." + field_name + " expects type " +
                   to_string(*interface_field.type) + " but " + type_name + "." + field_name +
                   " is type " + to_string(*field->type) + ".",
               {interface_field.node->type->loc, field->node->type->loc});
      }
      for (const schema::InputValue& interface_argument : interface_field.arguments) {
        const std::string argument_name(interface_argument.name);
        const schema::InputValue* argument = field->argument(interface_argument.name);
        if (argument == nullptr) {
          report(errors_,
                 "Interface field argument " + interface_name + "." + field_name + "(" +
                     argument_name + ":) expected but " + type_name + "." + field_name +
                     " does not provide it.",
                 {interface_argument.node->loc, field->node->loc});
          continue;
        }
        if (!(*argument->type == *interface_argument.type)) {
          report(errors_,
                 "Interface field argument " + interface_name + "." + field_name + "(" +
                     argument_name + ":) expects type " + to_string(*interface_argument.type) +
                     " but " + type_name + "." + field_name + "(" + argument_name + ":) is type " +
                     to_string(*argument->type) + ".",
                 {interface_argument.node->type->loc, argument->node->type->loc});
        }
      }
      for (const schema::InputValue& argument : field->arguments) {
        if (interface_field.argument(argument.name) == nullptr && argument.is_required()) {
          report(errors_,
                 "Object field " + type_name + "." + field_name + " includes required argument " +
                     std::string(argument.name) + " that is missing from the Interface field " +
                     interface_name + "." + field_name + ".",
                 {argument.node->loc, interface_field.node->loc});
        }
      }
    }
  }

  void validate_union_members(const Type& type) {
    if (type.possible_types.empty()) {
      report(errors_,
             "Union type " + std::string(type.name) + " must define one or more member types.",
             type_locations(type));
    }
    std::unordered_set<std::string_view> seen;
    for (const Type* member : type.possible_types) {
      if (!seen.insert(member->name).second) {
        report(errors_,
               "Union type " + std::string(type.name) + " can only include type " +
                   std::string(member->name) + " once.",
               member_locations(type, member->name));
        continue;
      }
      if (member->kind != TypeKind::kObject) {
        report(errors_,
               "Union type " + std::string(type.name) +
                   " can only include Object types, it cannot include " +
                   std::string(member->name) + ".",
               member_locations(type, member->name));
      }
    }
  }

  void validate_enum_values(const Type& type) {
    if (type.enum_values.empty()) {
      report(errors_, "Enum type " + std::string(type.name) + " must define one or more values.",
             type_locations(type));
    }
    for (const schema::EnumValue& value : type.enum_values) {
      if (is_reserved(value.name))
        report(errors_, reserved_name_message(value.name), {value.node->loc});
    }
  }

  void validate_input_fields(const Type& type) {
    const std::string type_name(type.name);
    if (type.input_fields.empty()) {
      report(errors_, "Input Object type " + type_name + " must define one or more fields.",
             type_locations(type));
    }
    for (const schema::InputValue& field : type.input_fields) {
      const std::string qualified = type_name + "." + std::string(field.name);
      if (is_reserved(field.name))
        report(errors_, reserved_name_message(field.name), {field.node->loc});
      if (!field.type->named->is_input()) {
        report(errors_,
               "The type of " + qualified +
                   " must be Input Type but got: " + to_string(*field.type) + ".",
               {field.node->type->loc});
      }
      if (field.is_required() && field.deprecation_reason) {
        std::vector<Location> locations;
        if (auto location = deprecated_directive_location(field.node->directives)) {
          locations.push_back(*location);
        }
        locations.push_back(field.node->type->loc);
        report(errors_, "Required input field " + qualified + " cannot be deprecated.", locations);
      }
      if (type.one_of) {
        if (field.type->is_non_null()) {
          report(errors_, "OneOf input field " + qualified + " must be nullable.",
                 {field.node->type->loc});
        }
        if (field.default_value != nullptr) {
          report(errors_, "OneOf input field " + qualified + " cannot have a default value.",
                 {field.node->loc});
        }
      }
    }
  }

  // Depth-first search through non-null input object fields; reports every cycle once.
  void detect_input_cycles(const Type& type) {
    if (!visited_.insert(type.name).second) return;
    path_index_[type.name] = path_.size();
    for (const schema::InputValue& field : type.input_fields) {
      if (!field.type->is_non_null() ||
          field.type->of_type->wrapper != schema::TypeRef::Wrapper::kNamed ||
          field.type->named->kind != TypeKind::kInputObject) {
        continue;
      }
      const Type& field_type = *field.type->named;
      path_.push_back(&field);
      const auto cycle = path_index_.find(field_type.name);
      if (cycle == path_index_.end()) {
        detect_input_cycles(field_type);
      } else {
        std::string path;
        std::vector<Location> locations;
        for (std::size_t i = cycle->second; i < path_.size(); ++i) {
          if (!path.empty()) path += '.';
          path += path_[i]->name;
          locations.push_back(path_[i]->node->loc);
        }
        report(errors_,
               "Cannot reference Input Object \"" + std::string(field_type.name) +
                   "\" within itself through a series of non-null fields: \"" + path + "\".",
               locations);
      }
      path_.pop_back();
    }
    path_index_.erase(type.name);
  }

  const Schema& schema_;
  std::vector<SchemaError>& errors_;
  std::unordered_set<std::string_view> visited_;
  std::vector<const schema::InputValue*> path_;
  std::unordered_map<std::string_view, std::size_t> path_index_;
};

}  // namespace

void validate_schema(const Schema& schema, std::vector<SchemaError>& errors) {
  SchemaValidator(schema, errors).run();
}

}  // namespace ecn::graphql::detail
