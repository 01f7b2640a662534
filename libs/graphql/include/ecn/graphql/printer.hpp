#pragma once

#include <string>
#include <string_view>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/document.hpp"

namespace ecn::graphql {

// Prints an AST node (a whole document, a definition, a value, a type...) as GraphQL text,
// formatted exactly like graphql-js print(): two-space indentation, one selection per line,
// arguments wrapped when a field's line would pass 80 columns. Printing a parsed document and
// parsing the text again yields the same tree (and the same text).
std::string print(const ast::Node& node);
std::string print(const Document& document);

// Appends `value` as a double-quoted string literal with JSON-style escapes
// (graphql-js printString).
void print_string(std::string_view value, std::string& out);

}  // namespace ecn::graphql
