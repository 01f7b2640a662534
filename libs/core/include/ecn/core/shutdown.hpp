#pragma once

#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ecn::core {

// Turns SIGINT/SIGTERM into an orderly stop. Construct it first thing in main, before any
// other thread exists: it blocks both signals in the constructing thread, every thread
// started afterwards inherits that mask, and a dedicated thread takes them with sigwait, so no
// code runs in signal-handler context and no other thread is interrupted.
//
//   ecn::core::ShutdownSignal shutdown;
//   ... start servers ...
//   shutdown.on_shutdown([&] { server.stop(); });
//   shutdown.wait();   // returns after the callbacks ran
//
// The signals must be sent to the process (kill, Ctrl-C, an orchestrator): a thread-directed
// raise() in a thread that blocks them stays pending on that thread and is never seen.
class ShutdownSignal {
 public:
  ShutdownSignal();
  // Stops the signal thread and restores the signal mask saved by the constructor on the
  // destroying thread. Callbacks that were never run by wait() are dropped, not run: they
  // may refer to objects that main has already destroyed.
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;

  // Asks for shutdown as a signal would, e.g. from a fatal error in a worker. Thread-safe.
  void request();

  // True once a signal arrived or request() was called.
  bool requested() const noexcept { return requested_.load(std::memory_order_acquire); }

  // The signal that asked for shutdown, or 0 when it was request() (or nothing yet).
  int signal_number() const noexcept { return signal_number_.load(std::memory_order_acquire); }

  // Blocks until shutdown is requested, then runs the callbacks on this thread, once, in
  // reverse registration order (things started last stop first), then returns.
  void wait();

  // As wait(), giving up after `timeout`; returns whether shutdown was requested (and so the
  // callbacks ran).
  bool wait_for(std::chrono::milliseconds timeout);

  // Registers work for wait() to run. Registered after the callbacks already ran, it runs at
  // once on the caller's thread, so a late registration is never lost.
  void on_shutdown(std::function<void()> callback);

 private:
  void signal_loop();
  void trigger(int signal);
  void run_callbacks(std::unique_lock<std::mutex>& lock);

  std::atomic<bool> requested_{false};
  std::atomic<int> signal_number_{0};
  std::atomic<bool> closing_{false};

  std::mutex mutex_;
  std::condition_variable state_changed_;
  std::vector<std::function<void()>> callbacks_;
  bool callbacks_started_ = false;
  bool callbacks_finished_ = false;

  sigset_t handled_signals_;
  sigset_t saved_mask_;
  std::thread signal_thread_;
};

}  // namespace ecn::core
