#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace ecn::pg {

// Settings of a connection pool. connect_timeout becomes libpq's connect_timeout parameter
// (whole seconds, rounded up; libpq waits at least 2 s) unless the URL sets its own; 0 means no
// limit. acquire() can overrun acquire_timeout by up to one connect_timeout when PostgreSQL
// accepts no connection at all (a refused connection fails at once).
struct PoolOptions {
  std::string url;                                  // libpq URL or key=value string
  std::size_t max_size = 8;                         // connections open at most
  std::chrono::milliseconds acquire_timeout{5000};  // wait for a free connection
  std::chrono::milliseconds connect_timeout{3000};  // per new connection
};

// Thrown when no connection could be had within acquire_timeout (pool exhausted or
// PostgreSQL unreachable). Maps to UNAVAILABLE at the API edge.
class PoolUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bounded pool of libpq connections. Connections are opened lazily up to max_size; a caller
// waits (up to acquire_timeout) when all are leased. A connection found broken (for example
// after a PostgreSQL restart) is dropped and replaced by a fresh one. Thread-safe. Every Lease
// must be gone before the pool is destroyed.
class Pool {
 public:
  explicit Pool(PoolOptions options);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Exclusive use of one connection until destroyed; then it goes back to the pool, or is
  // closed if it broke while leased.
  class Lease {
   public:
    Lease(Lease&&) noexcept;
    Lease& operator=(Lease&&) noexcept;
    ~Lease();
    pqxx::connection& operator*() const { return *conn_; }
    pqxx::connection* operator->() const { return conn_.get(); }
    // Closes the connection instead of returning it (it is known to be unusable).
    void discard() noexcept;

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn);
    Pool* pool_ = nullptr;
    std::unique_ptr<pqxx::connection> conn_;
  };

  Lease acquire();

  // Runs fn(pqxx::work&) in one transaction and commits it when fn returns; rolls back when fn
  // throws. When the connection turns out broken before anything was committed, the
  // transaction is retried once on a fresh connection, so a PostgreSQL restart costs callers
  // nothing; pqxx::in_doubt_error (broken during COMMIT) is never retried.
  template <typename Fn>
  auto transact(Fn&& fn) -> decltype(fn(std::declval<pqxx::work&>()));

  // True when a connection answers SELECT 1 now: the readiness check. Waits at most
  // min(acquire_timeout, 1 s) for a connection so a probe never hangs.
  bool ping() noexcept;

  std::size_t size() const;  // open connections, leased or idle
  std::size_t idle() const;  // open connections waiting in the pool
  const PoolOptions& options() const { return options_; }

 private:
  Lease acquire_until(std::chrono::steady_clock::time_point deadline);
  void give_back(std::unique_ptr<pqxx::connection> conn, bool healthy) noexcept;

  PoolOptions options_;
  std::string conninfo_;  // options_.url with connect_timeout applied
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t open_ = 0;
};

template <typename Fn>
auto Pool::transact(Fn&& fn) -> decltype(fn(std::declval<pqxx::work&>())) {
  for (int attempt = 0;; ++attempt) {
    Lease lease = acquire();
    try {
      pqxx::work tx(*lease);
      if constexpr (std::is_void_v<decltype(fn(tx))>) {
        fn(tx);
        tx.commit();
        return;
      } else {
        auto result = fn(tx);
        tx.commit();
        return result;
      }
    } catch (const pqxx::in_doubt_error&) {
      lease.discard();
      throw;
    } catch (const pqxx::broken_connection&) {
      lease.discard();
      if (attempt >= 1) throw;
    }
  }
}

}  // namespace ecn::pg
