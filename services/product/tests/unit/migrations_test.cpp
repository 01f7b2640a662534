#include <gtest/gtest.h>

#include "ecn/kafka/outbox.hpp"
#include "embedded_migrations.hpp"

namespace {

// The outbox DDL lives in libs/kafka; the migration file must stay a verbatim copy so the
// golang-migrate .sql files and the relay never disagree about the table.
TEST(ProductMigrations, FirstMigrationIsTheOutboxTableVerbatim) {
  const auto migrations = ecn::product::migrations();
  ASSERT_GE(migrations.size(), 2u);
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].up_sql, ecn::kafka::outbox_migration_sql());
  EXPECT_EQ(migrations[0].down_sql, ecn::kafka::outbox_rollback_sql());
}

TEST(ProductMigrations, EveryMigrationCanBeReverted) {
  for (const auto& migration : ecn::product::migrations()) {
    EXPECT_FALSE(migration.down_sql.empty()) << migration.name;
  }
}

}  // namespace
