#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/price.hpp"

namespace ecn::product::domain {

// A catalogue entry as stored and served.
struct Product {
  std::string id;  // UUIDv7, lower case
  std::string name;
  std::string description;
  Price price;
  std::string category;  // lower case
  std::optional<std::string> image_url;
  std::int64_t created_at_us = 0;  // microseconds since the Unix epoch, as PostgreSQL keeps it

  std::chrono::system_clock::time_point created_at() const {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::microseconds(created_at_us)));
  }

  friend bool operator==(const Product&, const Product&) = default;
};

}  // namespace ecn::product::domain
