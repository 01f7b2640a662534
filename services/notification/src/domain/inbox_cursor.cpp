#include "domain/inbox_cursor.hpp"

#include <sodium.h>

#include <charconv>

#include "ecn/core/cursor.hpp"

namespace ecn::notification::domain {
namespace {

// Versioned, and distinct from core's "k1:" cursors (the former inbox cursors).
constexpr std::string_view kPrefix = "n1:";
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kMaxCursorLength = 200;

}  // namespace

core::Error bad_inbox_cursor(std::string_view field) {
  return {core::ErrorCode::kInvalidArgument,
          std::string(field) +
              ": not a cursor of this list (pass a page's endCursor or a notification's cursor)"};
}

std::string encode_inbox_cursor(std::int64_t seq) {
  const std::string plain = std::string(kPrefix) + std::to_string(seq);
  std::string encoded(sodium_base64_ENCODED_LEN(plain.size(), kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), kVariant);
  encoded.resize(encoded.find('\0'));
  return encoded;
}

core::Result<InboxPosition> decode_inbox_cursor(std::string_view text, std::string_view field) {
  if (text.empty() || text.size() > kMaxCursorLength) return bad_inbox_cursor(field);
  std::string plain(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(plain.data()), plain.size(), text.data(),
                        text.size(), nullptr, &length, &end, kVariant) != 0 ||
      end != text.data() + text.size()) {
    return bad_inbox_cursor(field);
  }
  plain.resize(length);
  if (!plain.starts_with(kPrefix)) {
    auto legacy = core::decode_cursor(text, field);
    if (!legacy) return bad_inbox_cursor(field);
    return InboxPosition{.seq = 0, .legacy_id = legacy->id};
  }
  const std::string_view digits = std::string_view(plain).substr(kPrefix.size());
  InboxPosition position;
  const auto [ptr, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), position.seq);
  if (digits.empty() || error != std::errc{} || ptr != digits.data() + digits.size() ||
      position.seq < 1) {
    return bad_inbox_cursor(field);
  }
  return position;
}

}  // namespace ecn::notification::domain
