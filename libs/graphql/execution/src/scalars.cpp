#include "ecn/graphql/execution/scalars.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

#include "ecn/graphql/suggestions.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;

ScalarResult fail(std::string message) {
  return ScalarResult(boost::system::in_place_error, std::move(message));
}

constexpr double kMaxInt = 2147483647.0;
constexpr double kMinInt = -2147483648.0;

bool is_number(const json::value& v) {
  return v.is_number();
}

double as_double(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return v.get_double();
}

bool is_integer(const json::value& v) {
  if (v.is_int64() || v.is_uint64()) return true;
  if (!v.is_double()) return false;
  const double d = v.get_double();
  return std::isfinite(d) && std::trunc(d) == d;
}

// JavaScript's Number(string) for the strings a resolver may hand to Int or Float.
std::optional<double> js_number_from_string(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.empty()) return 0.0;
  std::string copy(text);
  char* end = nullptr;
  const double d = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return d;
}

json::value integral(double d) {
  return json::value(static_cast<std::int64_t>(d));
}

ScalarResult serialize_int(const json::value& value) {
  if (value.is_bool()) return json::value(value.get_bool() ? 1 : 0);
  std::optional<double> number;
  if (is_number(value)) {
    if (!is_integer(value))
      return fail("Int cannot represent non-integer value: " + inspect(value));
    number = as_double(value);
  } else if (value.is_string() && !value.get_string().empty()) {
    number = js_number_from_string(value.get_string());
  }
  if (!number || !std::isfinite(*number) || std::trunc(*number) != *number) {
    return fail("Int cannot represent non-integer value: " + inspect(value));
  }
  if (*number > kMaxInt || *number < kMinInt) {
    return fail("Int cannot represent non 32-bit signed integer value: " + inspect(value));
  }
  return integral(*number);
}

ScalarResult serialize_float(const json::value& value) {
  if (value.is_bool()) return json::value(value.get_bool() ? 1.0 : 0.0);
  std::optional<double> number;
  if (is_number(value)) {
    number = as_double(value);
  } else if (value.is_string() && !value.get_string().empty()) {
    number = js_number_from_string(value.get_string());
  }
  if (!number || !std::isfinite(*number)) {
    return fail("Float cannot represent non numeric value: " + inspect(value));
  }
  if (is_number(value) && !value.is_double()) return value;
  // Integral doubles go out as integers: JSON readers see the same number, and "1" reads
  // better than Boost.JSON's "1E0".
  if (std::trunc(*number) == *number && std::abs(*number) < 9007199254740992.0) {
    return integral(*number);
  }
  return json::value(*number);
}

ScalarResult serialize_string(const json::value& value) {
  if (value.is_string()) return value;
  if (value.is_bool()) return json::value(value.get_bool() ? "true" : "false");
  if (is_number(value) && std::isfinite(as_double(value))) {
    if (value.is_int64()) return json::value(std::to_string(value.get_int64()));
    if (value.is_uint64()) return json::value(std::to_string(value.get_uint64()));
    return json::value(js_number(value.get_double()));
  }
  return fail("String cannot represent value: " + inspect(value));
}

ScalarResult serialize_boolean(const json::value& value) {
  if (value.is_bool()) return value;
  if (is_number(value) && std::isfinite(as_double(value))) {
    return json::value(as_double(value) != 0);
  }
  return fail("Boolean cannot represent a non boolean value: " + inspect(value));
}

ScalarResult id_from_value(const json::value& value) {
  if (value.is_string()) return value;
  if (value.is_int64()) return json::value(std::to_string(value.get_int64()));
  if (value.is_uint64()) return json::value(std::to_string(value.get_uint64()));
  if (value.is_double() && is_integer(value)) return json::value(js_number(value.get_double()));
  return fail("ID cannot represent value: " + inspect(value));
}

std::string did_you_mean_enum_value(const schema::Type& type, std::string_view input) {
  std::vector<std::string_view> names;
  names.reserve(type.enum_values.size());
  for (const auto& value : type.enum_values) names.push_back(value.name);
  std::string hint = did_you_mean(suggestion_list(input, names));
  if (!hint.empty()) hint.insert(std::string_view(" Did you mean ").size(), "the enum value ");
  return hint;
}

