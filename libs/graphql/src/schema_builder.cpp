#include <utility>

#include "ecn/graphql/printer.hpp"
#include "ecn/graphql/schema.hpp"
#include "schema_internal.hpp"

namespace ecn::graphql {

// Turns validated SDL (the prelude of built-ins, then the user's document) into the Schema
// model. It runs only after check_sdl_rules() passed, so names are unique, referenced types
// exist and extensions match their types.
class SchemaBuilder {
 public:
  static SchemaResult build(std::string_view sdl, const ParseOptions& options);

 private:
  explicit SchemaBuilder(Schema& schema) : schema_(schema) {}

  void add_types(const ast::DocumentNode& document, bool built_in);
  void add_introspection_types(const ast::DocumentNode& document);
  void attach_extensions(const ast::DocumentNode& document);
  void add_directives(const ast::DocumentNode& prelude, const ast::DocumentNode& document);
  void fill(schema::Type& type, const ast::Definition& node);
  void fill_directive(schema::Directive& directive, const ast::DirectiveDefinition& node);
  void set_root_types(const ast::DocumentNode& document);
  void link_possible_types();

  const schema::Type* named(const ast::NamedType& node) const;
  const schema::TypeRef* resolve(const ast::Type& node);
  std::vector<schema::InputValue> input_values(ast::List<ast::InputValueDefinition> nodes);
  std::optional<std::string_view> string_argument(ast::List<ast::Directive> directives,
                                                  std::string_view directive,
                                                  std::string_view argument,
                                                  std::optional<std::string_view> fallback);
  std::optional<std::string_view> deprecation(ast::List<ast::Directive> directives) {
    return string_argument(directives, "deprecated", "reason", "No longer supported");
  }

