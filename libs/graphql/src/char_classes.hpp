#pragma once

#include <array>
#include <cstdint>

// Byte classes of the GraphQL lexical grammar, looked up in one table per hot loop.
namespace ecn::graphql::chars {

inline constexpr std::uint8_t kNameStart = 1;
inline constexpr std::uint8_t kNameContinue = 2;
inline constexpr std::uint8_t kDigit = 4;

inline constexpr std::array<std::uint8_t, 256> kClasses = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kNameStart | kNameContinue;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kNameStart | kNameContinue;
  table['_'] = kNameStart | kNameContinue;
  for (int c = '0'; c <= '9'; ++c) table[c] = kNameContinue | kDigit;
  return table;
}();

// `c` is a byte value, or -1 for "past the end", which belongs to no class.
inline bool is(int c, std::uint8_t cls) {
  return c >= 0 && (kClasses[c] & cls) != 0;
}
inline bool is_name_start(int c) {
  return is(c, kNameStart);
}
inline bool is_name_continue(int c) {
  return is(c, kNameContinue);
}
inline bool is_digit(int c) {
  return is(c, kDigit);
}
inline bool is_white_space(int c) {
  return c == ' ' || c == '\t';
}

inline int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace ecn::graphql::chars
