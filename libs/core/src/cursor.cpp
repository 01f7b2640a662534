#include "ecn/core/cursor.hpp"

#include <sodium.h>

#include <charconv>

#include "ecn/core/uuid.hpp"

namespace ecn::core {
namespace {

constexpr std::string_view kVersionPrefix = "k1:";
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

Error bad_cursor(std::string_view field) {
  return {ErrorCode::kInvalidArgument,
          std::string(field) + ": not a cursor of this list (pass the endCursor of a page)"};
}

}  // namespace

std::string encode_cursor(const KeysetCursor& cursor) {
  const std::string plain =
      std::string(kVersionPrefix) + std::to_string(cursor.created_at_us) + ":" + cursor.id;
  std::string encoded(sodium_base64_ENCODED_LEN(plain.size(), kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), kVariant);
  encoded.resize(encoded.find('\0'));
  return encoded;
}

Result<KeysetCursor> decode_cursor(std::string_view text, std::string_view field) {
  if (text.empty() || text.size() > 200) return bad_cursor(field);
  std::string plain(text.size(), '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(plain.data()), plain.size(), text.data(),
                        text.size(), nullptr, &length, &end, kVariant) != 0 ||
      end != text.data() + text.size()) {
    return bad_cursor(field);
  }
  plain.resize(length);
  if (!plain.starts_with(kVersionPrefix)) return bad_cursor(field);
  const std::string_view rest = std::string_view(plain).substr(kVersionPrefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return bad_cursor(field);
  KeysetCursor cursor;
  const auto digits = rest.substr(0, colon);
  const auto [ptr, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), cursor.created_at_us);
  if (ec != std::errc{} || ptr != digits.data() + digits.size() || digits.empty()) {
    return bad_cursor(field);
  }
  cursor.id = std::string(rest.substr(colon + 1));
  if (!is_uuid(cursor.id)) return bad_cursor(field);
  return cursor;
}

Result<int> page_size(std::int64_t first, std::string_view field) {
  if (first < 0) {
    return Error{ErrorCode::kInvalidArgument, std::string(field) + ": must be between 0 and " +
                                                  std::to_string(kMaxPageSize) + ", got " +
                                                  std::to_string(first)};
  }
  if (first == 0) return kDefaultPageSize;
  return static_cast<int>(std::min<std::int64_t>(first, kMaxPageSize));
}

}  // namespace ecn::core
