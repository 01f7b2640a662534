#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace ecn::ops {
class MetricsRegistry;
}

namespace ecn::rpc {

// Sizes of a WorkQueue.
struct WorkQueueOptions {
  std::size_t workers = 16;     // threads running calls' work (database, upstream calls)
  std::size_t capacity = 4096;  // calls that may wait for a worker; past it try_post refuses
};

// The bounded executor a service's gRPC calls run on. A burst of calls waits here, holding no
// thread, until a worker is free; only a full queue refuses work, so the caller can shed with
// UNAVAILABLE instead of gRPC refusing for want of a thread. Reports
// `rpc_server_queued_calls`, `rpc_server_queue_rejected_total` and
// `rpc_server_queue_wait_seconds` (time from post to start).
class WorkQueue {
 public:
  WorkQueue(WorkQueueOptions options, ops::MetricsRegistry& metrics);
  // Runs what is still queued (calls check their own cancellation), then joins the workers.
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `task` for a worker; false, leaving `task` unrun, when `capacity` tasks wait already.
  bool try_post(std::function<void()> task);
  const WorkQueueOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::rpc
