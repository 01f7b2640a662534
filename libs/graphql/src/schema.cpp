#include "ecn/graphql/schema.hpp"

#include <algorithm>
#include <stdexcept>

namespace ecn::graphql {
namespace schema {

std::string_view type_kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::kScalar:
      return "SCALAR";
    case TypeKind::kObject:
      return "OBJECT";
    case TypeKind::kInterface:
      return "INTERFACE";
    case TypeKind::kUnion:
      return "UNION";
    case TypeKind::kEnum:
      return "ENUM";
    case TypeKind::kInputObject:
      return "INPUT_OBJECT";
  }
  return "SCALAR";
}

std::string to_string(const TypeRef& type) {
  switch (type.wrapper) {
    case TypeRef::Wrapper::kNamed:
      return std::string(type.named->name);
    case TypeRef::Wrapper::kList:
      return "[" + to_string(*type.of_type) + "]";
    case TypeRef::Wrapper::kNonNull:
      return to_string(*type.of_type) + "!";
  }
  return {};
}

bool operator==(const TypeRef& a, const TypeRef& b) {
  if (a.wrapper != b.wrapper) return false;
  if (a.wrapper == TypeRef::Wrapper::kNamed) return a.named == b.named;
  return *a.of_type == *b.of_type;
}

namespace {

template <class T>
const T* find_by_name(const std::vector<T>& items, std::string_view name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

}  // namespace

const InputValue* Field::argument(std::string_view name) const {
  return find_by_name(arguments, name);
}
const Field* Type::field(std::string_view name) const {
  return find_by_name(fields, name);
}
const EnumValue* Type::enum_value(std::string_view name) const {
  return find_by_name(enum_values, name);
}
const InputValue* Type::input_field(std::string_view name) const {
  return find_by_name(input_fields, name);
}
const InputValue* Directive::argument(std::string_view name) const {
  return find_by_name(arguments, name);
}
bool Directive::allowed_at(ast::DirectiveLocation location) const {
  return std::find(locations.begin(), locations.end(), location) != locations.end();
}

}  // namespace schema

const schema::Type* Schema::type(std::string_view name) const {
  const auto found = types_by_name_.find(name);
  return found == types_by_name_.end() ? nullptr : found->second;
}

const schema::Directive* Schema::directive(std::string_view name) const {
  const auto found = directives_by_name_.find(name);
  return found == directives_by_name_.end() ? nullptr : found->second;
}

const schema::Type* Schema::root_type(ast::OperationType operation) const {
  switch (operation) {
    case ast::OperationType::kQuery:
      return query_;
    case ast::OperationType::kMutation:
      return mutation_;
    case ast::OperationType::kSubscription:
      return subscription_;
  }
  return nullptr;
}

bool Schema::is_possible_type(const schema::Type& abstract, const schema::Type& object) const {
  if (!abstract.is_abstract()) return false;
  const auto& possible = abstract.possible_types;
  return std::find(possible.begin(), possible.end(), &object) != possible.end();
}

bool Schema::is_sub_type(const schema::Type& abstract, const schema::Type& maybe_sub) const {
  if (abstract.kind == schema::TypeKind::kInterface &&
      maybe_sub.kind == schema::TypeKind::kInterface) {
    const auto& implementing = abstract.implementing_interfaces;
    return std::find(implementing.begin(), implementing.end(), &maybe_sub) != implementing.end();
  }
  return is_possible_type(abstract, maybe_sub);
}

bool Schema::is_type_sub_type_of(const schema::TypeRef& maybe_sub,
                                 const schema::TypeRef& super) const {
  if (maybe_sub == super) return true;
  if (super.is_non_null()) {
    return maybe_sub.is_non_null() && is_type_sub_type_of(*maybe_sub.of_type, *super.of_type);
  }
  if (maybe_sub.is_non_null()) return is_type_sub_type_of(*maybe_sub.of_type, super);
  if (super.is_list()) {
    return maybe_sub.is_list() && is_type_sub_type_of(*maybe_sub.of_type, *super.of_type);
  }
  if (maybe_sub.is_list()) return false;
  const schema::Type& sub = *maybe_sub.named;
  return super.named->is_abstract() &&
         (sub.kind == schema::TypeKind::kInterface || sub.kind == schema::TypeKind::kObject) &&
         is_sub_type(*super.named, sub);
}

void throw_exception_from_error(const std::vector<SchemaError>& errors,
                                const boost::source_location&) {
  std::string message = errors.empty() ? "Invalid schema." : errors.front().message;
  if (errors.size() > 1) message += " (and " + std::to_string(errors.size() - 1) + " more)";
  throw std::invalid_argument(message);
}

}  // namespace ecn::graphql
