#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <string>

#include "ecn/graphql/execution/scalars.hpp"

namespace ecn::graphql::execution {
namespace {

constexpr int kMaxDepth = 2;  // graphql-js MAX_RECURSIVE_DEPTH
constexpr std::size_t kMaxArrayItems = 10;

void inspect_into(const boost::json::value& value, int depth, std::string& out) {
  switch (value.kind()) {
    case boost::json::kind::null:
      out += "null";
      return;
    case boost::json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      return;
    case boost::json::kind::int64:
      out += std::to_string(value.get_int64());
      return;
    case boost::json::kind::uint64:
      out += std::to_string(value.get_uint64());
      return;
    case boost::json::kind::double_:
      out += js_number(value.get_double());
      return;
    case boost::json::kind::string:
      out += boost::json::serialize(value);
      return;
    case boost::json::kind::array: {
      const auto& array = value.get_array();
      if (array.empty()) {
        out += "[]";
        return;
      }
      if (depth >= kMaxDepth) {
        out += "[Array]";
        return;
      }
      out += '[';
      const std::size_t shown = std::min(array.size(), kMaxArrayItems);
      for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) out += ", ";
        inspect_into(array[i], depth + 1, out);
      }
      if (array.size() > kMaxArrayItems) {
        const std::size_t more = array.size() - kMaxArrayItems;
        out += ", ... " + std::to_string(more) + (more == 1 ? " more item" : " more items");
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      const auto& object = value.get_object();
      if (object.empty()) {
        out += "{}";
        return;
      }
      if (depth >= kMaxDepth) {
        out += "[Object]";
        return;
      }
      out += "{ ";
      bool first = true;
      for (const auto& member : object) {
        if (!first) out += ", ";
        first = false;
        out += member.key();
        out += ": ";
        inspect_into(member.value(), depth + 1, out);
      }
      out += " }";
      return;
    }
  }
}

}  // namespace

std::string inspect(const boost::json::value& value) {
  std::string out;
  inspect_into(value, 0, out);
  return out;
}

// ECMAScript Number::toString: shortest round-trip digits, placed by the decimal exponent.
std::string js_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";
  char buffer[64];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  std::string out;
  std::size_t pos = 0;
  if (text[0] == '-') {
    out += '-';
    pos = 1;
  }
  const std::size_t e = text.find('e');
  std::string digits;
  for (std::size_t i = pos; i < e; ++i) {
    if (text[i] != '.') digits += text[i];
  }
  const int exponent = std::stoi(std::string(text.substr(e + 1)));
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n)) + "." +
           digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace ecn::graphql::execution
