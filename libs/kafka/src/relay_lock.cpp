#include "relay_lock.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <pqxx/pqxx>

#include "ecn/kafka/outbox.hpp"

namespace ecn::kafka::detail {

RelayLock::RelayLock(std::string url, std::int64_t key, bool listen)
    : url_(std::move(url)), key_(key), listen_(listen) {}

RelayLock::~RelayLock() {
  release();
}

bool RelayLock::try_acquire() {
  if (conn_) return true;
  auto conn = std::make_unique<pqxx::connection>(url_);
  pqxx::nontransaction tx(*conn);
  const auto row = tx.exec_params1("SELECT pg_try_advisory_lock($1), pg_backend_pid()", key_);
  // A refused lock needs no cleanup: the connection closes when it goes out of scope.
  if (!row[0].as<bool>()) return false;
  if (listen_) tx.exec0("LISTEN " + tx.quote_name(std::string(kOutboxChannel)));
  backend_pid_ = row[1].as<int>();
  conn_ = std::move(conn);
  return true;
}

bool RelayLock::still_held() {
  if (!conn_) return false;
  try {
    // libpqxx 6 may silently reconnect a broken connection on the next statement; a new
    // backend pid means the session holding the lock (and the LISTEN) is gone.
    pqxx::nontransaction tx(*conn_);
    if (tx.exec1("SELECT pg_backend_pid()")[0].as<int>() == backend_pid_) return true;
    spdlog::error("outbox relay: the session holding the relay lock was replaced");
  } catch (const std::exception& e) {
    spdlog::error("outbox relay: lost the session holding the relay lock: {}", e.what());
  }
  release();
  return false;
}

void RelayLock::release() noexcept {
  // Closing the session releases a session-level advisory lock.
  conn_.reset();
  backend_pid_ = 0;
}

bool RelayLock::await_notification(std::chrono::milliseconds timeout,
                                   const std::function<bool()>& stop) {
  constexpr auto kSlice = std::chrono::milliseconds(200);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (conn_ && !stop()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const auto slice = std::min(left, kSlice);
    if (!conn_->is_open()) throw pqxx::broken_connection("relay lock session closed");
    if (conn_->await_notification(0, static_cast<long>(slice.count()) * 1000) > 0) return true;
  }
  return false;
}

}  // namespace ecn::kafka::detail
