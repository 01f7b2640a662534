#include "ecn/graphql/lexer.hpp"

#include <cstdio>
#include <cstring>

#include "char_classes.hpp"
#include "ecn/graphql/block_string.hpp"
#include "utf8.hpp"

namespace ecn::graphql {
namespace {

std::string hex_code_point(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

bool is_leading_surrogate(std::int64_t code) {
  return code >= 0xD800 && code <= 0xDBFF;
}
bool is_trailing_surrogate(std::int64_t code) {
  return code >= 0xDC00 && code <= 0xDFFF;
}

}  // namespace

std::string_view token_kind_description(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEndOfFile:
      return "<EOF>";
    case TokenKind::kBang:
      return "\"!\"";
    case TokenKind::kDollar:
      return "\"$\"";
    case TokenKind::kAmp:
      return "\"&\"";
    case TokenKind::kParenL:
      return "\"(\"";
    case TokenKind::kParenR:
      return "\")\"";
    case TokenKind::kSpread:
      return "\"...\"";
    case TokenKind::kColon:
      return "\":\"";
    case TokenKind::kEquals:
      return "\"=\"";
    case TokenKind::kAt:
      return "\"@\"";
    case TokenKind::kBracketL:
      return "\"[\"";
    case TokenKind::kBracketR:
      return "\"]\"";
    case TokenKind::kBraceL:
      return "\"{\"";
    case TokenKind::kPipe:
      return "\"|\"";
    case TokenKind::kBraceR:
      return "\"}\"";
    case TokenKind::kName:
      return "Name";
    case TokenKind::kInt:
      return "Int";
    case TokenKind::kFloat:
      return "Float";
    case TokenKind::kString:
      return "String";
    case TokenKind::kBlockString:
      return "BlockString";
    case TokenKind::kComment:
      return "Comment";
    case TokenKind::kError:
      return "<error>";
  }
  return "<unknown>";
}

bool token_has_value(TokenKind kind) {
  switch (kind) {
    case TokenKind::kName:
    case TokenKind::kInt:
    case TokenKind::kFloat:
    case TokenKind::kString:
    case TokenKind::kBlockString:
    case TokenKind::kComment:
      return true;
    default:
      return false;
  }
}

std::string describe_token(const Token& token) {
  std::string text(token_kind_description(token.kind));
  if (token_has_value(token.kind)) {
    text += " \"";
    text += token.value;
    text += '"';
  }
  return text;
}

Lexer::Lexer(std::string_view source, std::pmr::memory_resource* value_storage)
    : source_(source), storage_(value_storage) {}

std::pmr::memory_resource& Lexer::storage() {
  if (storage_ == nullptr) {
    own_storage_ = std::make_unique<std::pmr::monotonic_buffer_resource>();
    storage_ = own_storage_.get();
  }
  return *storage_;
}

std::string_view Lexer::store(std::string_view value) {
  if (value.empty()) return {};
  auto* memory = static_cast<char*>(storage().allocate(value.size(), 1));
  std::memcpy(memory, value.data(), value.size());
  return {memory, value.size()};
}

int Lexer::peek(std::size_t position) const {
  return position < source_.size() ? static_cast<unsigned char>(source_[position]) : -1;
}

// Tokens are written field by field straight into the caller's Token: building one here and
// copying it out made every read stall on store-to-load forwarding.
void Lexer::begin(TokenKind kind, std::size_t start) {
  out_->kind = kind;
  out_->start = static_cast<std::uint32_t>(start);
  out_->line = line_;
  out_->column = static_cast<std::uint32_t>(1 + (start - line_start_) - column_bias_);
}

void Lexer::finish(std::size_t end, std::string_view value) {
  out_->end = static_cast<std::uint32_t>(end);
  out_->value = value;
  position_ = end;
}

void Lexer::fail(std::size_t position, std::string message) {
  const Location location = locate(source_, position);
  error_.message = "Syntax Error: " + std::move(message);
  error_.location = location;
  error_token_ = Token{TokenKind::kError, location.offset, location.offset,
                       location.line,     location.column, {}};
  failed_ = true;
  *out_ = error_token_;
}

// graphql-js printCodePointAt(): printable ASCII quoted, anything else as U+XXXX.
std::string Lexer::print_code_point_at(std::size_t position) const {
  if (position >= source_.size()) return "<EOF>";
  const utf8::Decoded decoded = utf8::decode(source_, position);
  if (!decoded.well_formed) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "byte 0x%02X (invalid UTF-8)",
                  static_cast<unsigned>(decoded.code_point));
    return buffer;
  }
  const char32_t cp = decoded.code_point;
  if (cp >= 0x20 && cp <= 0x7E) {
    return cp == '"' ? std::string("'\"'") : std::string{'"', static_cast<char>(cp), '"'};
  }
  return hex_code_point(cp);
}

