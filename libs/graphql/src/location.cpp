#include "ecn/graphql/location.hpp"

#include <algorithm>

#include "utf8.hpp"

namespace ecn::graphql {

// Mirrors graphql-js getLocation(): a line ends at \r\n, \r or \n that starts before `offset`.
Location locate(std::string_view source, std::size_t offset) {
  offset = std::min(offset, source.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = source[i];
    if (c != '\n' && c != '\r') continue;
    if (c == '\r' && i + 1 < source.size() && source[i + 1] == '\n') ++i;
    line_start = i + 1;
    ++line;
  }
  std::size_t column = 1;
  if (offset >= line_start) {
    column += utf8::utf16_length(source.substr(line_start, offset - line_start));
  }
  return {static_cast<std::uint32_t>(offset), line, static_cast<std::uint32_t>(column)};
}

}  // namespace ecn::graphql
