#include "ecn/core/time.hpp"

#include <array>
#include <cstdint>

namespace ecn::core {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::system_clock;

// Writes `value` as exactly `width` decimal digits (zero-padded) at `out`.
char* put_digits(char* out, std::int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// Reads exactly `width` digits at `pos`, advancing it; nullopt when any is not a digit.
std::optional<int> take_digits(std::string_view text, std::size_t& pos, int width) {
  if (pos + static_cast<std::size_t>(width) > text.size()) return std::nullopt;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    const char c = text[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(width);
  return value;
}

bool take_char(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

bool take_either(std::string_view text, std::size_t& pos, char upper, char lower) {
  return take_char(text, pos, upper) || take_char(text, pos, lower);
}

}  // namespace

std::string to_rfc3339(system_clock::time_point time) {
  const auto ms_since_epoch = std::chrono::floor<milliseconds>(time);
  const auto day = std::chrono::floor<days>(ms_since_epoch);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{ms_since_epoch - day};

  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
  std::array<char, 24> buffer{};
  char* out = buffer.data();
  out = put_digits(out, static_cast<int>(date.year()), 4);
  *out++ = '-';
  out = put_digits(out, static_cast<unsigned>(date.month()), 2);
  *out++ = '-';
  out = put_digits(out, static_cast<unsigned>(date.day()), 2);
  *out++ = 'T';
  out = put_digits(out, clock.hours().count(), 2);
  *out++ = ':';
  out = put_digits(out, clock.minutes().count(), 2);
  *out++ = ':';
  out = put_digits(out, clock.seconds().count(), 2);
  *out++ = '.';
  out = put_digits(out, clock.subseconds().count(), 3);
  *out++ = 'Z';
  return std::string(buffer.data(), out);
}

std::optional<system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  const auto year = take_digits(text, pos, 4);
  if (!year || !take_char(text, pos, '-')) return std::nullopt;
  const auto month = take_digits(text, pos, 2);
  if (!month || !take_char(text, pos, '-')) return std::nullopt;
  const auto day = take_digits(text, pos, 2);
  if (!day || !take_either(text, pos, 'T', 't')) return std::nullopt;
  const auto hour = take_digits(text, pos, 2);
  if (!hour || !take_char(text, pos, ':')) return std::nullopt;
  const auto minute = take_digits(text, pos, 2);
  if (!minute || !take_char(text, pos, ':')) return std::nullopt;
  const auto second = take_digits(text, pos, 2);
  if (!second) return std::nullopt;

  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

  system_clock::duration fraction{0};
  if (take_char(text, pos, '.')) {
    // Digits past the clock's resolution are read (they must still be digits) and dropped.
    constexpr std::int64_t kTicksPerSecond = system_clock::period::den / system_clock::period::num;
    std::int64_t scale = kTicksPerSecond;
    std::int64_t ticks = 0;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (scale >= 10) {
        scale /= 10;
        ticks += (text[pos] - '0') * scale;
      }
      ++pos;
    }
    if (pos == start) return std::nullopt;
    fraction = system_clock::duration{ticks};
  }

  std::chrono::minutes offset{0};
  if (!take_either(text, pos, 'Z', 'z')) {
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
    const bool east = text[pos] == '+';
    ++pos;
    const auto offset_hours = take_digits(text, pos, 2);
    if (!offset_hours || !take_char(text, pos, ':')) return std::nullopt;
    const auto offset_minutes = take_digits(text, pos, 2);
    if (!offset_minutes || *offset_hours > 23 || *offset_minutes > 59) return std::nullopt;
    offset = std::chrono::hours{*offset_hours} + std::chrono::minutes{*offset_minutes};
    if (!east) offset = -offset;
  }
  if (pos != text.size()) return std::nullopt;

  // The local time minus its offset is UTC.
  const auto local = std::chrono::sys_days{date} + std::chrono::hours{*hour} +
                     std::chrono::minutes{*minute} + std::chrono::seconds{*second};
  return system_clock::time_point{
      std::chrono::duration_cast<system_clock::duration>(local.time_since_epoch()) + fraction -
      offset};
}

}  // namespace ecn::core
