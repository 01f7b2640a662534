#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// Text helpers for validating input at every boundary: limits are in characters (Unicode code
// points), as people count them, not in bytes.
namespace ecn::core {

// Code points of well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF);
// nullopt for anything else.
std::optional<std::size_t> utf8_length(std::string_view text);

// Without leading and trailing ASCII whitespace (space, \t, \n, \v, \f, \r).
std::string_view trim(std::string_view text);

// ASCII letters lower-cased; every other byte kept.
std::string ascii_lower(std::string_view text);

// True when the text holds a C0 control character or DEL: never meaningful in a name.
bool has_control_character(std::string_view text);

}  // namespace ecn::core
