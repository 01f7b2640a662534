#include "ecn/core/uuid.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace ecn::core {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

constexpr std::string_view kHexDigits = "0123456789abcdef";

bool is_hyphen_position(std::size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

void fill_random(std::uint8_t* out, std::size_t size) {
  // sodium_init is idempotent and thread-safe; the static only remembers that it succeeded.
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium failed to initialise");
  randombytes_buf(out, size);
}

void set_version_and_variant(Bytes& bytes, std::uint8_t version) {
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | (version << 4));
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);
}

std::string format(const Bytes& bytes) {
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHexDigits[bytes[i] >> 4];
    text += kHexDigits[bytes[i] & 0x0F];
  }
  return text;
}

// Milliseconds since the Unix epoch (48 bits) and the fraction of the current millisecond in
// 1/4096ths (12 bits), as one 60-bit number that only grows with time.
std::uint64_t clock_60_bits() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  const auto millis = static_cast<std::uint64_t>(nanos / 1'000'000);
  const auto sub_milli = static_cast<std::uint64_t>(nanos % 1'000'000) * 4096 / 1'000'000;
  return (millis << 12) | sub_milli;
}

}  // namespace

std::string new_uuid_v4() {
  Bytes bytes{};
  fill_random(bytes.data(), bytes.size());
  set_version_and_variant(bytes, 4);
  return format(bytes);
}

std::string new_uuid_v7() {
  // RFC 9562 §6.2 method 3 with a per-thread floor: when the clock has not moved past the last
  // id of this thread (same 1/4096 ms, or a clock step back) the previous value plus one is
  // used, so ids from one thread never repeat or go backwards.
  thread_local std::uint64_t last_time = 0;
  std::uint64_t time = clock_60_bits();
  if (time <= last_time) time = last_time + 1;
  last_time = time;

  Bytes bytes{};
  fill_random(bytes.data() + 8, 8);
  const std::uint64_t millis = time >> 12;
  const auto sub_milli = static_cast<std::uint16_t>(time & 0x0FFF);
  for (int i = 0; i < 6; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
  }
  bytes[6] = static_cast<std::uint8_t>(sub_milli >> 8);
  bytes[7] = static_cast<std::uint8_t>(sub_milli & 0xFF);
  set_version_and_variant(bytes, 7);
  return format(bytes);
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_hyphen_position(i)) {
      if (c != '-') return false;
    } else if (kHexDigits.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> normalize_uuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!is_uuid(lower)) return std::nullopt;
  return lower;
}

Result<std::string> parse_uuid(std::string_view text, std::string_view field) {
  if (text.empty()) return Error{ErrorCode::kInvalidArgument, std::string(field) + ": required"};
  auto canonical = normalize_uuid(text);
  if (!canonical) {
    return Error{ErrorCode::kInvalidArgument, std::string(field) + ": must be a UUID"};
  }
  return std::move(*canonical);
}

}  // namespace ecn::core
