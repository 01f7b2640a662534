#include <string>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/printer.hpp"
#include "ecn/graphql/suggestions.hpp"
#include "schema_internal.hpp"

namespace ecn::graphql::detail {
namespace {

using ast::cast;
using ast::Kind;
using DirectiveLocation = ast::DirectiveLocation;

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// graphql-js's specifiedSDLRules for a document built into a new schema. Errors come
// definition by definition, in document order.
class SdlRules {
 public:
  SdlRules(const ast::DocumentNode& prelude, const ast::DocumentNode& document,
           std::vector<SchemaError>& errors)
      : document_(document), errors_(errors) {
    for (const ast::Definition* definition : document.definitions) {
      if (const auto* directive = ast::as<ast::DirectiveDefinition>(definition)) {
        directives_.try_emplace(directive->name.value, directive);
      } else if (ast::is_type_definition(definition->kind)) {
        const std::string_view name = type_name(*definition);
        if (defined_types_.try_emplace(name, definition).second) type_names_.push_back(name);
      }
    }
    for (const ast::Definition* definition : prelude.definitions) {
      if (const auto* directive = ast::as<ast::DirectiveDefinition>(definition)) {
        directives_.try_emplace(directive->name.value, directive);
      }
    }
  }

  void run() {
    check_definition_kinds();
    check_schema_definitions();
    check_unique_type_and_directive_names();
    for (const ast::Definition* definition : document_.definitions) {
      if (ast::is_type_definition(definition->kind) || ast::is_type_extension(definition->kind)) {
        check_type(*definition);
      } else if (const auto* directive = ast::as<ast::DirectiveDefinition>(definition)) {
        check_directive_definition(*directive);
      } else if (definition->kind == Kind::kSchemaDefinition ||
                 definition->kind == Kind::kSchemaExtension) {
        check_schema_node(*definition);
      }
    }
  }

 private:
  using Seen = std::unordered_map<std::string_view, const ast::Directive*>;

  static std::string_view type_name(const ast::Definition& node) {
    const ast::Name* name = ast::type_definition_name(node);
    return name != nullptr ? name->value : std::string_view{};
  }

  static Location type_name_location(const ast::Definition& node) {
    const ast::Name* name = ast::type_definition_name(node);
    return name != nullptr ? name->loc : node.loc;
  }

  // Executable definitions have no meaning in a schema document.
  void check_definition_kinds() {
    for (const ast::Definition* definition : document_.definitions) {
      if (ast::is_executable_definition(definition->kind)) {
        report(errors_,
               "The " + std::string(ast::kind_name(definition->kind)) +
                   " is not allowed in a schema document, which holds only type system "
                   "definitions and extensions.",
               {definition->loc});
      }
    }
  }

  // LoneSchemaDefinitionRule, UniqueOperationTypesRule.
  void check_schema_definitions() {
    bool seen_definition = false;
    std::unordered_map<int, const ast::OperationTypeDefinition*> operation_types;
    auto check_operations = [&](ast::List<ast::OperationTypeDefinition> list) {
      for (const ast::OperationTypeDefinition* operation_type : list) {
        const auto [it, inserted] = operation_types.try_emplace(
            static_cast<int>(operation_type->operation), operation_type);
        if (!inserted) {
          report(errors_,
                 "There can be only one " +
                     std::string(ast::operation_type_name(operation_type->operation)) +
                     " type in schema.",
                 {it->second->loc, operation_type->loc});
        }
      }
    };
    for (const ast::Definition* definition : document_.definitions) {
      if (const auto* schema_node = ast::as<ast::SchemaDefinition>(definition)) {
        if (seen_definition) {
          report(errors_, "Must provide only one schema definition.", {schema_node->loc});
        }
        seen_definition = true;
        check_operations(schema_node->operation_types);
      } else if (const auto* extension = ast::as<ast::SchemaExtension>(definition)) {
        check_operations(extension->operation_types);
      }
    }
  }

  // UniqueTypeNamesRule, UniqueDirectiveNamesRule.
  void check_unique_type_and_directive_names() {
    std::unordered_map<std::string_view, Location> types;
    std::unordered_map<std::string_view, Location> directives;
    for (const ast::Definition* definition : document_.definitions) {
      if (ast::is_type_definition(definition->kind)) {
        const auto [it, inserted] =
            types.try_emplace(type_name(*definition), type_name_location(*definition));
        if (!inserted) {
          report(errors_,
                 "There can be only one type named " + quoted(type_name(*definition)) + ".",
                 {it->second, type_name_location(*definition)});
        }
      } else if (const auto* directive = ast::as<ast::DirectiveDefinition>(definition)) {
        const auto [it, inserted] =
            directives.try_emplace(directive->name.value, directive->name.loc);
        if (!inserted) {
          report(errors_,
                 "There can be only one directive named \"@" + std::string(directive->name.value) +
                     "\".",
                 {it->second, directive->name.loc});
        }
      }
    }
  }

