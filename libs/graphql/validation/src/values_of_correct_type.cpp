// ValuesOfCorrectType: every literal fits the input type of its position, as the built-in
// scalars' and enums' literal parsing in graphql-js decides (custom scalars accept anything).
#include <string>

#include "ecn/graphql/printer.hpp"
#include "ecn/graphql/suggestions.hpp"
#include "rule.hpp"
#include "text.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

bool fits_int32(std::string_view literal) {
  std::size_t i = literal.starts_with('-') ? 1 : 0;
  const bool negative = i == 1;
  long long value = 0;
  for (; i < literal.size(); ++i) {
    value = value * 10 + (literal[i] - '0');
    if (value > 2147483648LL) return false;
  }
  return negative ? value <= 2147483648LL : value <= 2147483647LL;
}

class ValuesOfCorrectType final : public RuleVisitor {
 public:
  explicit ValuesOfCorrectType(Context& context)
      : RuleVisitor(context,
                    kind_bit(Kind::kListValue) | kind_bit(Kind::kObjectValue) |
                        kind_bit(Kind::kObjectField) | kind_bit(Kind::kNullValue) |
                        kind_bit(Kind::kEnumValue) | kind_bit(Kind::kIntValue) |
                        kind_bit(Kind::kFloatValue) | kind_bit(Kind::kStringValue) |
                        kind_bit(Kind::kBooleanValue),
                    0) {}

  bool enter(const ast::Node& node) override {
    switch (node.kind) {
      case Kind::kListValue: {
        const schema::TypeRef* parent = context_.parent_input_type();
        if (parent == nullptr || !parent->nullable().is_list()) {
          check_leaf(node);
          return false;
        }
        return true;
      }
      case Kind::kObjectValue:
        return enter_object(ast::cast<ast::ObjectValue>(node));
      case Kind::kObjectField: {
        const schema::TypeRef* parent = context_.parent_input_type();
        if (context_.input_type() == nullptr && parent != nullptr &&
            parent->named->kind == schema::TypeKind::kInputObject) {
          const schema::Type& type = *parent->named;
          const std::string_view name = ast::cast<ast::ObjectField>(node).name.value;
          std::vector<std::string_view> names;
          for (const schema::InputValue& field : type.input_fields) names.push_back(field.name);
          context_.report("Field \"" + std::string(name) + "\" is not defined by type \"" +
                              std::string(type.name) + "\"." +
                              suggest(context_.hide_suggestions(), name, names),
                          {&node});
        }
        return true;
      }
      case Kind::kNullValue: {
        const schema::TypeRef* type = context_.input_type();
        if (type != nullptr && type->is_non_null()) {
          context_.report(
              "Expected value of type \"" + Context::type_string(*type) + "\", found null.",
              {&node});
        }
        return true;
      }
      default:
        check_leaf(node);
        return true;
    }
  }

 private:
  bool enter_object(const ast::ObjectValue& node) {
    const schema::TypeRef* location = context_.input_type();
    if (location == nullptr || location->named->kind != schema::TypeKind::kInputObject) {
      check_leaf(node);
      return false;
    }
    const schema::Type& type = *location->named;
    for (const schema::InputValue& field : type.input_fields) {
      if (!field.is_required()) continue;
      bool present = false;
      for (const ast::ObjectField* given : node.fields) present |= given->name.value == field.name;
      if (!present) {
        context_.report("Field \"" + std::string(type.name) + "." + std::string(field.name) +
                            "\" of required type \"" + Context::type_string(*field.type) +
                            "\" was not provided.",
                        {&node});
      }
    }
    if (type.one_of) check_one_of(node, type);
    return true;
  }

  void check_one_of(const ast::ObjectValue& node, const schema::Type& type) {
    // graphql-js counts distinct keys; the value is the last one written for that key.
    std::vector<const ast::ObjectField*> keys;
    for (const ast::ObjectField* field : node.fields) {
      bool seen = false;
      for (auto*& key : keys) {
        if (key->name.value == field->name.value) {
          key = field;
          seen = true;
        }
      }
      if (!seen) keys.push_back(field);
    }
    if (keys.size() != 1) {
      context_.report(
          "OneOf Input Object \"" + std::string(type.name) + "\" must specify exactly one key.",
          {&node});
      return;
    }
    if (keys.front()->value->kind == Kind::kNullValue) {
      context_.report("Field \"" + std::string(type.name) + "." +
                          std::string(keys.front()->name.value) + "\" must be non-null.",
                      {&node});
    }
  }

  // graphql-js isValidValueNode: leaf types parse the literal; anything else is a mismatch.
  void check_leaf(const ast::Node& node) {
    const schema::TypeRef* location = context_.input_type();
    if (location == nullptr) return;
    const schema::Type& type = *location->named;
    if (!type.is_leaf()) {
      context_.report("Expected value of type \"" + Context::type_string(*location) + "\", found " +
                          print(node) + ".",
                      {&node});
      return;
    }
    if (type.kind == schema::TypeKind::kEnum) {
      check_enum(node, type);
      return;
    }
    if (!type.built_in) return;
    const Kind kind = node.kind;
    const std::string_view name = type.name;
    if (name == "Int") {
      if (kind != Kind::kIntValue) {
        context_.report("Int cannot represent non-integer value: " + print(node), {&node});
      } else if (const std::string_view literal = ast::cast<ast::IntValue>(node).value;
                 !fits_int32(literal)) {
        context_.report(
            "Int cannot represent non 32-bit signed integer value: " + std::string(literal),
            {&node});
      }
    } else if (name == "Float") {
      if (kind != Kind::kIntValue && kind != Kind::kFloatValue) {
        context_.report("Float cannot represent non numeric value: " + print(node), {&node});
      }
    } else if (name == "String") {
      if (kind != Kind::kStringValue) {
        context_.report("String cannot represent a non string value: " + print(node), {&node});
      }
    } else if (name == "Boolean") {
      if (kind != Kind::kBooleanValue) {
        context_.report("Boolean cannot represent a non boolean value: " + print(node), {&node});
      }
    } else if (name == "ID") {
      if (kind != Kind::kStringValue && kind != Kind::kIntValue) {
        context_.report("ID cannot represent a non-string and non-integer value: " + print(node),
                        {&node});
      }
    }
  }

  void check_enum(const ast::Node& node, const schema::Type& type) {
    if (const auto* value = ast::as<ast::EnumValue>(&node);
        value != nullptr && type.enum_value(value->value) != nullptr) {
      return;
    }
    const std::string text = print(node);
    std::string hint;
    if (!context_.hide_suggestions()) {
      std::vector<std::string_view> names;
      for (const schema::EnumValue& value : type.enum_values) names.push_back(value.name);
      hint = did_you_mean("the enum value", suggestion_list(text, names));
    }
    if (node.kind != Kind::kEnumValue) {
      context_.report("Enum \"" + std::string(type.name) +
                          "\" cannot represent non-enum value: " + text + "." + hint,
                      {&node});
    } else {
      context_.report("Value \"" + text + "\" does not exist in \"" + std::string(type.name) +
                          "\" enum." + hint,
                      {&node});
    }
  }
};

}  // namespace

RulePtr make_values_of_correct_type(Context& context) {
  return std::make_unique<ValuesOfCorrectType>(context);
}

}  // namespace ecn::graphql::validation::detail
