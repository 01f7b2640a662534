#include "ecn/core/shutdown.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <exception>
#include <system_error>

namespace ecn::core {

ShutdownSignal::ShutdownSignal() {
  sigemptyset(&handled_signals_);
  sigaddset(&handled_signals_, SIGINT);
  sigaddset(&handled_signals_, SIGTERM);
  if (const int rc = pthread_sigmask(SIG_BLOCK, &handled_signals_, &saved_mask_); rc != 0) {
    throw std::system_error(rc, std::generic_category(), "pthread_sigmask");
  }
  signal_thread_ = std::thread([this] { signal_loop(); });
}

ShutdownSignal::~ShutdownSignal() {
  closing_.store(true, std::memory_order_release);
  // A thread-directed signal wakes exactly our sigwait; closing_ tells it not to count it.
  pthread_kill(signal_thread_.native_handle(), SIGTERM);
  signal_thread_.join();
  // A signal sent to the process that no sigwait took yet would be delivered, and kill us,
  // the moment the mask is restored: take it here, shutdown is under way anyway.
  const timespec no_wait{};
  while (sigtimedwait(&handled_signals_, nullptr, &no_wait) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
}

void ShutdownSignal::signal_loop() {
  for (;;) {
    int signal = 0;
    if (sigwait(&handled_signals_, &signal) != 0) continue;
    if (closing_.load(std::memory_order_acquire)) return;
    // Later signals are absorbed: the first one already started the orderly stop.
    trigger(signal);
  }
}

void ShutdownSignal::trigger(int signal) {
  {
    const std::lock_guard lock(mutex_);
    if (requested_.load(std::memory_order_relaxed)) return;
    signal_number_.store(signal, std::memory_order_release);
    requested_.store(true, std::memory_order_release);
  }
  if (signal != 0) spdlog::info("received signal {}, shutting down", signal);
  state_changed_.notify_all();
}

void ShutdownSignal::request() {
  trigger(0);
}

void ShutdownSignal::wait() {
  std::unique_lock lock(mutex_);
  state_changed_.wait(lock, [this] { return requested_.load(std::memory_order_relaxed); });
  run_callbacks(lock);
}

bool ShutdownSignal::wait_for(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!state_changed_.wait_for(lock, timeout,
                               [this] { return requested_.load(std::memory_order_relaxed); })) {
    return false;
  }
  run_callbacks(lock);
  return true;
}

void ShutdownSignal::run_callbacks(std::unique_lock<std::mutex>& lock) {
  if (callbacks_started_) {
    // Another thread is running them: return only once they are done, as wait() promises.
    state_changed_.wait(lock, [this] { return callbacks_finished_; });
    return;
  }
  callbacks_started_ = true;
  std::vector<std::function<void()>> callbacks = std::move(callbacks_);
  callbacks_.clear();
  lock.unlock();
  for (auto it = callbacks.rbegin(); it != callbacks.rend(); ++it) {
    try {
      (*it)();
    } catch (const std::exception& e) {
      // One failing step must not keep the others (flushes, commits) from running.
      spdlog::error("shutdown callback failed: {}", e.what());
    } catch (...) {
      spdlog::error("shutdown callback failed with a non-standard exception");
    }
  }
  lock.lock();
  callbacks_finished_ = true;
  state_changed_.notify_all();
}

void ShutdownSignal::on_shutdown(std::function<void()> callback) {
  {
    const std::lock_guard lock(mutex_);
    if (!callbacks_started_) {
      callbacks_.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

}  // namespace ecn::core
