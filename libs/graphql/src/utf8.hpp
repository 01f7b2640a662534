#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// UTF-8 helpers shared by the lexer, the location math and the printer.
namespace ecn::graphql::utf8 {

// One decoded character. Surrogate code points encoded as three bytes (CESU-8) decode with
// well_formed set, so callers can report them by code point the way graphql-js does;
// structurally broken bytes decode as a single byte with well_formed false.
struct Decoded {
  char32_t code_point = 0;
  std::uint8_t length = 1;
  bool well_formed = false;
};

inline bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

inline Decoded decode(std::string_view text, std::size_t position) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  const unsigned char lead = bytes[position];
  if (lead < 0x80) return {lead, 1, true};
  auto cont = [&](std::size_t i) {
    return position + i < size && is_continuation(bytes[position + i]);
  };
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (!cont(1)) return {lead, 1, false};
    return {static_cast<char32_t>(((lead & 0x1F) << 6) | (bytes[position + 1] & 0x3F)), 2, true};
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!cont(1) || !cont(2)) return {lead, 1, false};
    const char32_t cp =
        ((lead & 0x0F) << 12) | ((bytes[position + 1] & 0x3F) << 6) | (bytes[position + 2] & 0x3F);
    if (cp < 0x800) return {lead, 1, false};  // overlong
    return {cp, 3, true};
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return {lead, 1, false};
    const char32_t cp = ((lead & 0x07) << 18) | ((bytes[position + 1] & 0x3F) << 12) |
                        ((bytes[position + 2] & 0x3F) << 6) | (bytes[position + 3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return {lead, 1, false};
    return {cp, 4, true};
  }
  return {lead, 1, false};
}

inline bool is_scalar_value(std::int64_t cp) {
  return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF);
}

// UTF-16 code units of a character given its UTF-8 length: what graphql-js counts.
inline std::size_t utf16_units(std::size_t utf8_length) {
  return utf8_length == 4 ? 2 : 1;
}

// Appends the UTF-8 encoding of a Unicode scalar value.
inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Length of a UTF-8 text in UTF-16 code units (JavaScript's String.length), assuming valid input.
inline std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (!is_continuation(byte)) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace ecn::graphql::utf8
