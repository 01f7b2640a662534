#include <gtest/gtest.h>

#include <algorithm>
#include <pqxx/pqxx>
#include <set>

#include "ecn/kafka/outbox.hpp"
#include "header_codec.hpp"
#include "kafka_test_support.hpp"

namespace ecn::kafka {
namespace {

TEST(Outbox, MigrationIsRepeatableAndIndexesOnlyUnsentRows) {
  test::OutboxDatabase db;  // applied once already
  db.pool().transact([](pqxx::work& tx) { tx.exec0(std::string(outbox_migration_sql())); });
  const auto definition = db.pool().transact([](pqxx::work& tx) {
    return tx.exec1("SELECT indexdef FROM pg_indexes WHERE indexname = 'outbox_unsent_idx'")[0]
        .as<std::string>();
  });
  EXPECT_NE(definition.find("WHERE (sent_at IS NULL)"), std::string::npos) << definition;
  db.pool().transact([](pqxx::work& tx) { tx.exec0(std::string(outbox_rollback_sql())); });
  const auto tables = db.pool().transact([](pqxx::work& tx) {
    return tx.exec1("SELECT count(*) FROM pg_tables WHERE tablename = 'outbox'")[0].as<int>();
  });
  EXPECT_EQ(tables, 0);
}

TEST(Outbox, EnqueueIsPartOfTheCallersTransaction) {
  test::OutboxDatabase db;
  const std::string payload = std::string("bin\0ary\xff", 8);
  try {
    db.pool().transact([&](pqxx::work& tx) {
      enqueue(tx, "t", "k", payload);
      throw std::runtime_error("business logic failed");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(db.count(), 0);

  const auto id = db.pool().transact([&](pqxx::work& tx) {
    return enqueue(tx, "user-events", "user-1", payload, {{"b", "2"}, {"a", "1"}});
  });
  db.pool().transact([&](pqxx::work& tx) {
    const auto row = tx.exec_params1(
        "SELECT topic, key, payload, headers::text, sent_at IS NULL FROM outbox WHERE id = $1", id);
    EXPECT_EQ(row[0].as<std::string>(), "user-events");
    EXPECT_EQ(row[1].as<std::string>(), "user-1");
    EXPECT_EQ(pqxx::binarystring(row[2]).str(), payload);
    EXPECT_EQ(detail::decode_headers(row[3].as<std::string>()), (Headers{{"b", "2"}, {"a", "1"}}));
    EXPECT_TRUE(row[4].as<bool>());
  });
}

TEST(Outbox, IdsFollowEnqueueOrder) {
  test::OutboxDatabase db;
  std::vector<std::int64_t> ids;
  db.pool().transact([&](pqxx::work& tx) {
    for (int i = 0; i < 5; ++i) ids.push_back(enqueue(tx, "t", "k", std::to_string(i)));
  });
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), ids.size());
}

TEST(Outbox, EnqueueNotifiesTheRelayAtCommitOnly) {
  test::OutboxDatabase db;
  pqxx::connection listener(db.url());
  {
    pqxx::nontransaction tx(listener);
    tx.exec0("LISTEN " + tx.quote_name(std::string(kOutboxChannel)));
  }
  auto lease = db.pool().acquire();
  pqxx::work tx(*lease);
  enqueue(tx, "t", "k", "v");
  enqueue(tx, "t", "k", "w");
  EXPECT_EQ(listener.await_notification(0, 300000), 0) << "notified before commit";
  tx.commit();
  EXPECT_EQ(listener.await_notification(5, 0), 1) << "one notification per transaction";
  EXPECT_EQ(listener.await_notification(0, 200000), 0);
}

}  // namespace
}  // namespace ecn::kafka
