#pragma once

#include <string>
#include <string_view>

#include "ecn/kafka/message.hpp"

namespace ecn::kafka::detail {

// Headers as stored in outbox.headers (jsonb): an array of [name, value] pairs, which keeps
// their order and repeated names (a JSON object would merge and reorder them). Values must be
// UTF-8 text, as jsonb requires.
std::string encode_headers(const Headers& headers);

// The inverse of encode_headers; throws std::invalid_argument on any other shape.
Headers decode_headers(std::string_view json);

}  // namespace ecn::kafka::detail
