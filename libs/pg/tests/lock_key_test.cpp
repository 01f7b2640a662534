#include <gtest/gtest.h>

#include "ecn/pg/migrator.hpp"

namespace ecn::pg {
namespace {

// Expected values: golang-migrate's GenerateAdvisoryLockId(database, schema, table), i.e.
// crc32("schema\0table\0database") * 1486364155 mod 2^32, computed independently with zlib.
TEST(MigrationLockKey, MatchesGolangMigrate) {
  EXPECT_EQ(migration_lock_key("users", "public"), 3006603353);
  EXPECT_EQ(migration_lock_key("notifications", "public"), 34856889);
  EXPECT_EQ(migration_lock_key("x", "app", "schema_migrations"), 2423416615);
}

}  // namespace
}  // namespace ecn::pg
