// libFuzzer target for the lexer, parser, printer and schema builder (built with -DECN_FUZZ=ON
// and clang). Beyond "no crash, no sanitizer report", it checks that every document that parses
// prints to text that parses again and prints identically, that every failure is a syntax
// error, and that building a schema from any parsed document either succeeds or explains why.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ecn/graphql/lexer.hpp"
#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/printer.hpp"
#include "ecn/graphql/schema.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecn::graphql;
  const std::string_view source(reinterpret_cast<const char*>(data), size);

  Lexer lexer(source);
  for (;;) {
    const Token token = lexer.next_including_comments();
    check(token.end <= source.size());
    if (token.kind == TokenKind::kEndOfFile || token.kind == TokenKind::kError) break;
  }

  ParseOptions options;
  options.max_depth = 64;
  const ParseResult result = parse(source, options);
  if (!result) {
    check(result.error().message.starts_with("Syntax Error: "));
    check(result.error().location.line >= 1 && result.error().location.column >= 1);
    return 0;
  }
  const std::string printed = print(*result);
  const ParseResult reparsed = parse(printed, ParseOptions::trusted());
  check(static_cast<bool>(reparsed));
  check(reparsed->definitions().size() == result->definitions().size());
  check(print(*reparsed) == printed);

  const SchemaResult schema = build_schema(source, options);
  if (schema) {
    check((*schema)->query_type() != nullptr);
  } else {
    check(!schema.error().empty());
    for (const SchemaError& error : schema.error()) check(!error.message.empty());
  }
  return 0;
}