  // KnownTypeNamesRule: the standard scalars are always known in SDL.
  void check_named_type(const ast::NamedType& node) {
    const std::string_view name = node.name.value;
    if (defined_types_.contains(name) || is_standard_scalar(name)) return;
    std::vector<std::string_view> options = {"String", "Int", "Float", "Boolean", "ID"};
    options.insert(options.end(), type_names_.begin(), type_names_.end());
    report(errors_,
           "Unknown type " + quoted(name) + "." + did_you_mean(suggestion_list(name, options)),
           {node.loc});
  }

  void check_type_reference(const ast::Type& type) { check_named_type(ast::named_type(type)); }

  // UniqueInputFieldNamesRule, for the const values in default values and directive arguments.
  void check_value(const ast::Value& value) {
    if (const auto* list = ast::as<ast::ListValue>(&value)) {
      for (const ast::Value* item : list->values) check_value(*item);
    } else if (const auto* object = ast::as<ast::ObjectValue>(&value)) {
      std::unordered_map<std::string_view, Location> seen;
      for (const ast::ObjectField* field : object->fields) {
        const auto [it, inserted] = seen.try_emplace(field->name.value, field->name.loc);
        if (!inserted) {
          report(errors_,
                 "There can be only one input field named " + quoted(field->name.value) + ".",
                 {it->second, field->name.loc});
        }
        check_value(*field->value);
      }
    }
  }

  // KnownDirectivesRule, UniqueDirectivesPerLocationRule, KnownArgumentNamesOnDirectivesRule,
  // UniqueArgumentNamesRule, ProvidedRequiredArgumentsOnDirectivesRule.
  void check_directives(ast::List<ast::Directive> list, DirectiveLocation location, Seen& seen) {
    for (const ast::Directive* directive : list) {
      const std::string name(directive->name.value);
      const auto found = directives_.find(directive->name.value);
      if (found == directives_.end()) {
        report(errors_, "Unknown directive \"@" + name + "\".", {directive->loc});
        continue;
      }
      const ast::DirectiveDefinition& definition = *found->second;
      bool allowed = false;
      for (const ast::Name& allowed_location : definition.locations) {
        allowed = allowed || ast::parse_directive_location(allowed_location.value) == location;
      }
      if (!allowed) {
        report(errors_,
               "Directive \"@" + name + "\" may not be used on " +
                   std::string(ast::directive_location_name(location)) + ".",
               {directive->loc});
      }
      if (!definition.repeatable) {
        const auto [it, inserted] = seen.try_emplace(directive->name.value, directive);
        if (!inserted) {
          report(errors_, "The directive \"@" + name + "\" can only be used once at this location.",
                 {it->second->loc, directive->loc});
        }
      }
      check_directive_arguments(*directive, definition);
    }
  }

  void check_directive_arguments(const ast::Directive& directive,
                                 const ast::DirectiveDefinition& definition) {
    const std::string name(directive.name.value);
    std::vector<std::string_view> known;
    for (const ast::InputValueDefinition* argument : definition.arguments) {
      known.push_back(argument->name.value);
    }
    std::unordered_map<std::string_view, std::vector<Location>> by_name;
    std::vector<std::string_view> order;
    for (const ast::Argument* argument : directive.arguments) {
      if (std::find(known.begin(), known.end(), argument->name.value) == known.end()) {
        report(errors_,
               "Unknown argument " + quoted(argument->name.value) + " on directive \"@" + name +
                   "\"." + did_you_mean(suggestion_list(argument->name.value, known)),
               {argument->loc});
      }
      auto& locations = by_name[argument->name.value];
      if (locations.empty()) order.push_back(argument->name.value);
      locations.push_back(argument->name.loc);
      check_value(*argument->value);
    }
    for (const std::string_view argument_name : order) {
      if (by_name[argument_name].size() > 1) {
        report(errors_, "There can be only one argument named " + quoted(argument_name) + ".",
               by_name[argument_name]);
      }
    }
    for (const ast::InputValueDefinition* argument : definition.arguments) {
      const bool required =
          argument->type->kind == Kind::kNonNullType && argument->default_value == nullptr;
      if (required && !by_name.contains(argument->name.value)) {
        report(errors_,
               "Directive \"@" + name + "\" argument " + quoted(argument->name.value) +
                   " of type " + quoted(print(*argument->type)) +
                   " is required, but it was not provided.",
               {directive.loc});
      }
    }
  }

