#include "ecn/core/shutdown.hpp"

#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

#include "ecn/testing/environment.hpp"

namespace ecn::core {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

bool is_blocked_here(int signal) {
  sigset_t current;
  pthread_sigmask(SIG_SETMASK, nullptr, &current);
  return sigismember(&current, signal) == 1;
}

bool is_pending(int signal) {
  sigset_t pending;
  sigpending(&pending);
  return sigismember(&pending, signal) == 1;
}

TEST(ShutdownSignalTest, RequestWakesWaitAndRunsCallbacksInReverseOrder) {
  ShutdownSignal shutdown;
  std::string order;
  shutdown.on_shutdown([&] { order += "a"; });
  shutdown.on_shutdown([&] { order += "b"; });
  shutdown.on_shutdown([&] { order += "c"; });
  EXPECT_FALSE(shutdown.requested());

  std::thread worker([&] { shutdown.request(); });
  shutdown.wait();
  worker.join();

  EXPECT_TRUE(shutdown.requested());
  EXPECT_EQ(shutdown.signal_number(), 0);
  EXPECT_EQ(order, "cba");
}

TEST(ShutdownSignalTest, CallbacksRunOnceAcrossRepeatedWaits) {
  ShutdownSignal shutdown;
  int runs = 0;
  shutdown.on_shutdown([&] { ++runs; });
  shutdown.request();
  shutdown.request();
  shutdown.wait();
  shutdown.wait();
  EXPECT_TRUE(shutdown.wait_for(milliseconds(1)));
  EXPECT_EQ(runs, 1);
}

TEST(ShutdownSignalTest, WaitForTimesOutWithoutARequest) {
  ShutdownSignal shutdown;
  bool ran = false;
  shutdown.on_shutdown([&] { ran = true; });
  EXPECT_FALSE(shutdown.wait_for(milliseconds(30)));
  EXPECT_FALSE(shutdown.requested());
  EXPECT_FALSE(ran);
}

TEST(ShutdownSignalTest, RealSigtermToTheProcessTriggersShutdown) {
  ShutdownSignal shutdown;
  bool ran = false;
  shutdown.on_shutdown([&] { ran = true; });
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  ASSERT_TRUE(shutdown.wait_for(seconds(10)));
  EXPECT_EQ(shutdown.signal_number(), SIGTERM);
  EXPECT_TRUE(ran);
}

TEST(ShutdownSignalTest, RealSigintFromAnotherThreadTriggersShutdown) {
  ShutdownSignal shutdown;
  // Threads started after construction inherit the blocked mask, so the signal reaches only
  // the dedicated sigwait thread.
  std::thread sender([] {
    EXPECT_TRUE(is_blocked_here(SIGINT));
    kill(getpid(), SIGINT);
  });
  ASSERT_TRUE(shutdown.wait_for(seconds(10)));
  sender.join();
  EXPECT_EQ(shutdown.signal_number(), SIGINT);
}

TEST(ShutdownSignalTest, LaterSignalsAreAbsorbed) {
  ShutdownSignal shutdown;
  kill(getpid(), SIGTERM);
  ASSERT_TRUE(shutdown.wait_for(seconds(10)));
  // A second signal must neither kill the process nor change the recorded one.
  kill(getpid(), SIGINT);
  // The signal thread takes it (it stops being pending) and the process lives on.
  ASSERT_TRUE(testing::wait_until([] { return !is_pending(SIGINT); }, seconds(10)));
  EXPECT_EQ(shutdown.signal_number(), SIGTERM);
}

TEST(ShutdownSignalTest, SignalPendingAtDestructionDoesNotKillTheProcess) {
  {
    ShutdownSignal shutdown;
    shutdown.request();
    shutdown.wait();
    // Sent just before the destructor; whether or not the signal thread sees it first, the
    // destructor must not unblock it into the default action.
    kill(getpid(), SIGTERM);
  }
  EXPECT_FALSE(is_blocked_here(SIGTERM));
}

TEST(ShutdownSignalTest, BlocksSignalsWhileAliveAndRestoresTheMaskAfter) {
  ASSERT_FALSE(is_blocked_here(SIGTERM));
  {
    ShutdownSignal shutdown;
    EXPECT_TRUE(is_blocked_here(SIGTERM));
    EXPECT_TRUE(is_blocked_here(SIGINT));
  }
  EXPECT_FALSE(is_blocked_here(SIGTERM));
  EXPECT_FALSE(is_blocked_here(SIGINT));
}

TEST(ShutdownSignalTest, LateRegistrationRunsImmediately) {
  ShutdownSignal shutdown;
  shutdown.request();
  shutdown.wait();
  bool ran = false;
  shutdown.on_shutdown([&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST(ShutdownSignalTest, FailingCallbackDoesNotStopTheOthers) {
  ShutdownSignal shutdown;
  bool first_registered_ran = false;
  shutdown.on_shutdown([&] { first_registered_ran = true; });
  shutdown.on_shutdown([] { throw std::runtime_error("flush failed"); });
  shutdown.request();
  shutdown.wait();
  EXPECT_TRUE(first_registered_ran);
}

TEST(ShutdownSignalTest, EveryWaiterReturnsOnlyAfterCallbacksFinished) {
  ShutdownSignal shutdown;
  std::atomic<bool> release{false};
  std::atomic<bool> callback_done{false};
  std::atomic<int> callback_runs{0};
  shutdown.on_shutdown([&] {
    ++callback_runs;
    while (!release) std::this_thread::yield();
    callback_done = true;
  });
  shutdown.request();
  // Whichever waiter takes the callbacks, the other must block until they are done.
  const auto waiter = [&] {
    shutdown.wait();
    EXPECT_TRUE(callback_done);
  };
  std::thread first(waiter);
  std::thread second(waiter);
  while (callback_runs == 0) std::this_thread::yield();
  release = true;
  first.join();
  second.join();
  EXPECT_EQ(callback_runs, 1);
}

TEST(ShutdownSignalTest, DestructionWithoutWaitDropsCallbacks) {
  bool ran = false;
  {
    ShutdownSignal shutdown;
    shutdown.on_shutdown([&] { ran = true; });
    shutdown.request();
  }
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace ecn::core
