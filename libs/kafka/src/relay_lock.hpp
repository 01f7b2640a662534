#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <pqxx/connection>
#include <string>

namespace ecn::kafka::detail {

// Leadership among the relays of one database: a session-level advisory lock on a connection
// of its own (not a pooled one, whose session would outlive our use of it). The lock lives
// exactly as long as that session, so a relay that dies or loses its connection frees it for
// a stand-by. The same session LISTENs for the outbox NOTIFY.
class RelayLock {
 public:
  RelayLock(std::string url, std::int64_t key, bool listen);
  ~RelayLock();
  RelayLock(const RelayLock&) = delete;
  RelayLock& operator=(const RelayLock&) = delete;

  // Takes the lock if it is free; true when this relay holds it. Throws when PostgreSQL
  // cannot be reached.
  bool try_acquire();
  // True while the session that took the lock is still the one we talk to; on any doubt the
  // session is dropped (releasing the lock server-side if it was alive) and false returned.
  bool still_held();
  void release() noexcept;

  // Waits up to `timeout` for a NOTIFY on the outbox channel, in short slices so `stop`
  // is honoured promptly. True when one came. Throws pqxx::broken_connection.
  bool await_notification(std::chrono::milliseconds timeout, const std::function<bool()>& stop);

 private:
  std::string url_;
  std::int64_t key_;
  bool listen_;
  std::unique_ptr<pqxx::connection> conn_;
  int backend_pid_ = 0;
};

}  // namespace ecn::kafka::detail