  // UniqueArgumentDefinitionNamesRule plus the checks inside each argument definition.
  void check_argument_definitions(const std::string& owner,
                                  ast::List<ast::InputValueDefinition> arguments) {
    std::unordered_map<std::string_view, std::vector<Location>> by_name;
    std::vector<std::string_view> order;
    for (const ast::InputValueDefinition* argument : arguments) {
      auto& locations = by_name[argument->name.value];
      if (locations.empty()) order.push_back(argument->name.value);
      locations.push_back(argument->name.loc);
    }
    for (const std::string_view name : order) {
      if (by_name[name].size() > 1) {
        report(errors_,
               "Argument \"" + owner + "(" + std::string(name) + ":)\" can only be defined once.",
               by_name[name]);
      }
    }
    for (const ast::InputValueDefinition* argument : arguments) {
      check_input_value(*argument, DirectiveLocation::kArgumentDefinition);
    }
  }

  void check_input_value(const ast::InputValueDefinition& value, DirectiveLocation location) {
    check_type_reference(*value.type);
    if (value.default_value != nullptr) check_value(*value.default_value);
    Seen seen;
    check_directives(value.directives, location, seen);
  }

  // UniqueFieldDefinitionNamesRule / UniqueEnumValueNamesRule: names are unique per type,
  // across the definition and all its extensions.
  bool first_member(std::string_view type, const ast::Name& member) {
    auto& members = members_[type];
    const auto [it, inserted] = members.try_emplace(member.value, member.loc);
    if (!inserted) last_duplicate_ = it->second;
    return inserted;
  }

  void check_fields(std::string_view type, ast::List<ast::FieldDefinition> fields) {
    for (const ast::FieldDefinition* field : fields) {
      const std::string qualified = std::string(type) + "." + std::string(field->name.value);
      if (!first_member(type, field->name)) {
        report(errors_, "Field " + quoted(qualified) + " can only be defined once.",
               {last_duplicate_, field->name.loc});
      }
      check_argument_definitions(qualified, field->arguments);
      check_type_reference(*field->type);
      Seen seen;
      check_directives(field->directives, DirectiveLocation::kFieldDefinition, seen);
    }
  }

  void check_input_fields(std::string_view type, ast::List<ast::InputValueDefinition> fields) {
    for (const ast::InputValueDefinition* field : fields) {
      if (!first_member(type, field->name)) {
        report(errors_,
               "Field " + quoted(std::string(type) + "." + std::string(field->name.value)) +
                   " can only be defined once.",
               {last_duplicate_, field->name.loc});
      }
      check_input_value(*field, DirectiveLocation::kInputFieldDefinition);
    }
  }

  void check_enum_values(std::string_view type, ast::List<ast::EnumValueDefinition> values) {
    for (const ast::EnumValueDefinition* value : values) {
      if (!first_member(type, value->name)) {
        report(errors_,
               "Enum value " + quoted(std::string(type) + "." + std::string(value->name.value)) +
                   " can only be defined once.",
               {last_duplicate_, value->name.loc});
      }
      Seen seen;
      check_directives(value->directives, DirectiveLocation::kEnumValue, seen);
    }
  }

  // PossibleTypeExtensionsRule.
  bool check_extension(const ast::Definition& extension) {
    const std::string_view name = type_name(extension);
    const auto defined = defined_types_.find(name);
    if (defined == defined_types_.end()) {
      report(errors_,
             "Cannot extend type " + quoted(name) + " because it is not defined." +
                 did_you_mean(suggestion_list(name, type_names_)),
             {type_name_location(extension)});
      return false;
    }
    static constexpr std::pair<Kind, Kind> kPairs[] = {
        {Kind::kScalarTypeDefinition, Kind::kScalarTypeExtension},
        {Kind::kObjectTypeDefinition, Kind::kObjectTypeExtension},
        {Kind::kInterfaceTypeDefinition, Kind::kInterfaceTypeExtension},
        {Kind::kUnionTypeDefinition, Kind::kUnionTypeExtension},
        {Kind::kEnumTypeDefinition, Kind::kEnumTypeExtension},
        {Kind::kInputObjectTypeDefinition, Kind::kInputObjectTypeExtension}};
    for (const auto& [definition_kind, extension_kind] : kPairs) {
      if (defined->second->kind == definition_kind && extension.kind == extension_kind) return true;
    }
    std::string kind;
    switch (extension.kind) {
      case Kind::kScalarTypeExtension:
        kind = "scalar";
        break;
      case Kind::kObjectTypeExtension:
        kind = "object";
        break;
      case Kind::kInterfaceTypeExtension:
        kind = "interface";
        break;
      case Kind::kUnionTypeExtension:
        kind = "union";
        break;
      case Kind::kEnumTypeExtension:
        kind = "enum";
        break;
      default:
        kind = "input object";
        break;
    }
    report(errors_, "Cannot extend non-" + kind + " type " + quoted(name) + ".",
           {defined->second->loc, extension.loc});
    return false;
  }

