#include <gtest/gtest.h>

#include "ecn/kafka/outbox.hpp"
#include "embedded_migrations.hpp"

namespace {

// The outbox DDL lives in libs/kafka; the migration file must stay a verbatim copy so the
// golang-migrate .sql files and the relay never disagree about the table.
TEST(OrderMigrations, FirstMigrationIsTheOutboxTableVerbatim) {
  const auto migrations = ecn::order::migrations();
  ASSERT_GE(migrations.size(), 2u);
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].up_sql, ecn::kafka::outbox_migration_sql());
  EXPECT_EQ(migrations[0].down_sql, ecn::kafka::outbox_rollback_sql());
}

TEST(OrderMigrations, EveryMigrationCanBeReverted) {
  for (const auto& migration : ecn::order::migrations()) {
    EXPECT_FALSE(migration.down_sql.empty()) << migration.name;
  }
}

}  // namespace
