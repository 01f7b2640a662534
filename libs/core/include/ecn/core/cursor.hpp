#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::core {

// The position of a row in a "newest first on (created_at, id)" keyset-paginated list. Clients
// see it only as an opaque string (encode_cursor), never its parts.
struct KeysetCursor {
  std::int64_t created_at_us = 0;  // microseconds since the Unix epoch, as PostgreSQL stores it
  std::string id;                  // lower-case UUID: the tie-breaker among equal timestamps

  friend bool operator==(const KeysetCursor&, const KeysetCursor&) = default;
};

// Unpadded base64url of a versioned text form, so the format can change without breaking
// cursors already handed out.
std::string encode_cursor(const KeysetCursor& cursor);

// INVALID_ARGUMENT naming `field` for anything encode_cursor did not produce.
Result<KeysetCursor> decode_cursor(std::string_view text, std::string_view field = "after");

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

// `first` as requested → the page size to use: 0 (unset) means kDefaultPageSize, more than
// kMaxPageSize is capped; a negative value is INVALID_ARGUMENT naming `field`.
Result<int> page_size(std::int64_t first, std::string_view field = "first");

}  // namespace ecn::core
