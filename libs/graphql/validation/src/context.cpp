#include "context.hpp"

#include <algorithm>

namespace ecn::graphql::validation::detail {
namespace {

using schema::TypeRef;

const TypeRef* push_ref(std::deque<TypeRef>& refs, TypeRef ref) {
  refs.push_back(ref);
  return &refs.back();
}

const TypeRef* named(std::deque<TypeRef>& refs, const schema::Type* type) {
  return push_ref(refs, TypeRef{TypeRef::Wrapper::kNamed, nullptr, type});
}

const TypeRef* non_null(std::deque<TypeRef>& refs, const TypeRef* of) {
  return push_ref(refs, TypeRef{TypeRef::Wrapper::kNonNull, of, of->named});
}

}  // namespace

MetaFields::MetaFields(const Schema& schema) {
  schema_placeholder.kind = schema::TypeKind::kObject;
  schema_placeholder.name = "__Schema";
  type_placeholder.kind = schema::TypeKind::kObject;
  type_placeholder.name = "__Type";
  const schema::Type* schema_type = schema.type("__Schema");
  const schema::Type* type_type = schema.type("__Type");
  const schema::Type* string_type = schema.type("String");

  typename_field.name = "__typename";
  typename_field.type = non_null(refs, named(refs, string_type));
  schema_field.name = "__schema";
  schema_field.type =
      non_null(refs, named(refs, schema_type != nullptr ? schema_type : &schema_placeholder));
  type_field.name = "__type";
  type_field.type = named(refs, type_type != nullptr ? type_type : &type_placeholder);
  schema::InputValue name_argument;
  name_argument.name = "name";
  name_argument.type = non_null(refs, named(refs, string_type));
  type_field.arguments.push_back(name_argument);
}

Context::Context(const Schema& schema, const Document& document, const ValidationOptions& options)
    : schema_(schema), document_(document), options_(options) {
  const auto definitions = document.definitions();
  usages_.resize(definitions.size());
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    if (const auto* fragment = ast::as<ast::FragmentDefinition>(definitions[i])) {
      fragments_[fragment->name.value] = fragment;
      fragment_index_[fragment] = i;
    }
  }
  type_stack_.reserve(32);
  parent_type_stack_.reserve(32);
  input_type_stack_.reserve(16);
  field_def_stack_.reserve(32);
}

Context::~Context() = default;

const MetaFields& Context::meta() {
  if (meta_ == nullptr) meta_ = std::make_unique<MetaFields>(schema_);
  return *meta_;
}

bool Context::is_placeholder(const schema::Type* type) const {
  return meta_ != nullptr &&
         (type == &meta_->schema_placeholder || type == &meta_->type_placeholder);
}

const schema::TypeRef* Context::named_ref(const schema::Type& type) {
  auto [it, inserted] = named_refs_.try_emplace(&type, nullptr);
  if (inserted) it->second = named(type_refs_, &type);
  return it->second;
}

const schema::TypeRef* Context::type_from_ast(const ast::Type& type) {
  const auto cached = ast_refs_.find(&type);
  if (cached != ast_refs_.end()) return cached->second;
  const TypeRef* result = nullptr;
  if (const auto* named_type = ast::as<ast::NamedType>(&type)) {
    const schema::Type* found = schema_.type(named_type->name.value);
    result = found == nullptr ? nullptr : named_ref(*found);
  } else if (const auto* list = ast::as<ast::ListType>(&type)) {
    const TypeRef* of = type_from_ast(*list->type);
    result = of == nullptr ? nullptr
                           : push_ref(type_refs_, TypeRef{TypeRef::Wrapper::kList, of, of->named});
  } else if (const auto* non_null_type = ast::as<ast::NonNullType>(&type)) {
    const TypeRef* of = type_from_ast(*non_null_type->type);
    result = of == nullptr ? nullptr : non_null(type_refs_, of);
  }
  ast_refs_.emplace(&type, result);
  return result;
}

const schema::Field* Context::field_def(const schema::Type* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
    if (name == "__schema" && parent == schema_.query_type()) return &meta().schema_field;
    if (name == "__type" && parent == schema_.query_type()) return &meta().type_field;
    if (name == "__typename" && parent->is_composite()) return &meta().typename_field;
  }
  if (parent->kind == schema::TypeKind::kObject || parent->kind == schema::TypeKind::kInterface) {
    return parent->field(name);
  }
  return nullptr;
}

