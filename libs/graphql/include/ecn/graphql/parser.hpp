#pragma once

#include <boost/system/result.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ecn/graphql/document.hpp"
#include "ecn/graphql/syntax_error.hpp"

namespace ecn::graphql {

// Limits that keep a hostile document from costing unbounded time, memory or stack. Each one
// fails the parse with its own "Syntax Error: ... Parsing aborted." message.
struct ParseOptions {
  // Largest source accepted, checked before any lexing.
  std::size_t max_document_bytes = std::size_t{1} << 20;
  // Most significant tokens (comments are free), counted like graphql-js's maxTokens.
  std::uint32_t max_tokens = 100'000;
  // Deepest nesting of selection sets, list and object values and list types, counted
  // together: `{ a { b(x: [1]) } }` reaches depth 3. Also bounds the parser's recursion.
  std::uint32_t max_depth = 128;

  // Limits for trusted text such as our own SDL files: as large as the implementation allows,
  // still bounded in depth so recursion stays far from the stack's end.
  static ParseOptions trusted() { return {std::size_t{0xFFFF'FFFE}, 0xFFFF'FFFF, 2048}; }
};

// A parsed document, or the first syntax error.
using ParseResult = boost::system::result<Document, SyntaxError>;

// Parses an executable or type-system document (or a mix: validation decides what is allowed
// where). The returned Document owns a copy of `source`.
ParseResult parse(std::string_view source, const ParseOptions& options = {});

// Lets ParseResult::value() throw on an error (found by argument-dependent lookup).
[[noreturn]] void throw_exception_from_error(const SyntaxError& error,
                                             const boost::source_location& location);

}  // namespace ecn::graphql
