#include "ecn/graphql/lexer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ecn/graphql/block_string.hpp"

namespace ecn::graphql {
namespace {

Token lex_one(std::string_view source) {
  Lexer lexer(source);
  return lexer.next();
}

// Each call owns its lexer, so returned string values must be copied out.
struct Lexed {
  TokenKind kind;
  std::string value;
  std::uint32_t start, end, line, column;
};

Lexed lex_one_copy(std::string_view source) {
  Lexer lexer(source);
  const Token t = lexer.next();
  return {t.kind, std::string(t.value), t.start, t.end, t.line, t.column};
}

std::vector<TokenKind> kinds(std::string_view source) {
  Lexer lexer(source);
  std::vector<TokenKind> result;
  for (;;) {
    const Token t = lexer.next();
    result.push_back(t.kind);
    if (t.kind == TokenKind::kEndOfFile || t.kind == TokenKind::kError) return result;
  }
}

// Lexes until the end or an error and returns the error (message, line, column).
struct ErrorAt {
  std::string message;
  std::uint32_t line;
  std::uint32_t column;
  friend bool operator==(const ErrorAt&, const ErrorAt&) = default;
  friend std::ostream& operator<<(std::ostream& os, const ErrorAt& e) {
    return os << e.message << " @" << e.line << ":" << e.column;
  }
};

ErrorAt lex_error(std::string_view source) {
  Lexer lexer(source);
  for (;;) {
    const Token t = lexer.next();
    if (t.kind == TokenKind::kError) {
      EXPECT_EQ(t.line, lexer.error().location.line);
      EXPECT_EQ(t.column, lexer.error().location.column);
      return {lexer.error().message, lexer.error().location.line, lexer.error().location.column};
    }
    if (t.kind == TokenKind::kEndOfFile) return {"<no error>", 0, 0};
  }
}

std::string string_value(std::string_view source) {
  const Lexed t = lex_one_copy(source);
  EXPECT_TRUE(t.kind == TokenKind::kString || t.kind == TokenKind::kBlockString)
      << "for " << source;
  return t.value;
}

TEST(GraphqlLexerTest, EveryPunctuator) {
  const std::vector<TokenKind> expected = {
      TokenKind::kBang,   TokenKind::kDollar,   TokenKind::kAmp,      TokenKind::kParenL,
      TokenKind::kParenR, TokenKind::kSpread,   TokenKind::kColon,    TokenKind::kEquals,
      TokenKind::kAt,     TokenKind::kBracketL, TokenKind::kBracketR, TokenKind::kBraceL,
      TokenKind::kPipe,   TokenKind::kBraceR,   TokenKind::kEndOfFile};
  EXPECT_EQ(kinds("! $ & ( ) ... : = @ [ ] { | }"), expected);
  EXPECT_EQ(kinds("!$&()...:=@[]{|}"), expected);
}

TEST(GraphqlLexerTest, PunctuatorsHaveNoValueAndDescribeQuoted) {
  const Token t = lex_one("...");
  EXPECT_EQ(t.kind, TokenKind::kSpread);
  EXPECT_EQ(t.start, 0u);
  EXPECT_EQ(t.end, 3u);
  EXPECT_EQ(describe_token(t), "\"...\"");
  EXPECT_EQ(describe_token(lex_one("}")), "\"}\"");
  EXPECT_EQ(describe_token(lex_one("")), "<EOF>");
  EXPECT_EQ(describe_token(lex_one("foo")), "Name \"foo\"");
  EXPECT_EQ(describe_token(lex_one("\"\"")), "String \"\"");
  EXPECT_EQ(describe_token(lex_one("\"\"\"x\"\"\"")), "BlockString \"x\"");
  EXPECT_EQ(describe_token(lex_one("1.5")), "Float \"1.5\"");
}

TEST(GraphqlLexerTest, NamesAreZeroCopy) {
  const std::string source = "  _foo_Bar9 ";
  Lexer lexer(source);
  const Token t = lexer.next();
  EXPECT_EQ(t.kind, TokenKind::kName);
  EXPECT_EQ(t.value, "_foo_Bar9");
  EXPECT_EQ(t.value.data(), source.data() + 2);
  EXPECT_EQ(t.start, 2u);
  EXPECT_EQ(t.end, 11u);
  EXPECT_EQ(lexer.next().kind, TokenKind::kEndOfFile);
  EXPECT_EQ(lexer.next().kind, TokenKind::kEndOfFile);  // stays at the end
}

TEST(GraphqlLexerTest, IgnoresBomWhitespaceCommasAndComments) {
  const Lexed bom = lex_one_copy("\xEF\xBB\xBF foo");
  EXPECT_EQ(bom.kind, TokenKind::kName);
  EXPECT_EQ(bom.start, 4u);   // bytes
  EXPECT_EQ(bom.column, 3u);  // the BOM is one UTF-16 unit, like graphql-js
  EXPECT_EQ(lex_one_copy("\t\tfoo\t\t").start, 2u);
  EXPECT_EQ(lex_one_copy(",,,foo,,,").start, 3u);
  const Lexed after_comment = lex_one_copy("\n    #comment\n    foo#comment\n");
  EXPECT_EQ(after_comment.value, "foo");
  EXPECT_EQ(after_comment.start, 18u);
  EXPECT_EQ(after_comment.line, 3u);
  EXPECT_EQ(after_comment.column, 5u);
}

TEST(GraphqlLexerTest, TracksLineBreaks) {
  struct Case {
    std::string_view source;
    std::uint32_t start, line;
  };
  for (const Case& c :
       {Case{"foo", 0, 1}, Case{"\nfoo", 1, 2}, Case{"\rfoo", 1, 2}, Case{"\r\nfoo", 2, 2},
        Case{"\n\rfoo", 2, 3}, Case{"\r\r\n\nfoo", 4, 4}, Case{"\n\n\r\rfoo", 4, 5}}) {
    const Lexed t = lex_one_copy(c.source);
    EXPECT_EQ(t.start, c.start) << c.source;
    EXPECT_EQ(t.line, c.line) << c.source;
    EXPECT_EQ(t.column, 1u) << c.source;
  }
  const Lexed t = lex_one_copy("\n \r\n \r  foo\n");
  EXPECT_EQ(t.line, 4u);
  EXPECT_EQ(t.column, 3u);
}

TEST(GraphqlLexerTest, ColumnsCountUtf16UnitsAfterNonAsciiText) {
  Lexer lexer("\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\" x # \xF0\x9F\x98\x80\n  \"\xC3\xA9\" y");
  Token t = lexer.next();  // "é€😀": 2 + 3 + 4 bytes, 1 + 1 + 2 units
  EXPECT_EQ(t.kind, TokenKind::kString);
  t = lexer.next();
  EXPECT_EQ(t.value, "x");
  EXPECT_EQ(t.start, 12u);
  EXPECT_EQ(t.column, 8u);  // "é€😀" is 4 units + 2 quotes + 1 space
  t = lexer.next();
  EXPECT_EQ(t.kind, TokenKind::kString);
  EXPECT_EQ(t.line, 2u);
  EXPECT_EQ(t.column, 3u);
  t = lexer.next();
  EXPECT_EQ(t.value, "y");
  EXPECT_EQ(t.column, 7u);  // bias resets on a new line
}

TEST(GraphqlLexerTest, CommentsAreTokensOnRequest) {
  Lexer lexer("# Comment \xF0\x9F\x98\x80\r\nfoo");
  Token t = lexer.next_including_comments();
  EXPECT_EQ(t.kind, TokenKind::kComment);
  EXPECT_EQ(t.value, " Comment \xF0\x9F\x98\x80");
  EXPECT_EQ(t.start, 0u);
  t = lexer.next_including_comments();
  EXPECT_EQ(t.kind, TokenKind::kName);
  EXPECT_EQ(t.line, 2u);
}

TEST(GraphqlLexerTest, SimpleStringsAreZeroCopy) {
  const std::string source = "\"simple \xF0\x9F\x98\x80 text\"";
  Lexer lexer(source);
  const Token t = lexer.next();
  EXPECT_EQ(t.kind, TokenKind::kString);
  EXPECT_EQ(t.value, "simple \xF0\x9F\x98\x80 text");
  EXPECT_EQ(t.value.data(), source.data() + 1);
  EXPECT_EQ(t.end, source.size());
  EXPECT_EQ(string_value("\"\""), "");
  EXPECT_EQ(string_value("\" white space \""), " white space ");
}

TEST(GraphqlLexerTest, EveryCharacterEscape) {
  EXPECT_EQ(string_value(R"("quote \"")"), "quote \"");
  EXPECT_EQ(string_value(R"("escaped \n\r\b\t\f")"), "escaped \n\r\b\t\f");
  EXPECT_EQ(string_value(R"("slashes \\ \/")"), "slashes \\ /");
}

TEST(GraphqlLexerTest, UnicodeEscapesBecomeUtf8) {
  EXPECT_EQ(string_value(R"("unicode \u1234\u5678\u90AB\uCDEF")"),
            "unicode \xE1\x88\xB4\xE5\x99\xB8\xE9\x82\xAB\xEC\xB7\xAF");
  EXPECT_EQ(string_value(R"("\u{1234}\u{5678}\u{90AB}\u{CDEF}")"),
            "\xE1\x88\xB4\xE5\x99\xB8\xE9\x82\xAB\xEC\xB7\xAF");
  EXPECT_EQ(string_value(R"("\u0041\u00e9\u20AC")"), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(string_value(R"("outside BMP \u{1F600}")"), "outside BMP \xF0\x9F\x98\x80");
  EXPECT_EQ(string_value(R"("minimal \u{0}")"), std::string("minimal \0", 9));
  EXPECT_EQ(string_value(R"("maximal \u{10FFFF}")"), "maximal \xF4\x8F\xBF\xBF");
  EXPECT_EQ(string_value(R"("\u{00000000}")"), std::string("\0", 1));
}

TEST(GraphqlLexerTest, SurrogatePairEscapesCombine) {
  EXPECT_EQ(string_value(R"("pair \uD83D\uDE00")"), "pair \xF0\x9F\x98\x80");
  EXPECT_EQ(string_value(R"("\uD800\uDC00")"), "\xF0\x90\x80\x80");  // U+10000
  EXPECT_EQ(string_value(R"("\uDBFF\uDFFF")"), "\xF4\x8F\xBF\xBF");  // U+10FFFF
}

TEST(GraphqlLexerTest, EscapedStringsLiveInTheValueStorage) {
  const std::string source = R"("a\nb")";
  std::pmr::monotonic_buffer_resource storage;
  Lexer lexer(source, &storage);
  const Token t = lexer.next();
  EXPECT_EQ(t.value, "a\nb");
  EXPECT_FALSE(t.value.data() >= source.data() && t.value.data() < source.data() + source.size());
}

TEST(GraphqlLexerTest, StringErrors) {
  EXPECT_EQ(lex_error("\""), (ErrorAt{"Syntax Error: Unterminated string.", 1, 2}));
  EXPECT_EQ(lex_error("\"no end quote"), (ErrorAt{"Syntax Error: Unterminated string.", 1, 14}));
  EXPECT_EQ(lex_error("\"multi\nline\""), (ErrorAt{"Syntax Error: Unterminated string.", 1, 7}));
  EXPECT_EQ(lex_error("\"multi\rline\""), (ErrorAt{"Syntax Error: Unterminated string.", 1, 7}));
  EXPECT_EQ(lex_error("'single quotes'"),
            (ErrorAt{"Syntax Error: Unexpected single quote character ('), did you mean to use a "
                     "double quote (\")?",
                     1, 1}));
  EXPECT_EQ(lex_error("\"bad surrogate \xED\xBA\xAD\""),
            (ErrorAt{"Syntax Error: Invalid character within String: U+DEAD.", 1, 16}));
  EXPECT_EQ(lex_error("\"bad utf8 \xFF\""),
            (ErrorAt{"Syntax Error: Invalid character within String: byte 0xFF (invalid UTF-8).", 1,
                     11}));
  EXPECT_EQ(
      lex_error("\"\xC3\""),  // truncated sequence
      (ErrorAt{"Syntax Error: Invalid character within String: byte 0xC3 (invalid UTF-8).", 1, 2}));
  EXPECT_EQ(
      lex_error("\"\xC0\xAF\""),  // overlong '/'
      (ErrorAt{"Syntax Error: Invalid character within String: byte 0xC0 (invalid UTF-8).", 1, 2}));
}

TEST(GraphqlLexerTest, EscapeErrorsQuoteTheSequence) {
  struct Case {
    std::string_view source;
    std::string_view sequence;
    std::uint32_t column;
  };
  const Case unicode_cases[] = {
      {R"("bad \u1 esc")", R"(\u1 es)", 6},
      {R"("bad \u0XX1 esc")", R"(\u0XX1)", 6},
      {R"("bad \uXXXX esc")", R"(\uXXXX)", 6},
      {R"("bad \uFXXX esc")", R"(\uFXXX)", 6},
      {R"("bad \uXXXF esc")", R"(\uXXXF)", 6},
      {R"("bad \u{} esc")", R"(\u{})", 6},
      {R"("bad \u{FXXX} esc")", R"(\u{FX)", 6},
      {R"("bad \u{FFFF esc")", R"(\u{FFFF )", 6},
      {R"("bad \u{FFFF")", R"(\u{FFFF")", 6},
      {R"("too high \u{110000} esc")", R"(\u{110000})", 11},
      {R"("way too high \u{12345678} esc")", R"(\u{12345678})", 15},
      {R"("too long \u{000000000} esc")", R"(\u{000000000)", 11},
      {R"("bad surrogate \uDEAD esc")", R"(\uDEAD)", 16},
      {R"("bad surrogate \u{DEAD} esc")", R"(\u{DEAD})", 16},
      {R"("cannot use braces for surrogate pair \u{D83D}\u{DE00} esc")", R"(\u{D83D})", 39},
      {R"("bad high surrogate pair \uDEAD\uDEAD esc")", R"(\uDEAD)", 26},
      {R"("bad low surrogate pair \uD800\uD800 esc")", R"(\uD800)", 25},
      {R"("cannot escape half a pair \uD83D\uDE00 esc" junk)", R"()", 0},  // valid, see below
      {R"("bad \uD83D\not an escape")", R"(\uD83D)", 6},
  };
  for (const Case& c : unicode_cases) {
    if (c.column == 0) continue;
    EXPECT_EQ(lex_error(c.source), (ErrorAt{"Syntax Error: Invalid Unicode escape sequence: \"" +
                                                std::string(c.sequence) + "\".",
                                            1, c.column}))
        << c.source;
  }
  EXPECT_EQ(lex_error(R"("bad \z esc")"),
            (ErrorAt{R"(Syntax Error: Invalid character escape sequence: "\z".)", 1, 6}));
  EXPECT_EQ(lex_error(R"("bad \x esc")"),
            (ErrorAt{R"(Syntax Error: Invalid character escape sequence: "\x".)", 1, 6}));
  EXPECT_EQ(lex_error("\"\\"),
            (ErrorAt{R"(Syntax Error: Invalid character escape sequence: "\".)", 1, 2}));
}

TEST(GraphqlLexerTest, BlockStrings) {
  EXPECT_EQ(string_value(R"("""""")"), "");
  EXPECT_EQ(string_value(R"("""simple""")"), "simple");
  EXPECT_EQ(string_value(R"(""" white space """)"), " white space ");
  EXPECT_EQ(string_value(R"("""contains " quote""")"), "contains \" quote");
  EXPECT_EQ(string_value(R"("""contains \""" triple quote""")"), "contains \"\"\" triple quote");
  EXPECT_EQ(string_value("\"\"\"multi\nline\"\"\""), "multi\nline");
  EXPECT_EQ(string_value("\"\"\"multi\rline\r\nnormalized\"\"\""), "multi\nline\nnormalized");
  EXPECT_EQ(string_value(R"("""unescaped \n\r\b\t\f\u1234""")"), R"(unescaped \n\r\b\t\f\u1234)");
  EXPECT_EQ(string_value("\"\"\"unescaped unicode outside BMP \xF0\x9F\x98\x80\"\"\""),
            "unescaped unicode outside BMP \xF0\x9F\x98\x80");
  EXPECT_EQ(string_value(R"("""slashes \\ \/""")"), R"(slashes \\ \/)");
  EXPECT_EQ(string_value("\"\"\"   \t  \"\"\""), "");  // a blank single line is empty
  EXPECT_EQ(string_value("\"\"\"\n\n    spans\n      multiple\n        lines\n\n    \"\"\""),
            "spans\n  multiple\n    lines");
}

TEST(GraphqlLexerTest, SingleLineBlockStringsAreZeroCopy) {
  const std::string source = R"("""  keep "me" as is""")";
  Lexer lexer(source);
  const Token t = lexer.next();
  EXPECT_EQ(t.kind, TokenKind::kBlockString);
  EXPECT_EQ(t.value, R"(  keep "me" as is)");
  EXPECT_EQ(t.value.data(), source.data() + 3);
}

TEST(GraphqlLexerTest, BlockStringAdvancesLinesForLaterTokens) {
  Lexer lexer(
      "\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\" "
      "second_token");
  Token t = lexer.next();
  EXPECT_EQ(t.kind, TokenKind::kBlockString);
  EXPECT_EQ(t.line, 1u);
  EXPECT_EQ(t.column, 1u);
  t = lexer.next();
  EXPECT_EQ(t.value, "second_token");
  EXPECT_EQ(t.line, 7u);
  EXPECT_EQ(t.column, 13u);

  Lexer crlf("\"\"\"\r\n    a\r\n    \xC3\xA9\"\"\" b");
  EXPECT_EQ(crlf.next().kind, TokenKind::kBlockString);
  t = crlf.next();
  EXPECT_EQ(t.line, 3u);
  EXPECT_EQ(t.column, 10u);  // "    é\"\"\" " is 9 units
}

TEST(GraphqlLexerTest, BlockStringErrors) {
  EXPECT_EQ(lex_error(R"(""")"), (ErrorAt{"Syntax Error: Unterminated string.", 1, 4}));
  EXPECT_EQ(lex_error(R"("""")"), (ErrorAt{"Syntax Error: Unterminated string.", 1, 5}));
  EXPECT_EQ(lex_error(R"("""no end quote)"),
            (ErrorAt{"Syntax Error: Unterminated string.", 1, 16}));
  EXPECT_EQ(lex_error("\"\"\"contains invalid surrogate \xED\xBA\xAD\"\"\""),
            (ErrorAt{"Syntax Error: Invalid character within String: U+DEAD.", 1, 31}));
  EXPECT_EQ(lex_error("\"\"\"\n  line two \xFE\"\"\""),
            (ErrorAt{"Syntax Error: Invalid character within String: byte 0xFE (invalid UTF-8).", 2,
                     12}));
}

// The spec's BlockStringValue() examples and graphql-js's dedent cases.
TEST(GraphqlBlockStringValueTest, Dedent) {
  EXPECT_EQ(block_string_value("\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  "),
            "Hello,\n  World!\n\nYours,\n  GraphQL.");
  EXPECT_EQ(block_string_value("\n\n  leading and trailing blank lines\n\n\n"),
            "leading and trailing blank lines");
  EXPECT_EQ(block_string_value("  first line keeps its indent\n  second"),
            "  first line keeps its indent\nsecond");
  EXPECT_EQ(block_string_value("\n  \t  \n  a\n    \t\n  b\n"), "a\n  \t\nb");
  EXPECT_EQ(block_string_value("\n\t\ttabs\n\t\t\tmore"), "tabs\n\tmore");
  EXPECT_EQ(block_string_value("   \n  \n"), "");
  EXPECT_EQ(block_string_value(""), "");
  EXPECT_EQ(block_string_value("\r\n  a\r  b\n  c"), "a\nb\nc");
  EXPECT_EQ(block_string_value("\n  escaped \\\"\"\" quotes\n"), "escaped \"\"\" quotes");
  EXPECT_EQ(block_string_value("\n    a\n  b\n      c"), "  a\nb\n    c");
}

TEST(GraphqlLexerTest, ValidNumbers) {
  struct Case {
    std::string_view source;
    TokenKind kind;
  };
  for (const Case& c :
       {Case{"4", TokenKind::kInt}, Case{"-4", TokenKind::kInt}, Case{"9", TokenKind::kInt},
        Case{"0", TokenKind::kInt}, Case{"-0", TokenKind::kInt},
        Case{"1234567890123456789012", TokenKind::kInt}, Case{"4.123", TokenKind::kFloat},
        Case{"-4.123", TokenKind::kFloat}, Case{"0.123", TokenKind::kFloat},
        Case{"123e4", TokenKind::kFloat}, Case{"123E4", TokenKind::kFloat},
        Case{"123e-4", TokenKind::kFloat}, Case{"123e+4", TokenKind::kFloat},
        Case{"-1.123e4", TokenKind::kFloat}, Case{"-1.123E4", TokenKind::kFloat},
        Case{"-1.123e-4", TokenKind::kFloat}, Case{"-1.123e+4", TokenKind::kFloat},
        Case{"-1.123e4567", TokenKind::kFloat}}) {
    const Lexed t = lex_one_copy(c.source);
    EXPECT_EQ(t.kind, c.kind) << c.source;
    EXPECT_EQ(t.value, c.source);
  }
  EXPECT_EQ(kinds("1 2,3"), (std::vector<TokenKind>{TokenKind::kInt, TokenKind::kInt,
                                                    TokenKind::kInt, TokenKind::kEndOfFile}));
  EXPECT_EQ(kinds("1)"),
            (std::vector<TokenKind>{TokenKind::kInt, TokenKind::kParenR, TokenKind::kEndOfFile}));
}

TEST(GraphqlLexerTest, InvalidNumbers) {
  struct Case {
    std::string_view source;
    std::string_view message;
    std::uint32_t column;
  };
  const Case cases[] = {
      {"00", "Invalid number, unexpected digit after 0: \"0\".", 2},
      {"01", "Invalid number, unexpected digit after 0: \"1\".", 2},
      {"01.23", "Invalid number, unexpected digit after 0: \"1\".", 2},
      {"-01", "Invalid number, unexpected digit after 0: \"1\".", 3},
      {"+1", "Unexpected character: \"+\".", 1},
      {"1.", "Invalid number, expected digit but got: <EOF>.", 3},
      {"1e", "Invalid number, expected digit but got: <EOF>.", 3},
      {"1E", "Invalid number, expected digit but got: <EOF>.", 3},
      {"1.e1", "Invalid number, expected digit but got: \"e\".", 3},
      {".123", "Unexpected character: \".\".", 1},
      {"1.A", "Invalid number, expected digit but got: \"A\".", 3},
      {"-A", "Invalid number, expected digit but got: \"A\".", 2},
      {"-", "Invalid number, expected digit but got: <EOF>.", 2},
      {"1.0e", "Invalid number, expected digit but got: <EOF>.", 5},
      {"1.0eA", "Invalid number, expected digit but got: \"A\".", 5},
      {"1.0e\"", "Invalid number, expected digit but got: '\"'.", 5},
      {"1.2e3e", "Invalid number, expected digit but got: \"e\".", 6},
      {"1.2e3.4", "Invalid number, expected digit but got: \".\".", 6},
      {"1.23.4", "Invalid number, expected digit but got: \".\".", 5},
      {"0xF1", "Invalid number, expected digit but got: \"x\".", 2},
      {"0b10", "Invalid number, expected digit but got: \"b\".", 2},
      {"123abc", "Invalid number, expected digit but got: \"a\".", 4},
      {"1_234", "Invalid number, expected digit but got: \"_\".", 2},
      {"1\xC3\x9F", "Unexpected character: U+00DF.", 2},
      {"1.23f", "Invalid number, expected digit but got: \"f\".", 5},
      {"1.234_5", "Invalid number, expected digit but got: \"_\".", 6},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(lex_error(c.source),
              (ErrorAt{"Syntax Error: " + std::string(c.message), 1, c.column}))
        << c.source;
  }
}

TEST(GraphqlLexerTest, UnexpectedCharacters) {
  struct Case {
    std::string_view source;
    std::string_view message;
  };
  const Case cases[] = {
      {"..", "Unexpected character: \".\"."},
      {"~", "Unexpected character: \"~\"."},
      {std::string_view("\0", 1), "Unexpected character: U+0000."},
      {"\b", "Unexpected character: U+0008."},
      {"\x7F", "Unexpected character: U+007F."},
      {"\xC2\xAA", "Unexpected character: U+00AA."},
      {"\xE0\xAA\xAA", "Unexpected character: U+0AAA."},
      {"\xE2\x80\xBB", "Unexpected character: U+203B."},
      {"\xF0\x9F\x98\x80", "Unexpected character: U+1F600."},
      {"\xF4\x8F\xBF\xBF", "Unexpected character: U+10FFFF."},
      {"\xED\xBA\xAD", "Invalid character: U+DEAD."},
      {"\xFF", "Invalid character: byte 0xFF (invalid UTF-8)."},
      {"\x80", "Invalid character: byte 0x80 (invalid UTF-8)."},
      {"\xF4\x90\x80\x80", "Invalid character: byte 0xF4 (invalid UTF-8)."},  // > U+10FFFF
      {"# comment ends before \xED\xBA\xAD", "Invalid character: U+DEAD."},
  };
  for (const Case& c : cases) {
    const ErrorAt error = lex_error(c.source);
    EXPECT_EQ(error.message, "Syntax Error: " + std::string(c.message)) << c.source;
  }
  EXPECT_EQ(lex_error("\n\n ~\n"), (ErrorAt{"Syntax Error: Unexpected character: \"~\".", 3, 2}));
  EXPECT_EQ(lex_error("a \xF0\x9F\x98\x80"),
            (ErrorAt{"Syntax Error: Unexpected character: U+1F600.", 1, 3}));
}

TEST(GraphqlLexerTest, ErrorIsSticky) {
  Lexer lexer("a ~ b");
  EXPECT_EQ(lexer.next().kind, TokenKind::kName);
  const Token error = lexer.next();
  EXPECT_EQ(error.kind, TokenKind::kError);
  EXPECT_EQ(error.start, 2u);
  EXPECT_EQ(lexer.next().kind, TokenKind::kError);
  EXPECT_EQ(lexer.error().message, "Syntax Error: Unexpected character: \"~\".");
}

TEST(GraphqlLexerTest, LexesARealQuery) {
  const std::vector<TokenKind> expected = {
      TokenKind::kName,   TokenKind::kName,     TokenKind::kParenL,   TokenKind::kDollar,
      TokenKind::kName,   TokenKind::kColon,    TokenKind::kName,     TokenKind::kBang,
      TokenKind::kEquals, TokenKind::kInt,      TokenKind::kParenR,   TokenKind::kBraceL,
      TokenKind::kName,   TokenKind::kColon,    TokenKind::kName,     TokenKind::kParenL,
      TokenKind::kName,   TokenKind::kColon,    TokenKind::kBracketL, TokenKind::kFloat,
      TokenKind::kString, TokenKind::kBracketR, TokenKind::kParenR,   TokenKind::kAt,
      TokenKind::kName,   TokenKind::kBraceL,   TokenKind::kSpread,   TokenKind::kName,
      TokenKind::kBraceR, TokenKind::kBraceR,   TokenKind::kEndOfFile};
  EXPECT_EQ(kinds("query Q($n: Int! = 10) { a: b(c: [1.5, \"s\"]) @d { ...F } } # done"), expected);
}

}  // namespace
}  // namespace ecn::graphql
