#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>

#include "ecn/graphql/location.hpp"
#include "ecn/graphql/syntax_error.hpp"

namespace ecn::graphql {

// The lexical token kinds of GraphQL (October 2021), plus kError for a failed read.
enum class TokenKind : std::uint8_t {
  kEndOfFile,
  kBang,         // !
  kDollar,       // $
  kAmp,          // &
  kParenL,       // (
  kParenR,       // )
  kSpread,       // ...
  kColon,        // :
  kEquals,       // =
  kAt,           // @
  kBracketL,     // [
  kBracketR,     // ]
  kBraceL,       // {
  kPipe,         // |
  kBraceR,       // }
  kName,         // value: the name
  kInt,          // value: the literal as written, e.g. "-12"
  kFloat,        // value: the literal as written, e.g. "1.5e3"
  kString,       // value: the string after escapes were resolved
  kBlockString,  // value: the string after BlockStringValue() (dedent, trimmed blank lines)
  kComment,      // value: the text after '#'
  kError,        // the lexer stopped; Lexer::error() says why
};

// One token. `value` points into the source text (zero-copy) for names, numbers, comments and
// strings that need no rewriting; strings with escapes and multi-line block strings point into
// the lexer's value storage instead.
struct Token {
  TokenKind kind = TokenKind::kEndOfFile;
  std::uint32_t start = 0;  // byte offsets [start, end) in the source
  std::uint32_t end = 0;
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in UTF-16 code units like graphql-js
  std::string_view value;

  Location location() const { return {start, line, column}; }
};

// How graphql-js names a token kind in messages: "Name", "<EOF>", "\"{\"" (punctuators quoted).
std::string_view token_kind_description(TokenKind kind);

// How graphql-js names a token in messages: `Name "foo"`, `"}"`, `String ""`, `<EOF>`.
std::string describe_token(const Token& token);

// True for the kinds whose token carries a value (names, numbers, strings, comments).
bool token_has_value(TokenKind kind);

// Splits UTF-8 GraphQL source text into tokens, one at a time, without allocating per token.
// Sources must be smaller than 4 GiB (offsets are 32-bit); parse() enforces a far smaller limit.
class Lexer {
 public:
  // `value_storage` receives the values of strings that need rewriting (escapes, multi-line
  // block strings) and must outlive the tokens; without one the lexer uses an arena of its own.
  explicit Lexer(std::string_view source, std::pmr::memory_resource* value_storage = nullptr);

  Lexer(const Lexer&) = delete;
  Lexer& operator=(const Lexer&) = delete;

  // The next significant token (comments skipped). After the end it keeps returning kEndOfFile;
  // after an error it keeps returning the same kError token.
  Token next();

  // Like next(), but also returns kComment tokens.
  Token next_including_comments();

  // next() writing into `token`, for hot loops that keep their current token in place.
  void next(Token& token);

  // Why the lexer stopped; meaningful once a kError token was returned.
  const SyntaxError& error() const { return error_; }

  std::string_view source() const { return source_; }

 private:
  void read(Token& token);
  void read_comment(std::size_t start);
  void read_number(std::size_t start);
  void read_name(std::size_t start);
  void read_string(std::size_t start);
  void read_block_string(std::size_t start);
  bool read_escape(std::size_t position, std::size_t& size);
  bool read_digits(std::size_t& position);

  void begin(TokenKind kind, std::size_t start);
  void finish(std::size_t end, std::string_view value = {});
  void fail(std::size_t position, std::string message);
  int peek(std::size_t position) const;
  std::string print_code_point_at(std::size_t position) const;
  std::string_view slice_units(std::size_t position, std::size_t units) const;
  std::string_view store(std::string_view value);
  std::pmr::memory_resource& storage();

  std::string_view source_;
  std::size_t position_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;
  // Bytes minus UTF-16 code units of the non-ASCII characters between line_start_ and the scan
  // position: what turns a byte distance into a graphql-js column without rescanning the line.
  std::size_t column_bias_ = 0;
  Token* out_ = nullptr;  // the token being read
  std::pmr::memory_resource* storage_;
  std::unique_ptr<std::pmr::monotonic_buffer_resource> own_storage_;
  std::string scratch_;  // reused buffer for unescaping, so steady-state lexing never allocates
  bool failed_ = false;
  Token error_token_;
  SyntaxError error_;
};

}  // namespace ecn::graphql