ScalarResult parse_enum_value(const schema::Type& type, const json::value& value) {
  if (!value.is_string()) {
    const std::string shown = inspect(value);
    return fail("Enum \"" + std::string(type.name) + "\" cannot represent non-string value: " +
                shown + "." + did_you_mean_enum_value(type, shown));
  }
  const std::string_view name = value.get_string();
  if (type.enum_value(name) == nullptr) {
    return fail("Value \"" + std::string(name) + "\" does not exist in \"" +
                std::string(type.name) + "\" enum." + did_you_mean_enum_value(type, name));
  }
  return value;
}

bool valid_rfc3339(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t count) {
    if (at + count > s.size()) return false;
    for (std::size_t i = at; i < at + count; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4) || s.size() < 20 || s[4] != '-' || !digits(5, 2) || s[7] != '-' ||
      !digits(8, 2) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2) || s[13] != ':' ||
      !digits(14, 2) || s[16] != ':' || !digits(17, 2)) {
    return false;
  }
  auto number = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (number(5) < 1 || number(5) > 12 || number(8) < 1 || number(8) > 31 || number(11) > 23 ||
      number(14) > 59 || number(17) > 60) {
    return false;
  }
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) return pos + 1 == s.size();
  return pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && digits(pos + 1, 2) &&
         s[pos + 3] == ':' && digits(pos + 4, 2);
}

ScalarResult date_time(const json::value& value) {
  if (value.is_string() && valid_rfc3339(value.get_string())) return value;
  return fail("DateTime cannot represent an invalid date-time string: " + inspect(value));
}

}  // namespace

ScalarHooks date_time_scalar() {
  ScalarHooks hooks;
  hooks.serialize = date_time;
  hooks.parse_value = date_time;
  hooks.parse_literal = [](const ast::Value& literal, const json::object&) -> ScalarResult {
    const auto* string = ast::as<ast::StringValue>(&literal);
    if (string == nullptr) return fail(std::string("DateTime cannot represent a non string value"));
    return date_time(json::value(string->value));
  };
  return hooks;
}

ScalarHooks json_scalar() {
  return {};
}

ScalarResult serialize_leaf(const schema::Type& type, const json::value& value,
                            const ScalarRegistry& scalars) {
  if (type.kind == schema::TypeKind::kEnum) {
    if (value.is_string() && type.enum_value(value.get_string()) != nullptr) return value;
    return fail("Enum \"" + std::string(type.name) +
                "\" cannot represent value: " + inspect(value));
  }
  if (type.built_in) {
    if (type.name == "Int") return serialize_int(value);
    if (type.name == "Float") return serialize_float(value);
    if (type.name == "String") return serialize_string(value);
    if (type.name == "Boolean") return serialize_boolean(value);
    return id_from_value(value);
  }
  const auto hooks = scalars.find(type.name);
  if (hooks == scalars.end() || !hooks->second.serialize) return value;
  return hooks->second.serialize(value);
}

ScalarResult parse_leaf_value(const schema::Type& type, const json::value& value,
                              const ScalarRegistry& scalars) {
  if (type.kind == schema::TypeKind::kEnum) return parse_enum_value(type, value);
  if (type.built_in) {
    if (type.name == "Int") {
      if (!is_number(value) || !is_integer(value)) {
        return fail("Int cannot represent non-integer value: " + inspect(value));
      }
      const double d = as_double(value);
      if (d > kMaxInt || d < kMinInt) {
        return fail("Int cannot represent non 32-bit signed integer value: " + inspect(value));
      }
      return integral(d);
    }
    if (type.name == "Float") {
      if (!is_number(value) || !std::isfinite(as_double(value))) {
        return fail("Float cannot represent non numeric value: " + inspect(value));
      }
      return value;
    }
    if (type.name == "String") {
      if (!value.is_string())
        return fail("String cannot represent a non string value: " + inspect(value));
      return value;
    }
    if (type.name == "Boolean") {
      if (!value.is_bool())
        return fail("Boolean cannot represent a non boolean value: " + inspect(value));
      return value;
    }
    return id_from_value(value);
  }
  const auto hooks = scalars.find(type.name);
  if (hooks == scalars.end() || !hooks->second.parse_value) return value;
  return hooks->second.parse_value(value);
}