// graphql-js quotes escape sequences by slicing UTF-16 units; a character it would cut in half
// is kept whole here.
std::string_view Lexer::slice_units(std::size_t position, std::size_t units) const {
  std::size_t end = position;
  for (std::size_t taken = 0; taken < units && end < source_.size();) {
    const utf8::Decoded decoded = utf8::decode(source_, end);
    taken += utf8::utf16_units(decoded.length);
    end += decoded.length;
  }
  return source_.substr(position, end - position);
}

Token Lexer::next() {
  Token token;
  next(token);
  return token;
}

Token Lexer::next_including_comments() {
  Token token;
  read(token);
  return token;
}

void Lexer::next(Token& token) {
  do {
    read(token);
  } while (token.kind == TokenKind::kComment);
}

void Lexer::read(Token& token) {
  out_ = &token;
  if (failed_) {
    token = error_token_;
    return;
  }
  const char* text = source_.data();
  const std::size_t size = source_.size();
  std::size_t p = position_;
  auto punctuator = [&](TokenKind kind, std::size_t length) {
    begin(kind, p);
    finish(p + length);
  };
  while (p < size) {
    const auto c = static_cast<unsigned char>(text[p]);
    switch (c) {
      case ' ':
      case '\t':
      case ',':
        ++p;
        continue;
      case '\n':
        ++p;
        ++line_;
        line_start_ = p;
        column_bias_ = 0;
        continue;
      case '\r':
        p += peek(p + 1) == '\n' ? 2 : 1;
        ++line_;
        line_start_ = p;
        column_bias_ = 0;
        continue;
      case 0xEF:  // U+FEFF byte order mark, ignored anywhere like graphql-js does
        if (peek(p + 1) == 0xBB && peek(p + 2) == 0xBF) {
          p += 3;
          column_bias_ += 2;
          continue;
        }
        break;
      case '#':
        position_ = p;
        return read_comment(p);
      case '!':
        return punctuator(TokenKind::kBang, 1);
      case '$':
        return punctuator(TokenKind::kDollar, 1);
      case '&':
        return punctuator(TokenKind::kAmp, 1);
      case '(':
        return punctuator(TokenKind::kParenL, 1);
      case ')':
        return punctuator(TokenKind::kParenR, 1);
      case '.':
        if (peek(p + 1) == '.' && peek(p + 2) == '.') return punctuator(TokenKind::kSpread, 3);
        break;
      case ':':
        return punctuator(TokenKind::kColon, 1);
      case '=':
        return punctuator(TokenKind::kEquals, 1);
      case '@':
        return punctuator(TokenKind::kAt, 1);
      case '[':
        return punctuator(TokenKind::kBracketL, 1);
      case ']':
        return punctuator(TokenKind::kBracketR, 1);
      case '{':
        return punctuator(TokenKind::kBraceL, 1);
      case '|':
        return punctuator(TokenKind::kPipe, 1);
      case '}':
        return punctuator(TokenKind::kBraceR, 1);
      case '"':
        position_ = p;
        if (peek(p + 1) == '"' && peek(p + 2) == '"') return read_block_string(p);
        return read_string(p);
      default:
        break;
    }
    position_ = p;
    if (chars::is_digit(c) || c == '-') return read_number(p);
    if (chars::is_name_start(c)) return read_name(p);
    if (c == '\'') {
      return fail(p,
                  "Unexpected single quote character ('), did you mean to use a double quote "
                  "(\")?");
    }
    const utf8::Decoded decoded = utf8::decode(source_, p);
    const bool valid = decoded.well_formed && utf8::is_scalar_value(decoded.code_point);
    return fail(p, (valid ? "Unexpected character: " : "Invalid character: ") +
                       print_code_point_at(p) + ".");
  }
  position_ = size;
  begin(TokenKind::kEndOfFile, size);
  finish(size);
}

