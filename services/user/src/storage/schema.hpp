#pragma once

#include <vector>

#include "ecn/pg/migrations.hpp"

namespace ecn::user::storage {

// The migrations of services/user/migrations, compiled into the binary.
std::vector<pg::Migration> migrations();

}  // namespace ecn::user::storage