  void check_type(const ast::Definition& node) {
    const std::string_view name = type_name(node);
    if (ast::is_type_extension(node.kind)) check_extension(node);
    Seen& seen = type_directives_[name];
    auto check_own_directives = [&](DirectiveLocation location) {
      check_directives(directives_of(node), location, seen);
    };
    auto check_interfaces = [&](ast::List<ast::NamedType> interfaces) {
      for (const ast::NamedType* interface : interfaces) check_named_type(*interface);
    };
    switch (node.kind) {
      case Kind::kScalarTypeDefinition:
      case Kind::kScalarTypeExtension:
        check_own_directives(DirectiveLocation::kScalar);
        break;
      case Kind::kObjectTypeDefinition: {
        const auto& object = cast<ast::ObjectTypeDefinition>(node);
        check_interfaces(object.interfaces);
        check_own_directives(DirectiveLocation::kObject);
        check_fields(name, object.fields);
        break;
      }
      case Kind::kObjectTypeExtension: {
        const auto& object = cast<ast::ObjectTypeExtension>(node);
        check_interfaces(object.interfaces);
        check_own_directives(DirectiveLocation::kObject);
        check_fields(name, object.fields);
        break;
      }
      case Kind::kInterfaceTypeDefinition: {
        const auto& interface = cast<ast::InterfaceTypeDefinition>(node);
        check_interfaces(interface.interfaces);
        check_own_directives(DirectiveLocation::kInterface);
        check_fields(name, interface.fields);
        break;
      }
      case Kind::kInterfaceTypeExtension: {
        const auto& interface = cast<ast::InterfaceTypeExtension>(node);
        check_interfaces(interface.interfaces);
        check_own_directives(DirectiveLocation::kInterface);
        check_fields(name, interface.fields);
        break;
      }
      case Kind::kUnionTypeDefinition:
        check_own_directives(DirectiveLocation::kUnion);
        check_interfaces(cast<ast::UnionTypeDefinition>(node).types);
        break;
      case Kind::kUnionTypeExtension:
        check_own_directives(DirectiveLocation::kUnion);
        check_interfaces(cast<ast::UnionTypeExtension>(node).types);
        break;
      case Kind::kEnumTypeDefinition:
        check_own_directives(DirectiveLocation::kEnum);
        check_enum_values(name, cast<ast::EnumTypeDefinition>(node).values);
        break;
      case Kind::kEnumTypeExtension:
        check_own_directives(DirectiveLocation::kEnum);
        check_enum_values(name, cast<ast::EnumTypeExtension>(node).values);
        break;
      case Kind::kInputObjectTypeDefinition:
        check_own_directives(DirectiveLocation::kInputObject);
        check_input_fields(name, cast<ast::InputObjectTypeDefinition>(node).fields);
        break;
      case Kind::kInputObjectTypeExtension:
        check_own_directives(DirectiveLocation::kInputObject);
        check_input_fields(name, cast<ast::InputObjectTypeExtension>(node).fields);
        break;
      default:
        break;
    }
  }

  void check_directive_definition(const ast::DirectiveDefinition& directive) {
    check_argument_definitions("@" + std::string(directive.name.value), directive.arguments);
  }

  void check_schema_node(const ast::Definition& node) {
    check_directives(directives_of(node), DirectiveLocation::kSchema, schema_directives_);
    const ast::List<ast::OperationTypeDefinition> operation_types =
        node.kind == Kind::kSchemaDefinition ? cast<ast::SchemaDefinition>(node).operation_types
                                             : cast<ast::SchemaExtension>(node).operation_types;
    for (const ast::OperationTypeDefinition* operation_type : operation_types) {
      check_named_type(*operation_type->type);
    }
  }

  const ast::DocumentNode& document_;
  std::vector<SchemaError>& errors_;
  std::unordered_map<std::string_view, const ast::Definition*> defined_types_;
  std::vector<std::string_view> type_names_;  // defined types, in document order
  std::unordered_map<std::string_view, const ast::DirectiveDefinition*> directives_;
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, Location>> members_;
  Location last_duplicate_;
  std::unordered_map<std::string_view, Seen> type_directives_;
  Seen schema_directives_;
};

}  // namespace

void check_sdl_rules(const ast::DocumentNode& prelude, const ast::DocumentNode& document,
                     std::vector<SchemaError>& errors) {
  SdlRules(prelude, document, errors).run();
}

}  // namespace ecn::graphql::detail
