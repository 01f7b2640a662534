// Migration 000005 over an inbox that already has rows: each user's notifications are numbered
// in their former (created_at, id) order, new ones continue after them, and it reverts.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "ecn/core/uuid.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/testing/temp_database.hpp"
#include "storage/notification_store.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

TEST(SequenceMigration, NumbersExistingRowsPerUserInTheirFormerOrderAndReverts) {
  ecn::testing::TempDatabase database;
  const auto all = storage::migrations();
  const auto up_to = [&](std::int64_t version) {
    std::vector<pg::Migration> some;
    for (const auto& m : all) {
      if (m.version <= version) some.push_back(m);
    }
    return some;
  };
  pg::Migrator(database.url(), up_to(4)).up();

  const auto ada = core::new_uuid_v7();
  const auto bob = core::new_uuid_v7();
  pqxx::connection connection(database.url());
  {
    pqxx::work tx(connection);
    // Inserted out of time order; Ada's third is read.
    tx.exec_params(
        "INSERT INTO notifications (id, user_id, type, title, created_at, read_at) VALUES "
        "('00000000-0000-7000-8000-000000000003', $1::uuid, 3, 'a3', '2026-01-03', now()), "
        "('00000000-0000-7000-8000-000000000001', $1::uuid, 3, 'a1', '2026-01-01', NULL), "
        "('00000000-0000-7000-8000-000000000002', $1::uuid, 3, 'a2', '2026-01-02', NULL), "
        "('00000000-0000-7000-8000-000000000004', $2::uuid, 3, 'b1', '2026-01-01', NULL)",
        ada, bob);
    tx.exec_params(
        "INSERT INTO unread_counters (user_id, unread) VALUES ($1::uuid, 2), ($2::uuid, 1)", ada,
        bob);
    tx.commit();
  }

  pg::Migrator(database.url(), up_to(5)).up();
  {
    pqxx::work tx(connection);
    const auto rows =
        tx.exec("SELECT title, seq FROM notifications ORDER BY user_id = '" + bob + "', seq");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0][0].as<std::string>() + rows[1][0].as<std::string>() +
                  rows[2][0].as<std::string>() + rows[3][0].as<std::string>(),
              "a1a2a3b1");
    EXPECT_EQ(rows[2][1].as<int>(), 3);
    EXPECT_EQ(rows[3][1].as<int>(), 1);
    EXPECT_EQ(tx.exec_params1("SELECT last_seq * 10 + unread FROM unread_counters "
                              "WHERE user_id = $1::uuid",
                              ada)[0]
                  .as<int>(),
              32);
    // The next one continues the user's sequence.
    const auto next = storage::insert_notifications(
        tx, {{.user_id = ada, .type = domain::NotificationType::kSystem, .title = "a4"}});
    EXPECT_EQ(next.front().seq, 4);
    tx.commit();
  }

  EXPECT_EQ(pg::Migrator(database.url(), up_to(5)).down(1), 1u);
  {
    pqxx::work tx(connection);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM information_schema.columns "
                       "WHERE column_name IN ('seq', 'last_seq')")[0]
                  .as<int>(),
              0);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM pg_indexes WHERE indexname IN "
                       "('notifications_user_idx', 'notifications_user_unread_idx')")[0]
                  .as<int>(),
              2);
  }
  EXPECT_EQ(pg::Migrator(database.url(), all).up(), all.size() - 4);
}

}  // namespace
}  // namespace ecn::notification::testing
