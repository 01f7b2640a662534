#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Text rules shared by the catalogue's fields. Lengths are in characters (Unicode code points),
// as people count them, not in bytes; gRPC has already refused text that is not UTF-8.
namespace ecn::product::domain {

// `text` in double quotes for an error message, cut to a readable length.
std::string quoted(std::string_view text);

}  // namespace ecn::product::domain
