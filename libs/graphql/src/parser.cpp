#include "ecn/graphql/parser.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <utility>

#include "parser_impl.hpp"

namespace ecn::graphql {
namespace detail {

Parser::Parser(std::string_view source, std::pmr::memory_resource& arena,
               const ParseOptions& options)
    : arena_(arena), options_(options), lexer_(source, &arena) {
  stack_.reserve(64);
}

void Parser::lex(Token& token) {
  lexer_.next(token);
  if (token.kind == TokenKind::kError) throw ParseFailure{lexer_.error()};
}

void Parser::advance() {
  if (has_lookahead_) {
    token_ = lookahead_;
    has_lookahead_ = false;
  } else {
    lex(token_);
  }
  if (token_.kind != TokenKind::kEndOfFile && ++token_count_ > options_.max_tokens) {
    fail(token_.location(), "Document contains more than " + std::to_string(options_.max_tokens) +
                                " tokens. Parsing aborted.");
  }
}

const Token& Parser::lookahead() {
  if (!has_lookahead_) {
    if (token_.kind == TokenKind::kEndOfFile) {
      lookahead_ = token_;
    } else {
      lex(lookahead_);
    }
    has_lookahead_ = true;
  }
  return lookahead_;
}

Token Parser::expect(TokenKind kind) {
  const Token token = token_;
  if (token.kind != kind) {
    fail(token.location(), "Expected " + std::string(token_kind_description(kind)) + ", found " +
                               describe_token(token) + ".");
  }
  advance();
  return token;
}

bool Parser::expect_optional(TokenKind kind) {
  if (token_.kind != kind) return false;
  advance();
  return true;
}

void Parser::expect_keyword(std::string_view keyword) {
  if (token_.kind == TokenKind::kName && token_.value == keyword) {
    advance();
    return;
  }
  fail(token_.location(),
       "Expected \"" + std::string(keyword) + "\", found " + describe_token(token_) + ".");
}

bool Parser::expect_optional_keyword(std::string_view keyword) {
  if (token_.kind != TokenKind::kName || token_.value != keyword) return false;
  advance();
  return true;
}

// graphql-js compares `token.value` whatever the token kind, so a string "on" counts too.
bool Parser::token_value_is(std::string_view value) const {
  return token_has_value(token_.kind) && token_.value == value;
}

void Parser::unexpected(const Token& token) {
  fail(token.location(), "Unexpected " + describe_token(token) + ".");
}

void Parser::fail(const Location& location, std::string message) {
  throw ParseFailure{SyntaxError{"Syntax Error: " + std::move(message), location}};
}

Parser::DepthGuard::DepthGuard(Parser& parser, const Token& at) : parser_(parser) {
  if (++parser_.depth_ > parser_.options_.max_depth) {
    parser_.fail(at.location(), "Document exceeds the maximum nesting depth of " +
                                    std::to_string(parser_.options_.max_depth) +
                                    ". Parsing aborted.");
  }
}

const ast::DocumentNode* Parser::parse_document() {
  advance();
  Token start = token_;
  start.line = 1;  // the document starts at the start of the text, not at its first token
  start.column = 1;
  start.start = 0;
  auto* document = make<ast::DocumentNode>(start);
  const std::size_t mark = stack_.size();
  do {
    const ast::Definition* definition = parse_definition();
    stack_.push_back(definition);
  } while (!expect_optional(TokenKind::kEndOfFile));
  document->definitions = finish_list<ast::Definition>(mark);
  return document;
}

const ast::Definition* Parser::parse_definition() {
  if (peek(TokenKind::kBraceL)) return parse_operation_definition();

  // Many definitions begin with a description and need one token of lookahead.
  const bool has_description = peek(TokenKind::kString) || peek(TokenKind::kBlockString);
  const Token keyword = has_description ? lookahead() : token_;
  if (has_description && keyword.kind == TokenKind::kBraceL) {
    fail(token_.location(),
         "Unexpected description, descriptions are not supported on shorthand queries.");
  }
  if (keyword.kind == TokenKind::kName) {
    const std::string_view value = keyword.value;
    if (value == "schema") return parse_schema_definition();
    if (value == "scalar") return parse_scalar_type_definition();
    if (value == "type") return parse_object_type_definition();
    if (value == "interface") return parse_interface_type_definition();
    if (value == "union") return parse_union_type_definition();
    if (value == "enum") return parse_enum_type_definition();
    if (value == "input") return parse_input_object_type_definition();
    if (value == "directive") return parse_directive_definition();
    if (value == "query" || value == "mutation" || value == "subscription") {
      return parse_operation_definition();
    }
    if (value == "fragment") return parse_fragment_definition();
    if (has_description) {
      fail(token_.location(),
           "Unexpected description, only GraphQL definitions support descriptions.");
    }
    if (value == "extend") return parse_type_system_extension();
  }
  unexpected(keyword);
}

ast::Name Parser::parse_name() {
  const Token token = expect(TokenKind::kName);
  return ast::Name{token.value, token.location()};
}

ast::OperationType Parser::parse_operation_type() {
  const Token token = expect(TokenKind::kName);
  if (token.value == "query") return ast::OperationType::kQuery;
  if (token.value == "mutation") return ast::OperationType::kMutation;
  if (token.value == "subscription") return ast::OperationType::kSubscription;
  unexpected(token);
}

const ast::NamedType* Parser::parse_named_type() {
  auto* node = make<ast::NamedType>(token_);
  node->name = parse_name();
  return node;
}

const ast::Type* Parser::parse_type_reference() {
  const Token start = token_;
  const ast::Type* type = nullptr;
  if (expect_optional(TokenKind::kBracketL)) {
    DepthGuard depth(*this, start);
    auto* list = make<ast::ListType>(start);
    list->type = parse_type_reference();
    expect(TokenKind::kBracketR);
    type = list;
  } else {
    type = parse_named_type();
  }
  if (expect_optional(TokenKind::kBang)) {
    auto* non_null = make<ast::NonNullType>(start);
    non_null->type = type;
    return non_null;
  }
  return type;
}

const ast::StringValue* Parser::parse_string_literal() {
  const Token token = token_;
  advance();
  auto* node = make<ast::StringValue>(token);
  node->value = token.value;
  node->block = token.kind == TokenKind::kBlockString;
  return node;
}

}  // namespace detail

ParseResult parse(std::string_view source, const ParseOptions& options) {
  const std::size_t limit = std::min<std::size_t>(options.max_document_bytes, 0xFFFF'FFFE);
  if (source.size() > limit) {
    return SyntaxError{"Syntax Error: Document of " + std::to_string(source.size()) +
                           " bytes exceeds the maximum size of " + std::to_string(limit) +
                           " bytes. Parsing aborted.",
                       Location{0, 1, 1}};
  }
  // One upstream block sized for a typical document (the AST takes a few times the source),
  // so small and medium documents cost a single heap allocation.
  auto arena = std::make_unique<std::pmr::monotonic_buffer_resource>(source.size() * 6 + 1024);
  char* text = static_cast<char*>(arena->allocate(source.size() + 1, 1));
  std::memcpy(text, source.data(), source.size());
  text[source.size()] = '\0';
  const std::string_view owned(text, source.size());
  try {
    detail::Parser parser(owned, *arena, options);
    const ast::DocumentNode* root = parser.parse_document();
    const std::uint32_t tokens = parser.token_count();
    return Document(std::move(arena), owned, root, tokens);
  } catch (detail::ParseFailure& failure) {
    return std::move(failure.error);
  }
}

void throw_exception_from_error(const SyntaxError& error, const boost::source_location&) {
  throw std::invalid_argument(error.message + " (" + std::to_string(error.location.line) + ":" +
                              std::to_string(error.location.column) + ")");
}

}  // namespace ecn::graphql
