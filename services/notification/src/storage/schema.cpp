#include "storage/schema.hpp"

#include "embedded_migrations.hpp"

namespace ecn::notification::storage {

std::vector<pg::Migration> migrations() {
  return embedded::migrations();
}

}  // namespace ecn::notification::storage
