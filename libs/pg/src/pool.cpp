#include "ecn/pg/pool.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "conninfo.hpp"

namespace ecn::pg {
namespace {

using Clock = std::chrono::steady_clock;

// Pause between failed connection attempts inside one acquire(): quick enough to notice a
// restarted server soon, slow enough not to spin on a refused port.
constexpr std::chrono::milliseconds kFirstRetryDelay{50};
constexpr std::chrono::milliseconds kMaxRetryDelay{500};
// A readiness probe must answer quickly even when the pool is busy or PostgreSQL is down.
constexpr std::chrono::milliseconds kPingBudget{1000};

// libpq only notices a dead socket when it next reads from it, so PQstatus still says OK for
// an idle connection whose server went away. An idle connection has nothing to read: if its
// socket is readable, the server either closed it (EOF, usually after a FATAL "terminating
// connection" message) or sent something unsolicited. Either way it is not worth trusting, and
// poll() with a zero timeout costs one system call.
bool idle_connection_alive(const pqxx::connection& conn) noexcept {
  if (!conn.is_open()) return false;
  const int fd = conn.sock();
  if (fd < 0) return false;
  pollfd pfd{};
  pfd.fd = fd;
  pfd.events = POLLIN | POLLRDHUP;
  return ::poll(&pfd, 1, 0) == 0;
}

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...").
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

long long millis(std::chrono::milliseconds d) {
  return static_cast<long long>(d.count());
}

}  // namespace

Pool::Lease::Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}

Pool::Lease& Pool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    if (pool_ != nullptr && conn_) {
      const bool healthy = conn_->is_open();
      pool_->give_back(std::move(conn_), healthy);
    }
    pool_ = std::exchange(other.pool_, nullptr);
    conn_ = std::move(other.conn_);
  }
  return *this;
}

Pool::Lease::~Lease() {
  if (pool_ == nullptr || !conn_) return;
  // is_open() is PQstatus() == CONNECTION_OK: false once libpq saw the connection break.
  const bool healthy = conn_->is_open();
  pool_->give_back(std::move(conn_), healthy);
}

void Pool::Lease::discard() noexcept {
  if (pool_ == nullptr || !conn_) return;
  pool_->give_back(std::move(conn_), false);
}

Pool::Pool(PoolOptions options)
    : options_(std::move(options)),
      conninfo_(with_connect_timeout(options_.url, options_.connect_timeout)) {
  if (options_.max_size == 0) throw std::invalid_argument("pg pool: max_size must be at least 1");
}

Pool::~Pool() {
  std::lock_guard lock(mutex_);
  if (open_ != idle_.size()) {
    spdlog::error("pg pool destroyed with {} connection(s) still leased", open_ - idle_.size());
  }
  idle_.clear();
}

Pool::Lease Pool::acquire() {
  return acquire_until(Clock::now() + options_.acquire_timeout);
}

Pool::Lease Pool::acquire_until(Clock::time_point deadline) {
  std::string connect_error;  // last failure to connect during this call, if any
  auto retry_delay = kFirstRetryDelay;
  std::unique_lock lock(mutex_);
  while (true) {
    while (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      if (idle_connection_alive(*conn)) return Lease(this, std::move(conn));
      spdlog::warn("pg pool: dropping an idle connection the server has closed");
      conn.reset();
      lock.lock();
      --open_;
    }
    if (open_ < options_.max_size) {
      ++open_;  // reserve the slot so the connection can be opened without holding the lock
      lock.unlock();
      try {
        return Lease(this, std::make_unique<pqxx::connection>(conninfo_));
      } catch (const std::exception& e) {
        connect_error = one_line(e.what());
      }
      lock.lock();
      --open_;
      available_.notify_one();
      const auto now = Clock::now();
      if (now >= deadline) break;
      available_.wait_until(lock, std::min(deadline, now + retry_delay));
      retry_delay = std::min(retry_delay * 2, kMaxRetryDelay);
      continue;
    }
    if (Clock::now() >= deadline) break;
    available_.wait_until(lock, deadline);
  }
  if (!connect_error.empty()) {
    throw PoolUnavailable("PostgreSQL unreachable: no connection within " +
                          std::to_string(millis(options_.acquire_timeout)) +
                          " ms (last error: " + connect_error + ")");
  }
  throw PoolUnavailable("PostgreSQL pool exhausted: all " + std::to_string(options_.max_size) +
                        " connections stayed in use for " +
                        std::to_string(millis(options_.acquire_timeout)) + " ms");
}

void Pool::give_back(std::unique_ptr<pqxx::connection> conn, bool healthy) noexcept {
  if (!healthy) {
    conn.reset();  // closes the socket outside the lock
    std::lock_guard lock(mutex_);
    --open_;
  } else {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

bool Pool::ping() noexcept {
  try {
    Lease lease = acquire_until(Clock::now() + std::min(options_.acquire_timeout, kPingBudget));
    pqxx::nontransaction tx(*lease);
    tx.exec("SELECT 1");
    return true;
  } catch (const std::exception& e) {
    spdlog::debug("pg pool: ping failed: {}", e.what());
    return false;
  }
}

std::size_t Pool::size() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t Pool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

}  // namespace ecn::pg
