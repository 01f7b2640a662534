#include "ecn/rpc/work_queue.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <vector>

#include "ecn/ops/metrics.hpp"

namespace ecn::rpc {
namespace {
const std::vector<double> kWaitBuckets = {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05,
                                          0.1,    0.25,   0.5,   1.0,   2.5,  5.0};
}

struct WorkQueue::Impl {
  Impl(WorkQueueOptions opts, ops::MetricsRegistry& metrics)
      : options(opts),
        queued(metrics.gauge("rpc_server_queued_calls",
                             "gRPC calls waiting for a worker (RPC_WORKERS) right now")),
        rejected(
            metrics.counter("rpc_server_queue_rejected_total",
                            "gRPC calls refused with UNAVAILABLE: RPC_QUEUE_LIMIT were waiting")),
        wait(metrics.histogram("rpc_server_queue_wait_seconds",
                               "time a gRPC call waited for a worker", kWaitBuckets)),
        pool(options.workers == 0 ? 1 : options.workers) {}

  WorkQueueOptions options;
  ops::Gauge& queued;
  ops::Counter& rejected;
  ops::Histogram& wait;
  std::atomic<std::size_t> waiting{0};
  boost::asio::thread_pool pool;
};

WorkQueue::WorkQueue(WorkQueueOptions options, ops::MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(options, metrics)) {}

WorkQueue::~WorkQueue() {
  impl_->pool.join();
}

bool WorkQueue::try_post(std::function<void()> task) {
  Impl& impl = *impl_;
  if (impl.waiting.fetch_add(1) >= impl.options.capacity) {
    impl.waiting.fetch_sub(1);
    impl.rejected.inc();
    return false;
  }
  impl.queued.inc();
  boost::asio::post(impl.pool,
                    [&impl, task = std::move(task), posted = std::chrono::steady_clock::now()] {
                      impl.waiting.fetch_sub(1);
                      impl.queued.dec();
                      impl.wait.observe(std::chrono::steady_clock::now() - posted);
                      task();
                    });
  return true;
}

const WorkQueueOptions& WorkQueue::options() const {
  return impl_->options;
}

}  // namespace ecn::rpc
