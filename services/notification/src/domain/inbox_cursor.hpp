#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::notification::domain {

// Where an inbox listing continues: after the notification numbered `seq` in its user's
// sequence, or, for a cursor handed out before notifications were numbered, after the
// notification `legacy_id` (then seq is 0 and the caller looks its number up).
struct InboxPosition {
  std::int64_t seq = 0;
  std::string legacy_id;
};

// The opaque cursor of the notification numbered `seq`: one string that both listings accept
// (newest first and oldest first), so a cursor from a page, a notification or a live message
// works everywhere.
std::string encode_inbox_cursor(std::int64_t seq);

// INVALID_ARGUMENT naming `field` for a string that is neither an inbox cursor nor a cursor of
// the former (created_at, id) form.
core::Result<InboxPosition> decode_inbox_cursor(std::string_view text, std::string_view field);

// The INVALID_ARGUMENT for a cursor that is no position in this inbox, naming `field`.
core::Error bad_inbox_cursor(std::string_view field);

}  // namespace ecn::notification::domain
