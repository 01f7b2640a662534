#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <set>
#include <thread>

#include "ecn/pg/pool.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"

namespace ecn::pg {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

int backend_pid(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  return tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
}

class PoolTest : public ::testing::Test {
 protected:
  PoolOptions options(std::size_t max_size,
                      std::chrono::milliseconds acquire_timeout = 2000ms) const {
    PoolOptions o;
    o.url = db_.url();
    o.max_size = max_size;
    o.acquire_timeout = acquire_timeout;
    return o;
  }

  // Ends server sessions the way a PostgreSQL restart or an idle timeout would, and waits
  // until they are really gone.
  void terminate(const std::set<int>& pids) {
    pqxx::connection admin(db_.url());
    pqxx::nontransaction tx(admin);
    for (int pid : pids) tx.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    ASSERT_TRUE(ecn::testing::wait_until(
        [&] {
          std::string list;
          for (int pid : pids) list += (list.empty() ? "" : ",") + std::to_string(pid);
          return tx.exec1("SELECT count(*) FROM pg_stat_activity WHERE pid IN (" + list + ")")[0]
                     .as<int>() == 0;
        },
        5s));
  }

  void create_table(Pool& pool) {
    pool.transact([](pqxx::work& tx) { tx.exec("CREATE TABLE t (id int PRIMARY KEY, v int)"); });
  }

  int count_rows(Pool& pool) {
    return pool.transact(
        [](pqxx::work& tx) { return tx.exec1("SELECT count(*) FROM t")[0].as<int>(); });
  }

  ecn::testing::TempDatabase db_;
};

TEST_F(PoolTest, OpensLazilyAndNeverMoreThanMaxSize) {
  Pool pool(options(2, 300ms));
  EXPECT_EQ(pool.size(), 0u);
  std::optional<Pool::Lease> a(pool.acquire());
  Pool::Lease b = pool.acquire();
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.idle(), 0u);
  const int pid_a = backend_pid(**a);
  EXPECT_NE(pid_a, backend_pid(*b));

  const auto start = Clock::now();
  try {
    pool.acquire();
    FAIL() << "a third lease from a pool of two";
  } catch (const PoolUnavailable& e) {
    EXPECT_THAT(e.what(), HasSubstr("exhausted"));
  }
  const auto waited = Clock::now() - start;
  EXPECT_GE(waited, 300ms);
  EXPECT_LT(waited, 3s);
  EXPECT_EQ(pool.size(), 2u);

  a.reset();
  EXPECT_EQ(pool.idle(), 1u);
  Pool::Lease c = pool.acquire();
  EXPECT_EQ(backend_pid(*c), pid_a);  // the returned connection, not a new one
  EXPECT_EQ(pool.size(), 2u);
}

TEST_F(PoolTest, AWaiterGetsTheConnectionAsSoonAsItIsReturned) {
  Pool pool(options(1, 20s));
  std::optional<Pool::Lease> held(pool.acquire());
  const int pid = backend_pid(**held);
  std::atomic<int> waiter_pid{0};
  const auto start = Clock::now();
  std::thread waiter([&] {
    Pool::Lease lease = pool.acquire();
    waiter_pid = backend_pid(*lease);
  });
  held.reset();
  ASSERT_TRUE(ecn::testing::wait_until([&] { return waiter_pid != 0; }, 10s));
  waiter.join();
  EXPECT_EQ(waiter_pid, pid);
  EXPECT_LT(Clock::now() - start, 10s);  // woken by the return, not by its 20 s timeout
}

TEST_F(PoolTest, TransactCommitsAndReturnsTheFunctionsResult) {
  Pool pool(options(2));
  create_table(pool);
  const int inserted = pool.transact([](pqxx::work& tx) {
    return tx.exec("INSERT INTO t VALUES (1, 10), (2, 20)").affected_rows();
  });
  EXPECT_EQ(inserted, 2);
  // Seen from a connection outside the pool: really committed.
  pqxx::connection other(db_.url());
  pqxx::nontransaction tx(other);
  EXPECT_EQ(tx.exec1("SELECT sum(v) FROM t")[0].as<int>(), 30);
}

TEST_F(PoolTest, TransactRollsBackAndRethrowsWhenTheFunctionThrows) {
  Pool pool(options(1));
  create_table(pool);
  EXPECT_THROW(pool.transact([](pqxx::work& tx) {
    tx.exec("INSERT INTO t VALUES (1, 10)");
    throw std::logic_error("domain rule violated");
  }),
               std::logic_error);
  EXPECT_EQ(count_rows(pool), 0);
  EXPECT_THROW(
      pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (1, 1), (1, 2)"); }),
      pqxx::unique_violation);
  EXPECT_EQ(count_rows(pool), 0);
  EXPECT_EQ(pool.size(), 1u);  // an SQL error leaves the connection usable
}