  Schema& schema_;
  std::vector<SchemaError> errors_;
};

namespace {

std::optional<std::string_view> description_of(const ast::StringValue* description) {
  if (description == nullptr) return std::nullopt;
  return description->value;
}

bool has_directive(ast::List<ast::Directive> directives, std::string_view name) {
  for (const ast::Directive* directive : directives) {
    if (directive->name.value == name) return true;
  }
  return false;
}

std::optional<schema::TypeKind> kind_of(ast::Kind kind) {
  switch (kind) {
    case ast::Kind::kScalarTypeDefinition:
      return schema::TypeKind::kScalar;
    case ast::Kind::kObjectTypeDefinition:
      return schema::TypeKind::kObject;
    case ast::Kind::kInterfaceTypeDefinition:
      return schema::TypeKind::kInterface;
    case ast::Kind::kUnionTypeDefinition:
      return schema::TypeKind::kUnion;
    case ast::Kind::kEnumTypeDefinition:
      return schema::TypeKind::kEnum;
    case ast::Kind::kInputObjectTypeDefinition:
      return schema::TypeKind::kInputObject;
    default:
      return std::nullopt;
  }
}

// The name of a type definition or extension node.
std::string_view type_name_of(const ast::Definition& node) {
  const ast::Name* name = ast::type_definition_name(node);
  return name != nullptr ? name->value : std::string_view{};
}

}  // namespace

const schema::Type* SchemaBuilder::named(const ast::NamedType& node) const {
  return schema_.type(node.name.value);
}

const schema::TypeRef* SchemaBuilder::resolve(const ast::Type& node) {
  schema::TypeRef& ref = schema_.type_ref_storage_.emplace_back();
  switch (node.kind) {
    case ast::Kind::kNamedType:
      ref.wrapper = schema::TypeRef::Wrapper::kNamed;
      ref.named = named(ast::cast<ast::NamedType>(node));
      break;
    case ast::Kind::kListType:
      ref.wrapper = schema::TypeRef::Wrapper::kList;
      ref.of_type = resolve(*ast::cast<ast::ListType>(node).type);
      ref.named = ref.of_type->named;
      break;
    default:
      ref.wrapper = schema::TypeRef::Wrapper::kNonNull;
      ref.of_type = resolve(*ast::cast<ast::NonNullType>(node).type);
      ref.named = ref.of_type->named;
      break;
  }
  return &ref;
}

std::optional<std::string_view> SchemaBuilder::string_argument(
    ast::List<ast::Directive> directives, std::string_view directive_name,
    std::string_view argument_name, std::optional<std::string_view> fallback) {
  for (const ast::Directive* directive : directives) {
    if (directive->name.value != directive_name) continue;
    for (const ast::Argument* argument : directive->arguments) {
      if (argument->name.value != argument_name) continue;
      if (const auto* string = ast::as<ast::StringValue>(argument->value)) return string->value;
      if (argument->value->kind == ast::Kind::kNullValue) return std::nullopt;
      detail::report(errors_,
                     "Argument \"" + std::string(argument_name) + "\" has invalid value " +
                         print(*argument->value) + ".",
                     {argument->value->loc});
      return fallback;
    }
    return fallback;
  }
  return std::nullopt;
}

std::vector<schema::InputValue> SchemaBuilder::input_values(
    ast::List<ast::InputValueDefinition> nodes) {
  std::vector<schema::InputValue> values;
  values.reserve(nodes.size());
  for (const ast::InputValueDefinition* node : nodes) {
    schema::InputValue& value = values.emplace_back();
    value.name = node->name.value;
    value.description = description_of(node->description);
    value.type = resolve(*node->type);
    value.default_value = node->default_value;
    value.deprecation_reason = deprecation(node->directives);
    value.node = node;
  }
  return values;
}

void SchemaBuilder::add_types(const ast::DocumentNode& document, bool built_in) {
  for (const ast::Definition* definition : document.definitions) {
    const auto kind = kind_of(definition->kind);
    if (!kind) continue;
    const std::string_view name = type_name_of(*definition);
    // `scalar Int` in user SDL names the standard scalar, as in graphql-js.
    if (schema_.types_by_name_.contains(name)) continue;
    schema::Type& type = schema_.type_storage_.emplace_back();
    type.kind = *kind;
    type.name = name;
    type.built_in = built_in;
    type.definition = definition;
    schema_.types_by_name_.emplace(name, &type);
    schema_.types_.push_back(&type);
  }
}

// Introspection types are registered by name but listed apart; the meta-fields' carrier type
// is filled like any other, then unregistered so no query can name it.
void SchemaBuilder::add_introspection_types(const ast::DocumentNode& document) {
  const std::size_t first = schema_.types_.size();
  add_types(document, true);
  for (std::size_t i = first; i < schema_.types_.size(); ++i) {
    if (schema_.types_[i]->name != detail::kMetaFieldsTypeName) {
      schema_.introspection_types_.push_back(schema_.types_[i]);
    }
  }
  schema_.types_.resize(first);
}

void SchemaBuilder::attach_extensions(const ast::DocumentNode& document) {
  for (const ast::Definition* definition : document.definitions) {
    if (!ast::is_type_extension(definition->kind)) continue;
    const auto found = schema_.types_by_name_.find(type_name_of(*definition));
    if (found != schema_.types_by_name_.end() && !found->second->built_in) {
      found->second->extensions.push_back(definition);
    }
  }
}

// Applies one definition or extension node to its type.
void SchemaBuilder::fill(schema::Type& type, const ast::Definition& node) {
  auto add_fields = [&](ast::List<ast::FieldDefinition> fields) {
    for (const ast::FieldDefinition* field_node : fields) {
      schema::Field& field = type.fields.emplace_back();
      field.name = field_node->name.value;
      field.description = description_of(field_node->description);
      field.arguments = input_values(field_node->arguments);
      field.type = resolve(*field_node->type);
      field.deprecation_reason = deprecation(field_node->directives);
      field.node = field_node;
    }
  };
  auto add_named = [&](std::vector<const schema::Type*>& into, ast::List<ast::NamedType> nodes) {
    for (const ast::NamedType* named_node : nodes) into.push_back(named(*named_node));
  };
  auto add_enum_values = [&](ast::List<ast::EnumValueDefinition> values) {
    for (const ast::EnumValueDefinition* value_node : values) {
      schema::EnumValue& value = type.enum_values.emplace_back();
      value.name = value_node->name.value;
      value.description = description_of(value_node->description);
      value.deprecation_reason = deprecation(value_node->directives);
      value.node = value_node;
    }
  };
  auto add_input_fields = [&](ast::List<ast::InputValueDefinition> fields) {
    std::vector<schema::InputValue> values = input_values(fields);
    type.input_fields.insert(type.input_fields.end(), values.begin(), values.end());
  };

  using ast::cast;
  using ast::Kind;
  const ast::List<ast::Directive> directives = detail::directives_of(node);
  switch (node.kind) {
    case Kind::kScalarTypeDefinition:
      type.description = description_of(cast<ast::ScalarTypeDefinition>(node).description);
      [[fallthrough]];
    case Kind::kScalarTypeExtension:
      if (auto url = string_argument(directives, "specifiedBy", "url", std::nullopt)) {
        type.specified_by_url = url;
      }
      break;
    case Kind::kObjectTypeDefinition: {
      const auto& object = cast<ast::ObjectTypeDefinition>(node);
      type.description = description_of(object.description);
      add_named(type.interfaces, object.interfaces);
      add_fields(object.fields);
      break;
    }
    case Kind::kObjectTypeExtension: {
      const auto& object = cast<ast::ObjectTypeExtension>(node);
      add_named(type.interfaces, object.interfaces);
      add_fields(object.fields);
      break;
    }
    case Kind::kInterfaceTypeDefinition: {
      const auto& interface = cast<ast::InterfaceTypeDefinition>(node);
      type.description = description_of(interface.description);
      add_named(type.interfaces, interface.interfaces);
      add_fields(interface.fields);
      break;
    }
    case Kind::kInterfaceTypeExtension: {
      const auto& interface = cast<ast::InterfaceTypeExtension>(node);
      add_named(type.interfaces, interface.interfaces);
      add_fields(interface.fields);
      break;
    }
    case Kind::kUnionTypeDefinition: {
      const auto& union_node = cast<ast::UnionTypeDefinition>(node);
      type.description = description_of(union_node.description);
      add_named(type.possible_types, union_node.types);
      break;
    }
    case Kind::kUnionTypeExtension:
      add_named(type.possible_types, cast<ast::UnionTypeExtension>(node).types);
      break;
    case Kind::kEnumTypeDefinition: {
      const auto& enum_node = cast<ast::EnumTypeDefinition>(node);
      type.description = description_of(enum_node.description);
      add_enum_values(enum_node.values);
      break;
    }
    case Kind::kEnumTypeExtension:
      add_enum_values(cast<ast::EnumTypeExtension>(node).values);
      break;
    case Kind::kInputObjectTypeDefinition: {
      const auto& input = cast<ast::InputObjectTypeDefinition>(node);
      type.description = description_of(input.description);
      add_input_fields(input.fields);
      type.one_of = type.one_of || has_directive(directives, "oneOf");
      break;
    }
    case Kind::kInputObjectTypeExtension:
      add_input_fields(cast<ast::InputObjectTypeExtension>(node).fields);
      type.one_of = type.one_of || has_directive(directives, "oneOf");
      break;
    default:
      break;
  }
}

void SchemaBuilder::fill_directive(schema::Directive& directive,
                                   const ast::DirectiveDefinition& node) {
  directive.name = node.name.value;
  directive.description = description_of(node.description);
  directive.arguments = input_values(node.arguments);
  directive.repeatable = node.repeatable;
  directive.node = &node;
  for (const ast::Name& location : node.locations) {
    directive.locations.push_back(*ast::parse_directive_location(location.value));
  }
}

// User directives first, then the built-ins they do not redefine: graphql-js's order.
void SchemaBuilder::add_directives(const ast::DocumentNode& prelude,
                                   const ast::DocumentNode& document) {
  auto add = [&](const ast::DocumentNode& from, bool built_in) {
    for (const ast::Definition* definition : from.definitions) {
      const auto* node = ast::as<ast::DirectiveDefinition>(definition);
      if (node == nullptr || schema_.directives_by_name_.contains(node->name.value)) continue;
      schema::Directive& directive = schema_.directive_storage_.emplace_back();
      directive.built_in = built_in;
      fill_directive(directive, *node);
      schema_.directives_by_name_.emplace(directive.name, &directive);
      schema_.directives_.push_back(&directive);
    }
  };
  add(document, false);
  add(prelude, true);
}

void SchemaBuilder::set_root_types(const ast::DocumentNode& document) {
  bool has_schema_definition = false;
  auto apply = [&](ast::List<ast::OperationTypeDefinition> operation_types) {
    for (const ast::OperationTypeDefinition* operation_type : operation_types) {
      const schema::Type* type = named(*operation_type->type);
      switch (operation_type->operation) {
        case ast::OperationType::kQuery:
          schema_.query_ = type;
          break;
        case ast::OperationType::kMutation:
          schema_.mutation_ = type;
          break;
        case ast::OperationType::kSubscription:
          schema_.subscription_ = type;
          break;
      }
    }
  };
  for (const ast::Definition* definition : document.definitions) {
    if (const auto* schema_node = ast::as<ast::SchemaDefinition>(definition)) {
      has_schema_definition = true;
      schema_.definition_ = schema_node;
      schema_.description_ = description_of(schema_node->description);
      apply(schema_node->operation_types);
    } else if (const auto* extension = ast::as<ast::SchemaExtension>(definition)) {
      schema_.extensions_.push_back(extension);
      apply(extension->operation_types);
    }
  }
  if (has_schema_definition) return;
  // Without a schema definition the root types are found by their conventional names.
  if (schema_.query_ == nullptr) schema_.query_ = schema_.type("Query");
  if (schema_.mutation_ == nullptr) schema_.mutation_ = schema_.type("Mutation");
  if (schema_.subscription_ == nullptr) schema_.subscription_ = schema_.type("Subscription");
}

void SchemaBuilder::link_possible_types() {
  for (schema::Type& type : schema_.type_storage_) {
    if (type.kind != schema::TypeKind::kObject && type.kind != schema::TypeKind::kInterface) {
      continue;
    }
    for (const schema::Type* interface : type.interfaces) {
      if (interface->kind != schema::TypeKind::kInterface) continue;  // validation reports it
      schema::Type& target = *schema_.types_by_name_.at(interface->name);
      auto& list = type.kind == schema::TypeKind::kObject ? target.possible_types
                                                          : target.implementing_interfaces;
      if (std::find(list.begin(), list.end(), &type) == list.end()) list.push_back(&type);
    }
  }
}

SchemaResult SchemaBuilder::build(std::string_view sdl, const ParseOptions& options) {
  ParseResult parsed = parse(sdl, options);
  if (!parsed) {
    return std::vector<SchemaError>{SchemaError{parsed.error().message, {parsed.error().location}}};
  }
  ParseResult prelude = parse(detail::kSchemaPrelude, ParseOptions::trusted());
  ParseResult introspection = parse(detail::kIntrospectionPrelude, ParseOptions::trusted());
  std::vector<SchemaError> errors;
  detail::check_sdl_rules(prelude->root(), parsed->root(), errors);
  if (!errors.empty()) return errors;

  std::shared_ptr<Schema> schema(new Schema());
  schema->prelude_ = std::make_unique<Document>(std::move(*prelude));
  schema->document_ = std::make_unique<Document>(std::move(*parsed));
  schema->introspection_ = std::make_unique<Document>(std::move(*introspection));
  const ast::DocumentNode& prelude_root = schema->prelude_->root();
  const ast::DocumentNode& root = schema->document_->root();

  SchemaBuilder builder(*schema);
  builder.add_types(prelude_root, true);
  builder.add_types(root, false);
  // After the user's types, so a user type named like an introspection type is the one kept
  // (and reported by validation as using a reserved name).
  builder.add_introspection_types(schema->introspection_->root());
  builder.attach_extensions(root);
  for (schema::Type& type : schema->type_storage_) {
    builder.fill(type, *type.definition);
    for (const ast::Definition* extension : type.extensions) builder.fill(type, *extension);
  }
  const auto meta = schema->types_by_name_.find(detail::kMetaFieldsTypeName);
  if (meta->second->built_in) {  // else the user took the name, which validation rejects
    schema->typename_field_ = meta->second->field("__typename");
    schema->schema_field_ = meta->second->field("__schema");
    schema->type_field_ = meta->second->field("__type");
    schema->types_by_name_.erase(meta);
  }
  builder.add_directives(prelude_root, root);
  builder.set_root_types(root);
  builder.link_possible_types();
  if (!builder.errors_.empty()) return std::move(builder.errors_);

  detail::validate_schema(*schema, errors);
  if (!errors.empty()) return errors;
  return std::shared_ptr<const Schema>(std::move(schema));
}

SchemaResult build_schema(std::string_view sdl, const ParseOptions& options) {
  return SchemaBuilder::build(sdl, options);
}

}  // namespace ecn::graphql
