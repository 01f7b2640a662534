// The retention purge of processed_events against the real PostgreSQL: rows older than the
// retention go, in bounded batches; recent rows stay.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "app/processed_events_purge.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

class ProcessedEventsPurgeTest : public ::testing::Test {
 protected:
  ProcessedEventsPurgeTest() {
    pg::Migrator(database_.url(), storage::migrations()).up();
    // 12,345 rows 8 days old, 10 rows 6 days old, 10 rows just now.
    exec(
        "INSERT INTO processed_events (event_id, processed_at) "
        "SELECT gen_random_uuid(), now() - interval '8 days' - g * interval '1 second' "
        "FROM generate_series(1, 12345) g");
    exec(
        "INSERT INTO processed_events (event_id, processed_at) "
        "SELECT gen_random_uuid(), now() - interval '6 days' FROM generate_series(1, 10)");
    exec(
        "INSERT INTO processed_events (event_id) SELECT gen_random_uuid() FROM generate_series(1, "
        "10)");
  }

  std::int64_t exec(const std::string& sql) {
    pqxx::connection connection(database_.url());
    pqxx::work tx(connection);
    const auto result = tx.exec(sql);
    tx.commit();
    return result.empty() ? 0 : result[0][0].as<std::int64_t>();
  }

  ecn::testing::TempDatabase database_;
  pg::Pool pool_{{.url = database_.url(), .max_size = 2}};
  ops::MetricsRegistry metrics_;
};

TEST_F(ProcessedEventsPurgeTest, DeletesRowsOlderThanTheRetentionInBatchesAndKeepsRecentOnes) {
  app::ProcessedEventsPurge purge(pool_, {.retention = 7 * 24h, .batch_size = 5000}, metrics_);
  EXPECT_EQ(purge.run_once(), 12345);
  EXPECT_EQ(exec("SELECT count(*) FROM processed_events"), 20);
  EXPECT_EQ(exec("SELECT count(*) FROM processed_events WHERE processed_at < now() - "
                 "interval '7 days'"),
            0);
  EXPECT_NE(metrics_.render().find("processed_events_purged_total 12345"), std::string::npos)
      << metrics_.render();
  EXPECT_EQ(purge.run_once(), 0);  // nothing left to do
}

TEST_F(ProcessedEventsPurgeTest, TheBackgroundThreadPurgesAtStart) {
  app::ProcessedEventsPurge purge(pool_, {.retention = 5 * 24h, .batch_size = 1000}, metrics_);
  purge.start();
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] { return exec("SELECT count(*) FROM processed_events") == 10; }, 30s));
  purge.stop();
  EXPECT_EQ(exec("SELECT count(*) FROM processed_events WHERE processed_at > now() - "
                 "interval '1 hour'"),
            10);
}

}  // namespace
}  // namespace ecn::notification::testing
