#include "ecn/graphql/block_string.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "char_classes.hpp"
#include "utf8.hpp"

namespace ecn::graphql {
namespace {

constexpr std::string_view kEscapedQuotes = "\\\"\"\"";

// Calls fn(index, line) for each line of `text`, split at \r\n, \r or \n.
template <class Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  std::size_t index = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\n' && c != '\r') continue;
    fn(index++, text.substr(start, i - start));
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  fn(index, text.substr(start));
}

std::size_t leading_white_space(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && chars::is_white_space(line[i])) ++i;
  return i;
}

// Copies `line` to `out`, turning each \""" into """.
char* copy_unescaped(std::string_view line, char* out) {
  for (;;) {
    const std::size_t at = line.find(kEscapedQuotes);
    if (at == std::string_view::npos) break;
    std::memcpy(out, line.data(), at);
    out += at;
    std::memcpy(out, "\"\"\"", 3);
    out += 3;
    line.remove_prefix(at + kEscapedQuotes.size());
  }
  std::memcpy(out, line.data(), line.size());
  return out + line.size();
}

}  // namespace

std::size_t block_string_value(std::string_view raw, char* out) {
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t common_indent = kNone;
  std::size_t first_non_empty = kNone;
  std::size_t last_non_empty = kNone;
  for_each_line(raw, [&](std::size_t index, std::string_view line) {
    const std::size_t indent = leading_white_space(line);
    if (indent == line.size()) return;  // blank lines neither set nor take indentation
    if (first_non_empty == kNone) first_non_empty = index;
    last_non_empty = index;
    if (index != 0 && indent < common_indent) common_indent = indent;
  });
  if (first_non_empty == kNone) return 0;

  char* cursor = out;
  for_each_line(raw, [&](std::size_t index, std::string_view line) {
    if (index < first_non_empty || index > last_non_empty) return;
    if (index != first_non_empty) *cursor++ = '\n';
    if (index != 0) line.remove_prefix(std::min(common_indent, line.size()));
    cursor = copy_unescaped(line, cursor);
  });
  return static_cast<std::size_t>(cursor - out);
}

std::string block_string_value(std::string_view raw) {
  std::string value(raw.size(), '\0');
  value.resize(block_string_value(raw, value.data()));
  return value;
}

bool is_printable_as_block_string(std::string_view value) {
  if (value.empty()) return true;
  bool is_empty_line = true;
  bool has_indent = false;
  bool has_common_indent = true;
  bool seen_non_empty_line = false;
  for (const char c : value) {
    switch (static_cast<unsigned char>(c)) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
      case 0x08:
      case 0x0B:
      case 0x0C:
      case 0x0E:
      case 0x0F:
        return false;  // non-printable characters
      case '\r':
        return false;  // would read back as \n
      case '\n':
        if (is_empty_line && !seen_non_empty_line) return false;  // leading new line
        seen_non_empty_line = true;
        is_empty_line = true;
        has_indent = false;
        break;
      case '\t':
      case ' ':
        has_indent = has_indent || is_empty_line;
        break;
      default:
        has_common_indent = has_common_indent && has_indent;
        is_empty_line = false;
    }
  }
  if (is_empty_line) return false;                             // trailing empty lines
  if (has_common_indent && seen_non_empty_line) return false;  // internal indentation
  return true;
}

void print_block_string(std::string_view value, std::string& out, bool minimize) {
  std::string escaped;
  escaped.reserve(value.size() + 8);
  for (std::size_t i = 0; i < value.size();) {
    if (value.compare(i, 3, "\"\"\"") == 0) {
      escaped += kEscapedQuotes;
      i += 3;
    } else {
      escaped += value[i++];
    }
  }

  bool single_line = true;
  bool force_leading_new_line = true;
  for_each_line(escaped, [&](std::size_t index, std::string_view line) {
    if (index == 0) return;
    single_line = false;
    if (!line.empty() && !chars::is_white_space(line[0])) force_leading_new_line = false;
  });
  if (single_line) force_leading_new_line = false;

  const bool has_trailing_triple_quotes = std::string_view(escaped).ends_with(kEscapedQuotes);
  const bool has_trailing_quote = value.ends_with('"') && !has_trailing_triple_quotes;
  const bool has_trailing_slash = value.ends_with('\\');
  const bool force_trailing_new_line = has_trailing_quote || has_trailing_slash;
  const bool print_as_multiple_lines =
      !minimize && (!single_line || utf8::utf16_length(value) > 70 || force_trailing_new_line ||
                    force_leading_new_line || has_trailing_triple_quotes);
  const bool skip_leading_new_line =
      single_line && !value.empty() && chars::is_white_space(value[0]);

  out += "\"\"\"";
  if ((print_as_multiple_lines && !skip_leading_new_line) || force_leading_new_line) out += '\n';
  out += escaped;
  if (print_as_multiple_lines || force_trailing_new_line) out += '\n';
  out += "\"\"\"";
}

}  // namespace ecn::graphql