void Lexer::read_comment(std::size_t start) {
  begin(TokenKind::kComment, start);
  std::size_t p = start + 1;
  while (p < source_.size()) {
    const auto c = static_cast<unsigned char>(source_[p]);
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // A comment ends before a character that is not a Unicode scalar value; the next read
    // then reports it, as graphql-js does.
    const utf8::Decoded decoded = utf8::decode(source_, p);
    if (!decoded.well_formed || !utf8::is_scalar_value(decoded.code_point)) break;
    column_bias_ += decoded.length - utf8::utf16_units(decoded.length);
    p += decoded.length;
  }
  finish(p, source_.substr(start + 1, p - start - 1));
}

bool Lexer::read_digits(std::size_t& position) {
  if (!chars::is_digit(peek(position))) {
    fail(position,
         "Invalid number, expected digit but got: " + print_code_point_at(position) + ".");
    return false;
  }
  ++position;
  while (chars::is_digit(peek(position))) ++position;
  return true;
}

void Lexer::read_number(std::size_t start) {
  std::size_t p = start;
  bool is_float = false;
  int c = peek(p);
  if (c == '-') c = peek(++p);
  if (c == '0') {
    c = peek(++p);
    if (chars::is_digit(c)) {
      return fail(p, "Invalid number, unexpected digit after 0: " + print_code_point_at(p) + ".");
    }
  } else {
    if (!read_digits(p)) return;
    c = peek(p);
  }
  if (c == '.') {
    is_float = true;
    ++p;
    if (!read_digits(p)) return;
    c = peek(p);
  }
  if (c == 'e' || c == 'E') {
    is_float = true;
    c = peek(++p);
    if (c == '+' || c == '-') ++p;
    if (!read_digits(p)) return;
    c = peek(p);
  }
  if (c == '.' || chars::is_name_start(c)) {
    return fail(p, "Invalid number, expected digit but got: " + print_code_point_at(p) + ".");
  }
  begin(is_float ? TokenKind::kFloat : TokenKind::kInt, start);
  finish(p, source_.substr(start, p - start));
}

void Lexer::read_name(std::size_t start) {
  std::size_t p = start + 1;
  while (chars::is_name_continue(peek(p))) ++p;
  begin(TokenKind::kName, start);
  finish(p, source_.substr(start, p - start));
}