void Context::type_info_enter(const ast::Node& node) {
  switch (node.kind) {
    case ast::Kind::kSelectionSet: {
      const TypeRef* current = type();
      const schema::Type* named_type = current == nullptr ? nullptr : current->named;
      parent_type_stack_.push_back(named_type != nullptr && named_type->is_composite() &&
                                           !is_placeholder(named_type)
                                       ? named_type
                                       : nullptr);
      break;
    }
    case ast::Kind::kField: {
      const schema::Field* def = field_def(parent_type(), ast::cast<ast::Field>(node).name.value);
      field_def_stack_.push_back(def);
      type_stack_.push_back(def == nullptr ? nullptr : def->type);
      break;
    }
    case ast::Kind::kDirective:
      directive_ = schema_.directive(ast::cast<ast::Directive>(node).name.value);
      break;
    case ast::Kind::kOperationDefinition: {
      const schema::Type* root =
          schema_.root_type(ast::cast<ast::OperationDefinition>(node).operation);
      type_stack_.push_back(
          root != nullptr && root->kind == schema::TypeKind::kObject ? named_ref(*root) : nullptr);
      break;
    }
    case ast::Kind::kInlineFragment:
    case ast::Kind::kFragmentDefinition: {
      const ast::NamedType* condition =
          node.kind == ast::Kind::kInlineFragment
              ? ast::cast<ast::InlineFragment>(node).type_condition
              : ast::cast<ast::FragmentDefinition>(node).type_condition;
      const TypeRef* result = nullptr;
      if (condition != nullptr) {
        result = type_from_ast(*condition);
      } else if (const TypeRef* current = type(); current != nullptr) {
        result = named_ref(*current->named);
      }
      type_stack_.push_back(result != nullptr && result->named->is_output() ? result : nullptr);
      break;
    }
    case ast::Kind::kVariableDefinition: {
      const TypeRef* result = type_from_ast(*ast::cast<ast::VariableDefinition>(node).type);
      input_type_stack_.push_back(result != nullptr && result->named->is_input() ? result
                                                                                 : nullptr);
      break;
    }
    case ast::Kind::kArgument: {
      const std::string_view name = ast::cast<ast::Argument>(node).name.value;
      const schema::InputValue* def = nullptr;
      if (directive_ != nullptr) {
        def = directive_->argument(name);
      } else if (const schema::Field* field = field_def(); field != nullptr) {
        def = field->argument(name);
      }
      argument_ = def;
      default_stack_.push_back(def != nullptr && def->default_value != nullptr);
      input_type_stack_.push_back(def != nullptr && def->type->named->is_input() ? def->type
                                                                                 : nullptr);
      break;
    }
    case ast::Kind::kListValue: {
      const TypeRef* current = input_type();
      const TypeRef* item = nullptr;
      if (current != nullptr) {
        const TypeRef& nullable = current->nullable();
        item = nullable.is_list() ? nullable.of_type : &nullable;
      }
      default_stack_.push_back(false);
      input_type_stack_.push_back(item);
      break;
    }
    case ast::Kind::kObjectField: {
      const TypeRef* current = input_type();
      const schema::InputValue* field = nullptr;
      if (current != nullptr && current->named->kind == schema::TypeKind::kInputObject) {
        field = current->named->input_field(ast::cast<ast::ObjectField>(node).name.value);
      }
      default_stack_.push_back(field != nullptr && field->default_value != nullptr);
      input_type_stack_.push_back(field != nullptr ? field->type : nullptr);
      break;
    }
    default:
      break;
  }
}

void Context::type_info_leave(const ast::Node& node) {
  switch (node.kind) {
    case ast::Kind::kSelectionSet:
      parent_type_stack_.pop_back();
      break;
    case ast::Kind::kField:
      field_def_stack_.pop_back();
      type_stack_.pop_back();
      break;
    case ast::Kind::kDirective:
      directive_ = nullptr;
      break;
    case ast::Kind::kOperationDefinition:
    case ast::Kind::kInlineFragment:
    case ast::Kind::kFragmentDefinition:
      type_stack_.pop_back();
      break;
    case ast::Kind::kVariableDefinition:
      input_type_stack_.pop_back();
      break;
    case ast::Kind::kArgument:
      argument_ = nullptr;
      default_stack_.pop_back();
      input_type_stack_.pop_back();
      break;
    case ast::Kind::kListValue:
    case ast::Kind::kObjectField:
      default_stack_.pop_back();
      input_type_stack_.pop_back();
      break;
    default:
      break;
  }
}