ScalarResult parse_leaf_literal(const schema::Type& type, const ast::Value& literal,
                                const json::object& variables, const ScalarRegistry& scalars) {
  const std::string invalid;  // the caller words the error
  if (type.kind == schema::TypeKind::kEnum) {
    const auto* value = ast::as<ast::EnumValue>(&literal);
    if (value == nullptr || type.enum_value(value->value) == nullptr) return fail(invalid);
    return json::value(value->value);
  }
  if (type.built_in) {
    const auto* int_value = ast::as<ast::IntValue>(&literal);
    if (type.name == "Int" || (type.name == "Float" && int_value != nullptr)) {
      if (int_value == nullptr) return fail(invalid);
      std::int64_t n = 0;
      const auto text = int_value->value;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (type.name == "Float") {
        return json::value(std::strtod(std::string(text).c_str(), nullptr));
      }
      if (ec != std::errc() || n > 2147483647 || n < -2147483648LL) return fail(invalid);
      return json::value(n);
    }
    if (type.name == "Float") {
      const auto* float_value = ast::as<ast::FloatValue>(&literal);
      if (float_value == nullptr) return fail(invalid);
      return json::value(std::strtod(std::string(float_value->value).c_str(), nullptr));
    }
    if (type.name == "String") {
      const auto* string = ast::as<ast::StringValue>(&literal);
      if (string == nullptr) return fail(invalid);
      return json::value(string->value);
    }
    if (type.name == "Boolean") {
      const auto* boolean = ast::as<ast::BooleanValue>(&literal);
      if (boolean == nullptr) return fail(invalid);
      return json::value(boolean->value);
    }
    if (const auto* string = ast::as<ast::StringValue>(&literal)) return json::value(string->value);
    if (int_value != nullptr) return json::value(int_value->value);
    return fail(invalid);
  }
  const auto hooks = scalars.find(type.name);
  if (hooks == scalars.end() || !hooks->second.parse_literal) {
    return value_from_ast_untyped(literal, variables);
  }
  return hooks->second.parse_literal(literal, variables);
}

json::value value_from_ast_untyped(const ast::Value& literal, const json::object& variables) {
  switch (literal.kind) {
    case ast::Kind::kNullValue:
      return nullptr;
    case ast::Kind::kIntValue: {
      const auto text = ast::cast<ast::IntValue>(literal).value;
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec == std::errc()) return json::value(n);
      return json::value(std::strtod(std::string(text).c_str(), nullptr));
    }
    case ast::Kind::kFloatValue:
      return json::value(
          std::strtod(std::string(ast::cast<ast::FloatValue>(literal).value).c_str(), nullptr));
    case ast::Kind::kStringValue:
      return json::value(ast::cast<ast::StringValue>(literal).value);
    case ast::Kind::kBooleanValue:
      return json::value(ast::cast<ast::BooleanValue>(literal).value);
    case ast::Kind::kEnumValue:
      return json::value(ast::cast<ast::EnumValue>(literal).value);
    case ast::Kind::kListValue: {
      json::array array;
      for (const ast::Value* item : ast::cast<ast::ListValue>(literal).values) {
        array.push_back(value_from_ast_untyped(*item, variables));
      }
      return array;
    }
    case ast::Kind::kObjectValue: {
      json::object object;
      for (const ast::ObjectField* field : ast::cast<ast::ObjectValue>(literal).fields) {
        object[field->name.value] = value_from_ast_untyped(*field->value, variables);
      }
      return object;
    }
    case ast::Kind::kVariable: {
      const auto found = variables.find(ast::cast<ast::Variable>(literal).name.value);
      return found == variables.end() ? json::value(nullptr) : found->value();
    }
    default:
      return nullptr;
  }
}

}  // namespace ecn::graphql::execution
