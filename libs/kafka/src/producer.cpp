#include "ecn/kafka/producer.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <future>
#include <thread>

#include "ecn/kafka/error.hpp"
#include "rdkafka_support.hpp"

namespace ecn::kafka {
namespace {

constexpr int kPollIntervalMs = 100;

// Travels through librdkafka as the record's opaque pointer and comes back in its report.
struct PendingDelivery {
  DeliveryCallback callback;
};

class DeliveryReports : public RdKafka::DeliveryReportCb {
 public:
  // Records accepted by produce() whose report has not been served yet. librdkafka's
  // outq_len() would also count queued events (errors, logs), which are not records.
  std::atomic<std::size_t> in_flight{0};

  void dr_cb(RdKafka::Message& message) override {
    --in_flight;
    std::unique_ptr<PendingDelivery> pending(static_cast<PendingDelivery*>(message.msg_opaque()));
    if (!pending) return;
    DeliveryReport report;
    report.topic = message.topic_name();
    report.partition = message.partition();
    report.offset = message.offset();
    report.error_code = message.err();
    if (message.err() != RdKafka::ERR_NO_ERROR) report.error = message.errstr();
    try {
      pending->callback(report);
    } catch (const std::exception& e) {
      // A throwing callback must not unwind into librdkafka.
      spdlog::error("kafka producer: delivery callback for {} threw: {}", report.topic, e.what());
    }
  }
};

}  // namespace

struct Producer::Impl {
  ProducerOptions options;
  // The callbacks are referenced by librdkafka, so they are declared before (and destroyed
  // after) the handle.
  detail::LogEvents events{"producer"};
  DeliveryReports reports;
  std::unique_ptr<RdKafka::Producer> handle;
  std::chrono::milliseconds delivery_timeout{0};
  std::atomic<bool> stopping{false};
  std::thread poller;
};

Producer::Producer(ProducerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  const auto& opts = impl_->options;
  auto conf = detail::make_conf(
      {
          {"bootstrap.servers", opts.brokers},
          {"client.id", opts.client_id},
          {"enable.idempotence", "true"},
          {"acks", "all"},
          {"max.in.flight.requests.per.connection", "5"},
          {"message.timeout.ms", std::to_string(opts.delivery_timeout.count())},
          // Same key-to-partition mapping as the Java clients, so tools agree with us.
          {"partitioner", "murmur2_random"},
          {"linger.ms", "5"},
      },
      opts.config);
  std::string errstr;
  if (conf->set("event_cb", &impl_->events, errstr) != RdKafka::Conf::CONF_OK ||
      conf->set("dr_cb", &impl_->reports, errstr) != RdKafka::Conf::CONF_OK) {
    throw KafkaError(RdKafka::ERR__INVALID_ARG, "kafka producer: " + errstr);
  }
  std::string timeout;
  if (conf->get("message.timeout.ms", timeout) == RdKafka::Conf::CONF_OK) {
    impl_->delivery_timeout = std::chrono::milliseconds(std::stoll(timeout));
  }
  impl_->handle.reset(RdKafka::Producer::create(conf.get(), errstr));
  if (!impl_->handle) {
    throw KafkaError(RdKafka::ERR__INVALID_ARG, "cannot create Kafka producer: " + errstr);
  }
  impl_->poller = std::thread([impl = impl_.get()] {
    while (!impl->stopping.load()) impl->handle->poll(kPollIntervalMs);
  });
}

Producer::~Producer() {
  auto& handle = *impl_->handle;
  const auto close_ms = static_cast<int>(impl_->options.close_timeout.count());
  if (handle.flush(close_ms) != RdKafka::ERR_NO_ERROR) {
    spdlog::warn("kafka producer: {} records undelivered after {} ms; purging them",
                 impl_->reports.in_flight.load(), close_ms);
    handle.purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
    // Serves the purge reports, so every callback hears about its record.
    handle.flush(kPollIntervalMs);
  }
  impl_->stopping = true;
  impl_->poller.join();
}

void Producer::produce(std::string_view topic, std::string_view key, std::string_view payload,
                       const Headers& headers, DeliveryCallback on_delivery) {
  std::unique_ptr<RdKafka::Headers> rk_headers;
  if (!headers.empty()) {
    rk_headers.reset(RdKafka::Headers::create());
    for (const auto& [name, value] : headers) rk_headers->add(name, value.data(), value.size());
  }
  std::unique_ptr<PendingDelivery> pending;
  if (on_delivery)
    pending = std::make_unique<PendingDelivery>(PendingDelivery{std::move(on_delivery)});
  // Counted before produce(): the report may be served before produce() returns.
  ++impl_->reports.in_flight;
  const auto err = impl_->handle->produce(
      std::string(topic), RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
      const_cast<char*>(payload.data()), payload.size(), key.data(), key.size(), 0,
      rk_headers.get(), pending.get());
  if (err != RdKafka::ERR_NO_ERROR) {
    --impl_->reports.in_flight;
    throw KafkaError(err, "cannot produce to " + std::string(topic) + ": " + RdKafka::err2str(err));
  }
  // Accepted: librdkafka now owns the headers, and the pending callback comes back in dr_cb.
  static_cast<void>(rk_headers.release());
  static_cast<void>(pending.release());
}

DeliveryReport Producer::produce_sync(std::string_view topic, std::string_view key,
                                      std::string_view payload, const Headers& headers,
                                      std::chrono::milliseconds timeout) {
  auto promise = std::make_shared<std::promise<DeliveryReport>>();
  auto future = promise->get_future();
  produce(topic, key, payload, headers,
          [promise](const DeliveryReport& report) { promise->set_value(report); });
  if (future.wait_for(timeout) != std::future_status::ready) {
    DeliveryReport report;
    report.topic = std::string(topic);
    report.error_code = RdKafka::ERR__TIMED_OUT;
    report.error = "no delivery report within " + std::to_string(timeout.count()) +
                   " ms; the record may still be delivered";
    return report;
  }
  return future.get();
}

bool Producer::flush(std::chrono::milliseconds timeout) {
  return impl_->handle->flush(static_cast<int>(timeout.count())) == RdKafka::ERR_NO_ERROR;
}

std::size_t Producer::in_flight() const {
  return impl_->reports.in_flight.load();
}

std::chrono::milliseconds Producer::delivery_timeout() const {
  return impl_->delivery_timeout;
}

}  // namespace ecn::kafka
