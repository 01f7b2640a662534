// Fault test: stops and starts the real test PostgreSQL, so ctest runs it alone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "ecn/pg/pool.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/infra_control.hpp"
#include "ecn/testing/temp_database.hpp"

namespace ecn::pg {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Brings PostgreSQL back even when an assertion fails half-way, so later tests find it.
class ServerRestarter {
 public:
  void stop() {
    ecn::testing::infra("stop", "postgres");
    stopped_ = true;
  }
  void start() {
    ecn::testing::infra("start", "postgres");
    stopped_ = false;
  }
  ~ServerRestarter() {
    if (!stopped_) return;
    try {
      ecn::testing::infra("start", "postgres");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not restart postgres: " << e.what();
    }
  }

 private:
  bool stopped_ = false;
};

int backend_pid(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  return tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
}

TEST(PoolRestart, FailsFastWhileDownAndRecoversWithoutANewPool) {
  ecn::testing::TempDatabase db;
  PoolOptions options;
  options.url = db.url();
  options.max_size = 3;
  options.acquire_timeout = 1500ms;
  options.connect_timeout = 2000ms;
  Pool pool(options);
  pool.transact([](pqxx::work& tx) { tx.exec("CREATE TABLE t (id int PRIMARY KEY)"); });

  std::set<int> old_pids;
  std::optional<Pool::Lease> held;
  {
    std::vector<Pool::Lease> leases;
    for (int i = 0; i < 3; ++i) leases.push_back(pool.acquire());
    for (auto& lease : leases) old_pids.insert(backend_pid(*lease));
    held.emplace(std::move(leases.back()));  // leased across the restart
  }
  ASSERT_EQ(pool.size(), 3u);
  ASSERT_EQ(pool.idle(), 2u);

  ServerRestarter server;
  server.stop();

  // While PostgreSQL is down every call fails with an error the API edge maps to
  // UNAVAILABLE, and within the acquire timeout (plus one connect attempt), never hanging.
  const auto bound = options.acquire_timeout + options.connect_timeout + 1s;
  auto start = Clock::now();
  try {
    pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (1)"); });
    ADD_FAILURE() << "transact succeeded with PostgreSQL stopped";
  } catch (const PoolUnavailable&) {
  } catch (const pqxx::broken_connection&) {
  }
  EXPECT_LT(Clock::now() - start, bound);

  start = Clock::now();
  EXPECT_THROW(pool.acquire(), PoolUnavailable);
  EXPECT_LT(Clock::now() - start, bound);
  EXPECT_FALSE(pool.ping());
  EXPECT_EQ(pool.idle(), 0u);  // dead idle connections were dropped, not kept
  {
    pqxx::nontransaction tx(**held);
    EXPECT_THROW(tx.exec("SELECT 1"), pqxx::broken_connection);
  }
  held.reset();
  EXPECT_EQ(pool.size(), 0u);  // the broken lease was closed on return

  server.start();

  // Same pool object: the first transaction after the restart just works.
  EXPECT_NO_THROW(pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (1)"); }));
  EXPECT_EQ(
      pool.transact([](pqxx::work& tx) { return tx.exec1("SELECT count(*) FROM t")[0].as<int>(); }),
      1);
  // Every connection handed out now is a live one from after the restart.
  std::vector<Pool::Lease> leases;
  for (int i = 0; i < 3; ++i) {
    leases.push_back(pool.acquire());
    int pid = 0;
    ASSERT_NO_THROW(pid = backend_pid(*leases.back())) << "lease " << i;
    EXPECT_EQ(old_pids.count(pid), 0u);
  }
  EXPECT_EQ(pool.size(), 3u);
  leases.clear();
  EXPECT_TRUE(pool.ping());
}

}  // namespace
}  // namespace ecn::pg
