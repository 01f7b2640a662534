#pragma once

#include <chrono>
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "ecn/kafka/message.hpp"

namespace ecn::testing {

// Reads `topic` from the beginning with a fresh consumer group and returns the records whose key
// is in `keys`, in the order read (per key: the order written). Topics are shared by name across
// tests, so a test filters by the ids it created. Returns once `expected` records matched and
// the whole topic has been read (so an extra, unexpected record would be in the answer too), or
// at `timeout` with what it found.
std::vector<kafka::Message> read_keys(const std::string& topic, const std::set<std::string>& keys,
                                      std::size_t expected, std::chrono::milliseconds timeout);

}  // namespace ecn::testing