const ast::FragmentDefinition* Context::fragment(std::string_view name) const {
  const auto found = fragments_.find(name);
  return found == fragments_.end() ? nullptr : found->second;
}

const std::vector<const ast::FragmentSpread*>& Context::fragment_spreads(
    const ast::SelectionSet& set) {
  auto [it, inserted] = spreads_.try_emplace(&set);
  if (inserted) {
    std::vector<const ast::SelectionSet*> to_visit{&set};
    while (!to_visit.empty()) {
      const ast::SelectionSet* current = to_visit.back();
      to_visit.pop_back();
      for (const ast::Selection* selection : current->selections) {
        if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
          it->second.push_back(spread);
        } else if (const auto* field = ast::as<ast::Field>(selection)) {
          if (field->selection_set != nullptr) to_visit.push_back(field->selection_set);
        } else if (const auto* inline_fragment = ast::as<ast::InlineFragment>(selection)) {
          to_visit.push_back(inline_fragment->selection_set);
        }
      }
    }
  }
  return it->second;
}

std::vector<const ast::FragmentDefinition*> Context::recursively_referenced_fragments(
    const ast::SelectionSet& set) {
  std::vector<const ast::FragmentDefinition*> fragments;
  std::vector<std::string_view> collected;
  std::vector<const ast::SelectionSet*> to_visit{&set};
  while (!to_visit.empty()) {
    const ast::SelectionSet* current = to_visit.back();
    to_visit.pop_back();
    for (const ast::FragmentSpread* spread : fragment_spreads(*current)) {
      const std::string_view name = spread->name.value;
      if (std::find(collected.begin(), collected.end(), name) != collected.end()) continue;
      collected.push_back(name);
      if (const ast::FragmentDefinition* found = fragment(name)) {
        fragments.push_back(found);
        to_visit.push_back(found->selection_set);
      }
    }
  }
  return fragments;
}

void Context::record_variable(const ast::Variable& variable) {
  if (in_variable_definition_) return;
  usages_[current_definition_].push_back(
      VariableUsage{&variable, input_type(), has_default_value(), parent_input_type()});
}

std::vector<VariableUsage> Context::recursive_variable_usages(
    const ast::OperationDefinition& operation) {
  std::vector<VariableUsage> result;
  const auto definitions = document_.definitions();
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    if (definitions[i] == &operation) {
      result = usages_[i];
      break;
    }
  }
  for (const ast::FragmentDefinition* fragment :
       recursively_referenced_fragments(*operation.selection_set)) {
    const auto& own = usages_[fragment_index_.at(fragment)];
    result.insert(result.end(), own.begin(), own.end());
  }
  return result;
}

void Context::report(std::string message, std::initializer_list<const ast::Node*> nodes) {
  std::vector<Location> locations;
  locations.reserve(nodes.size());
  for (const ast::Node* node : nodes) locations.push_back(node->loc);
  report_at(order_, std::move(message), std::move(locations));
}

void Context::report_at(std::uint64_t order, std::string message, std::vector<Location> locations) {
  if (order < last_order_) out_of_order_ = true;
  last_order_ = std::max(last_order_, order);
  errors_.push_back(KeyedError{order, ValidationError{std::move(message), std::move(locations)}});
}

std::vector<ValidationError> Context::take_errors() {
  if (out_of_order_) {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const KeyedError& a, const KeyedError& b) { return a.order < b.order; });
  }
  std::vector<ValidationError> result;
  const std::size_t limit = options_.max_errors;
  result.reserve(std::min(errors_.size(), limit) + 1);
  for (auto& keyed : errors_) {
    if (result.size() == limit) {
      result.push_back(ValidationError{
          "Too many validation errors, error limit reached. Validation aborted.", {}});
      break;
    }
    result.push_back(std::move(keyed.error));
  }
  errors_.clear();
  return result;
}

}  // namespace ecn::graphql::validation::detail
