#include "storage/schema.hpp"

#include "embedded_migrations.hpp"

namespace ecn::user::storage {

std::vector<pg::Migration> migrations() {
  return embedded::migrations();
}

}  // namespace ecn::user::storage