TEST_F(PoolTest, TransactRetriesOnceOnAFreshConnectionWhenTheConnectionBreaks) {
  Pool pool(options(2));
  create_table(pool);
  int attempts = 0;
  std::set<int> pids;
  pool.transact([&](pqxx::work& tx) {
    ++attempts;
    pids.insert(tx.exec1("SELECT pg_backend_pid()")[0].as<int>());
    tx.exec("INSERT INTO t VALUES (1, 1)");
    if (attempts == 1) tx.exec("SELECT pg_terminate_backend(pg_backend_pid())");
  });
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(pids.size(), 2u);
  EXPECT_EQ(count_rows(pool), 1);  // the first attempt's insert died with its session
  EXPECT_EQ(pool.size(), 1u);      // the broken connection was closed, not kept
}

TEST_F(PoolTest, TransactGivesUpAfterTheSecondBrokenConnection) {
  Pool pool(options(2));
  int attempts = 0;
  EXPECT_THROW(pool.transact([&](pqxx::work& tx) {
    ++attempts;
    tx.exec("SELECT pg_terminate_backend(pg_backend_pid())");
  }),
               pqxx::broken_connection);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(pool.size(), 0u);
}

TEST_F(PoolTest, AConnectionThatBrokeWhileLeasedIsClosedNotReturned) {
  Pool pool(options(2));
  {
    Pool::Lease lease = pool.acquire();
    terminate({backend_pid(*lease)});
    pqxx::nontransaction tx(*lease);
    EXPECT_THROW(tx.exec("SELECT 1"), pqxx::broken_connection);
  }
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.idle(), 0u);
}

TEST_F(PoolTest, DiscardClosesAHealthyConnection) {
  Pool pool(options(2));
  Pool::Lease lease = pool.acquire();
  lease.discard();
  EXPECT_EQ(pool.size(), 0u);
}

TEST_F(PoolTest, AnIdleConnectionTheServerClosedIsNeverHandedOut) {
  Pool pool(options(3));
  std::set<int> old_pids;
  {
    std::vector<Pool::Lease> leases;
    for (int i = 0; i < 3; ++i) leases.push_back(pool.acquire());
    for (auto& lease : leases) old_pids.insert(backend_pid(*lease));
  }
  ASSERT_EQ(pool.idle(), 3u);
  terminate(old_pids);

  std::vector<Pool::Lease> leases;
  for (int i = 0; i < 3; ++i) {
    leases.push_back(pool.acquire());
    int pid = 0;
    // A dead connection would throw broken_connection on its first statement.
    ASSERT_NO_THROW(pid = backend_pid(*leases.back())) << "lease " << i;
    EXPECT_EQ(old_pids.count(pid), 0u);
  }
  EXPECT_EQ(pool.size(), 3u);
}

TEST_F(PoolTest, StaysWithinMaxSizeUnderConcurrentTransactions) {
  Pool pool(options(3, 20s));
  create_table(pool);
  pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (1, 0)"); });
  std::atomic<std::size_t> max_seen{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 25; ++j) {
        pool.transact([](pqxx::work& tx) { tx.exec("UPDATE t SET v = v + 1 WHERE id = 1"); });
        std::size_t seen = pool.size();
        std::size_t prev = max_seen;
        while (seen > prev && !max_seen.compare_exchange_weak(prev, seen)) {
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(max_seen.load(), 3u);
  EXPECT_EQ(pool.transact([](pqxx::work& tx) {
    return tx.exec1("SELECT v FROM t WHERE id = 1")[0].as<int>();
  }),
            200);
}

TEST_F(PoolTest, PassesConnectTimeoutToLibpq) {
  PoolOptions o = options(1);
  o.connect_timeout = 2500ms;
  Pool pool(o);
  Pool::Lease lease = pool.acquire();
  EXPECT_THAT(lease->options(), HasSubstr("connect_timeout=3"));
}

TEST_F(PoolTest, PingAnswersWhenTheServerDoes) {
  Pool pool(options(1));
  EXPECT_TRUE(pool.ping());
  EXPECT_EQ(pool.idle(), 1u);
}

TEST(PoolUnreachable, AcquireFailsWithPoolUnavailableAfterTheTimeout) {
  PoolOptions o;
  o.url = "postgresql://postgres@127.0.0.1:1/none";  // nothing listens on port 1
  o.max_size = 2;
  o.acquire_timeout = 400ms;
  Pool pool(o);
  const auto start = Clock::now();
  try {
    pool.acquire();
    FAIL() << "acquired a connection to a closed port";
  } catch (const PoolUnavailable& e) {
    EXPECT_THAT(e.what(), HasSubstr("unreachable"));
  }
  const auto waited = Clock::now() - start;
  EXPECT_GE(waited, 400ms);
  EXPECT_LT(waited, 3s);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_THROW(pool.transact([](pqxx::work&) {}), PoolUnavailable);
  EXPECT_FALSE(pool.ping());
}

}  // namespace
}  // namespace ecn::pg
