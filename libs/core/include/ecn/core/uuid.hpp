#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

// UUIDs in their canonical text form (lower-case 8-4-4-4-12), the form ids take everywhere in
// the system: in rows, events, URLs and logs.
namespace ecn::core {

// A random UUID (RFC 9562 version 4) from libsodium's CSPRNG.
std::string new_uuid_v4();

// A time-ordered UUID (RFC 9562 version 7): 48 bits of Unix milliseconds, then 12 bits of
// sub-millisecond time, then 62 random bits. Ids made on one thread are strictly increasing
// (as strings and as bytes) even within one clock tick, so B-tree inserts land at the right
// edge; across threads they are ordered by the millisecond.
std::string new_uuid_v7();

// True for the canonical form only: 36 characters, hyphens at 8, 13, 18, 23, lower-case hex
// elsewhere. Version and variant bits are not checked.
bool is_uuid(std::string_view text);

// The canonical form of a hyphenated UUID in any letter case; nullopt when it is not one.
std::optional<std::string> normalize_uuid(std::string_view text);

// An id field of a request or payload, in canonical form; INVALID_ARGUMENT naming `field`
// ("user_id: required", "user_id: must be a UUID") otherwise.
Result<std::string> parse_uuid(std::string_view text, std::string_view field);

}  // namespace ecn::core
