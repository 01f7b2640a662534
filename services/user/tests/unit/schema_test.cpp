// The migrations compiled into the binary.
#include "storage/schema.hpp"

#include <gtest/gtest.h>

#include "ecn/kafka/outbox.hpp"

namespace {

TEST(UserMigrations, TheFirstIsExactlyTheOutboxOfLibsKafka) {
  // golang-migrate runs the .sql files themselves, so they must not drift from the library's
  // outbox DDL that the relay is written against.
  const auto migrations = ecn::user::storage::migrations();
  ASSERT_GE(migrations.size(), 2u);
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].name, "create_outbox");
  EXPECT_EQ(migrations[0].up_sql, ecn::kafka::outbox_migration_sql());
  EXPECT_EQ(migrations[0].down_sql, ecn::kafka::outbox_rollback_sql());
  EXPECT_EQ(migrations[1].version, 2);
  EXPECT_EQ(migrations[1].name, "create_users");
}

}  // namespace