void Lexer::read_string(std::size_t start) {
  begin(TokenKind::kString, start);
  std::size_t p = start + 1;
  std::size_t chunk_start = p;
  bool rewritten = false;
  while (p < source_.size()) {
    const auto c = static_cast<unsigned char>(source_[p]);
    if (c == '"') {
      if (!rewritten) return finish(p + 1, source_.substr(chunk_start, p - chunk_start));
      scratch_.append(source_.substr(chunk_start, p - chunk_start));
      return finish(p + 1, store(scratch_));
    }
    if (c == '\\') {
      if (!rewritten) {
        scratch_.clear();
        rewritten = true;
      }
      scratch_.append(source_.substr(chunk_start, p - chunk_start));
      std::size_t size = 0;
      if (!read_escape(p, size)) return;
      p += size;
      chunk_start = p;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++p;
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(source_, p);
    if (!decoded.well_formed || !utf8::is_scalar_value(decoded.code_point)) {
      return fail(p, "Invalid character within String: " + print_code_point_at(p) + ".");
    }
    column_bias_ += decoded.length - utf8::utf16_units(decoded.length);
    p += decoded.length;
  }
  return fail(p, "Unterminated string.");
}

// Reads the escape sequence at `position` (a backslash), appends its value to scratch_ and
// sets `size` to the number of source bytes it took.
bool Lexer::read_escape(std::size_t position, std::size_t& size) {
  if (peek(position + 1) != 'u') {
    char value = 0;
    switch (peek(position + 1)) {
      case '"':
        value = '"';
        break;
      case '\\':
        value = '\\';
        break;
      case '/':
        value = '/';
        break;
      case 'b':
        value = '\b';
        break;
      case 'f':
        value = '\f';
        break;
      case 'n':
        value = '\n';
        break;
      case 'r':
        value = '\r';
        break;
      case 't':
        value = '\t';
        break;
      default: {
        std::string message = "Invalid character escape sequence: \"";
        message += slice_units(position, 2);
        fail(position, message + "\".");
        return false;
      }
    }
    scratch_.push_back(value);
    size = 2;
    return true;
  }

  if (peek(position + 2) == '{') {
    // \u{HexDigit+}: at most 12 characters (\u{00000000}); the arithmetic is 32-bit signed
    // like JavaScript's, so overflowing input stops where graphql-js stops and the error
    // quotes the same text.
    std::int32_t point = 0;
    std::size_t length = 3;
    while (length < 12) {
      const int c = peek(position + length++);
      if (c == '}') {
        if (length < 5 || !utf8::is_scalar_value(point)) break;
        utf8::append(scratch_, static_cast<char32_t>(point));
        size = length;
        return true;
      }
      point =
          static_cast<std::int32_t>(static_cast<std::uint32_t>(point) << 4) | chars::hex_value(c);
      if (point < 0) break;
    }
    std::string message = "Invalid Unicode escape sequence: \"";
    message += slice_units(position, length);
    fail(position, message + "\".");
    return false;
  }

  auto read_hex4 = [&](std::size_t at) -> std::int32_t {
    std::int32_t code = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const int digit = chars::hex_value(peek(at + i));
      if (digit < 0) return -1;
      code = (code << 4) | digit;
    }
    return code;
  };
  const std::int32_t code = read_hex4(position + 2);
  if (utf8::is_scalar_value(code)) {
    utf8::append(scratch_, static_cast<char32_t>(code));
    size = 6;
    return true;
  }
  // JSON-style surrogate pairs are allowed, but only as a valid pair.
  if (is_leading_surrogate(code) && peek(position + 6) == '\\' && peek(position + 7) == 'u') {
    const std::int32_t trailing = read_hex4(position + 8);
    if (is_trailing_surrogate(trailing)) {
      const auto cp =
          static_cast<char32_t>(0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00));
      utf8::append(scratch_, cp);
      size = 12;
      return true;
    }
  }
  std::string message = "Invalid Unicode escape sequence: \"";
  message += slice_units(position, 6);
  fail(position, message + "\".");
  return false;
}

void Lexer::read_block_string(std::size_t start) {
  begin(TokenKind::kBlockString, start);
  const std::size_t content_start = start + 3;
  std::size_t p = content_start;
  bool needs_rewrite = false;  // several lines or \""" escapes: the value differs from the raw text
  std::uint32_t line = line_;
  std::size_t line_start = line_start_;
  std::size_t bias = column_bias_;
  while (p < source_.size()) {
    const auto c = static_cast<unsigned char>(source_[p]);
    if (c == '"' && peek(p + 1) == '"' && peek(p + 2) == '"') {
      const std::string_view raw = source_.substr(content_start, p - content_start);
      line_ = line;
      line_start_ = line_start;
      column_bias_ = bias;
      if (!needs_rewrite) {
        // One line: BlockStringValue() keeps it as written unless it is blank.
        const bool blank = raw.find_first_not_of(" \t") == std::string_view::npos;
        return finish(p + 3, blank ? std::string_view{} : raw);
      }
      auto* memory = static_cast<char*>(storage().allocate(raw.size(), 1));
      const std::size_t length = block_string_value(raw, memory);
      return finish(p + 3, std::string_view(memory, length));
    }
    if (c == '\\' && peek(p + 1) == '"' && peek(p + 2) == '"' && peek(p + 3) == '"') {
      needs_rewrite = true;
      p += 4;
      continue;
    }
    if (c == '\n' || c == '\r') {
      needs_rewrite = true;
      p += (c == '\r' && peek(p + 1) == '\n') ? 2 : 1;
      ++line;
      line_start = p;
      bias = 0;
      continue;
    }
    if (c < 0x80) {
      ++p;
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(source_, p);
    if (!decoded.well_formed || !utf8::is_scalar_value(decoded.code_point)) {
      return fail(p, "Invalid character within String: " + print_code_point_at(p) + ".");
    }
    bias += decoded.length - utf8::utf16_units(decoded.length);
    p += decoded.length;
  }
  return fail(p, "Unterminated string.");
}

}  // namespace ecn::graphql
