#include "ecn/core/env_file.hpp"

#include <optional>

namespace ecn::core {
namespace {

constexpr std::string_view kBlank = " \t";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kBlank);
  return text.substr(first, last - first + 1);
}

bool is_valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// Only blanks or a comment may follow a closing quote.
bool is_trailer_allowed(std::string_view rest) {
  const std::string_view trimmed = trim(rest);
  return trimmed.empty() || trimmed.front() == '#';
}

struct ParsedValue {
  std::string value;
  std::string error;
};

ParsedValue parse_value(std::string_view raw) {
  const auto start = raw.find_first_not_of(kBlank);
  if (start == std::string_view::npos) return {};
  const std::string_view text = raw.substr(start);
  const char quote = text.front();

  if (quote == '\'') {
    const auto close = text.find('\'', 1);
    if (close == std::string_view::npos) return {{}, "unterminated single-quoted value"};
    if (!is_trailer_allowed(text.substr(close + 1))) {
      return {{}, "unexpected text after the closing quote"};
    }
    return {std::string(text.substr(1, close - 1)), {}};
  }

  if (quote == '"') {
    std::string value;
    for (std::size_t i = 1; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '"') {
        if (!is_trailer_allowed(text.substr(i + 1))) {
          return {{}, "unexpected text after the closing quote"};
        }
        return {std::move(value), {}};
      }
      if (c == '\\' && i + 1 < text.size()) {
        const char next = text[++i];
        switch (next) {
          case 'n':
            value += '\n';
            break;
          case 'r':
            value += '\r';
            break;
          case 't':
            value += '\t';
            break;
          case '"':
          case '\\':
            value += next;
            break;
          default:
            // Unknown escapes stay as written, as in most dotenv readers.
            value += '\\';
            value += next;
        }
        continue;
      }
      value += c;
    }
    return {{}, "unterminated double-quoted value"};
  }

  // Unquoted: a '#' that follows a blank starts a comment; one inside a word is data.
  std::string_view value = raw;
  for (std::size_t i = 1; i < raw.size(); ++i) {
    if (raw[i] == '#' && (raw[i - 1] == ' ' || raw[i - 1] == '\t')) {
      value = raw.substr(0, i);
      break;
    }
  }
  return {std::string(trim(value)), {}};
}

}  // namespace

EnvFile parse_env_file(std::string_view content) {
  EnvFile result;
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);

  int line_number = 0;
  while (!content.empty()) {
    ++line_number;
    const auto newline = content.find('\n');
    std::string_view line = content.substr(0, newline);
    content.remove_prefix(newline == std::string_view::npos ? content.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);

    const std::string_view trimmed = trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;

    std::string_view assignment = trimmed;
    if (assignment.starts_with("export") && assignment.size() > 6 &&
        (assignment[6] == ' ' || assignment[6] == '\t')) {
      assignment = trim(assignment.substr(6));
    }
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos) {
      result.errors.push_back({line_number, "expected KEY=value"});
      continue;
    }
    const std::string_view name = trim(assignment.substr(0, equals));
    if (!is_valid_name(name)) {
      result.errors.push_back(
          {line_number,
           "invalid variable name (letters, digits and _ only, not starting with a "
           "digit)"});
      continue;
    }
    ParsedValue parsed = parse_value(assignment.substr(equals + 1));
    if (!parsed.error.empty()) {
      result.errors.push_back({line_number, std::move(parsed.error)});
      continue;
    }
    result.assignments.emplace_back(std::string(name), std::move(parsed.value));
  }
  return result;
}

}  // namespace ecn::core
