#pragma once

#include <string>

#include "ecn/graphql/location.hpp"

namespace ecn::graphql {

// Why a document could not be lexed or parsed. The message is worded like graphql-js
// ("Syntax Error: Expected Name, found \"}\".") so clients see the same text from us as from
// the reference implementation; the location is where the offending character or token starts.
struct SyntaxError {
  std::string message;
  Location location;
};

}  // namespace ecn::graphql
