#include "value_literal.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "ecn/graphql/printer.hpp"

namespace ecn::graphql::execution::detail {
namespace {

namespace json = boost::json;
using schema::TypeKind;

// JavaScript's Number.prototype.toString for a finite double: shortest round trip, fixed
// notation between 1e-6 and 1e21, otherwise exponent form like "1e+25" or "1.5e-7".
void append_js_number(double number, std::string& out) {
  if (number == 0) {
    out += '0';
    return;
  }
  char buffer[64];
  const double magnitude = std::fabs(number);
  const bool fixed = magnitude >= 1e-6 && magnitude < 1e21;
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, number,
                    fixed ? std::chars_format::fixed : std::chars_format::scientific);
  if (ec != std::errc{}) return;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const std::size_t e = text.find('e');
  if (e == std::string_view::npos) {
    out += text;
    return;
  }
  out += text.substr(0, e + 1);
  std::string_view exponent = text.substr(e + 1);
  out += exponent.front() == '-' ? '-' : '+';
  exponent.remove_prefix(1);
  while (exponent.size() > 1 && exponent.front() == '0') exponent.remove_prefix(1);
  out += exponent;
}

bool is_integer_text(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || (text.front() == '0' && text.size() > 1)) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

class LiteralWriter {
 public:
  LiteralWriter(const ScalarRegistry& scalars, std::string& out) : scalars_(scalars), out_(out) {}

  // Appends the literal; false where astFromValue returns null (nothing appended then).
  bool write(const json::value& value, const schema::TypeRef& type) {
    const std::size_t mark = out_.size();
    if (type.is_non_null()) {
      if (value.is_null() || !write(value, *type.of_type)) {
        out_.resize(mark);
        return false;
      }
      return true;
    }
    if (value.is_null()) {
      out_ += "null";
      return true;
    }
    if (type.is_list()) {
      const json::array* items = value.if_array();
      if (items == nullptr) return write(value, *type.of_type);
      out_ += '[';
      bool first = true;
      for (const json::value& item : *items) {
        const std::size_t before = out_.size();
        if (!first) out_ += ", ";
        if (write(item, *type.of_type)) {
          first = false;
        } else {
          out_.resize(before);
        }
      }
      out_ += ']';
      return true;
    }
    const schema::Type& named = *type.named;
    if (named.kind == TypeKind::kInputObject) {
      const json::object* fields = value.if_object();
      if (fields == nullptr) return false;
      out_ += '{';
      bool first = true;
      for (const schema::InputValue& field : named.input_fields) {
        const json::value* field_value = fields->if_contains(field.name);
        if (field_value == nullptr) continue;
        const std::size_t before = out_.size();
        if (!first) out_ += ", ";
        out_ += field.name;
        out_ += ": ";
        if (write(*field_value, *field.type)) {
          first = false;
        } else {
          out_.resize(before);
        }
      }
      out_ += '}';
      return true;
    }
    return write_leaf(value, named);
  }

 private:
  bool write_leaf(const json::value& value, const schema::Type& type) {
    ScalarResult serialized = serialize_leaf(type, value, scalars_);
    if (!serialized || serialized->is_null()) return false;
    const json::value& leaf = *serialized;
    switch (leaf.kind()) {
      case json::kind::bool_:
        out_ += leaf.get_bool() ? "true" : "false";
        return true;
      case json::kind::int64:
        out_ += std::to_string(leaf.get_int64());
        return true;
      case json::kind::uint64:
        out_ += std::to_string(leaf.get_uint64());
        return true;
      case json::kind::double_:
        if (!std::isfinite(leaf.get_double())) return false;
        append_js_number(leaf.get_double(), out_);
        return true;
      case json::kind::string: {
        const std::string_view text = leaf.get_string();
        if (type.kind == TypeKind::kEnum || (type.name == "ID" && is_integer_text(text))) {
          out_ += text;
        } else {
          print_string(text, out_);
        }
        return true;
      }
      default:
        return false;  // graphql-js cannot write an object or list scalar either
    }
  }

  const ScalarRegistry& scalars_;
  std::string& out_;
};

}  // namespace

std::optional<std::string> literal_from_value(const json::value& value, const schema::TypeRef& type,
                                              const ScalarRegistry& scalars) {
  std::string out;
  if (!LiteralWriter(scalars, out).write(value, type)) return std::nullopt;
  return out;
}

}  // namespace ecn::graphql::execution::detail
