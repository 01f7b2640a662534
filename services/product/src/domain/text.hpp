#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Text rules shared by the catalogue's fields. Lengths are in characters (Unicode code points),
// as people count them, not in bytes; gRPC has already refused text that is not UTF-8.
namespace ecn::product::domain {

// Without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Code points in UTF-8 text.
std::size_t character_count(std::string_view utf8);

// True when the text has an ASCII control character (tab and newline included): such
// characters have no place in a one-line name.
bool has_control_character(std::string_view text);

// ASCII letters lower-cased, everything else kept.
std::string ascii_lower(std::string_view text);

// `text` in double quotes for an error message, cut to a readable length.
std::string quoted(std::string_view text);

}  // namespace ecn::product::domain
