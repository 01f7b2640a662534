#pragma once

#include <vector>

#include "ecn/pg/migrations.hpp"

namespace ecn::notification::storage {

// The migrations of services/notification/migrations, compiled into the binary.
std::vector<pg::Migration> migrations();

}  // namespace ecn::notification::storage
