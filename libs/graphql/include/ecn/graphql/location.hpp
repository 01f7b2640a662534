#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ecn::graphql {

// Where a token, an AST node or an error starts in the source text. Lines and columns are
// 1-based. Columns count UTF-16 code units since the start of the line, exactly as graphql-js
// does, so our error locations equal the reference implementation's (for text in the Basic
// Multilingual Plane that is the number of code points).
struct Location {
  std::uint32_t offset = 0;  // byte offset into the UTF-8 source
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  friend bool operator==(const Location&, const Location&) = default;
};

// Computes the location of a byte offset by scanning the source from its start. The lexer
// tracks token locations incrementally; this is for the rare places that need one afterwards.
Location locate(std::string_view source, std::size_t offset);

}  // namespace ecn::graphql
