#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Block strings ("""...""") in both directions: the spec's BlockStringValue() for reading and
// graphql-js's printBlockString() for writing, so printed SDL reads back to the same value.
namespace ecn::graphql {

// BlockStringValue(raw): `raw` is the text between the triple quotes as written (with `\"""`
// escapes, any line terminators). Common indentation of all lines but the first is removed,
// leading and trailing blank lines are dropped and lines are joined with "\n".
std::string block_string_value(std::string_view raw);

// The same, written to `out`, which must have room for raw.size() bytes (the value is never
// longer than the raw text). Returns the length written.
std::size_t block_string_value(std::string_view raw, char* out);

// Whether `value` survives a round trip through a block string unchanged (graphql-js
// isPrintableAsBlockString), which decides how descriptions are printed in SDL.
bool is_printable_as_block_string(std::string_view value);

// Appends `value` as a block string literal, like graphql-js printBlockString(value).
void print_block_string(std::string_view value, std::string& out, bool minimize = false);

}  // namespace ecn::graphql
