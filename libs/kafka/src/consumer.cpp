#include "ecn/kafka/consumer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "commit_positions.hpp"
#include "ecn/kafka/error.hpp"
#include "rdkafka_support.hpp"

namespace ecn::kafka {
namespace {

using Clock = std::chrono::steady_clock;

std::set<TopicPartition> to_set(const std::vector<RdKafka::TopicPartition*>& partitions) {
  std::set<TopicPartition> out;
  for (const auto* tp : partitions) out.insert({tp->topic(), tp->partition()});
  return out;
}

std::string describe(const std::set<TopicPartition>& partitions) {
  std::string out;
  for (const auto& tp : partitions) {
    out += (out.empty() ? "" : ",") + tp.topic + "/" + std::to_string(tp.partition);
  }
  return out.empty() ? "none" : out;
}

// Applies assignment changes and remembers them: which partitions this member owns (for
// commit) and which were taken away since poll_batch last looked (to drop records fetched
// for them before the revocation).
class Rebalancer : public RdKafka::RebalanceCb {
 public:
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    const bool cooperative = consumer->rebalance_protocol() == "COOPERATIVE";
    const auto changed = to_set(partitions);
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      if (start_at_end) start_at_high_watermarks(consumer, partitions);
      if (cooperative) {
        std::unique_ptr<RdKafka::Error> error(consumer->incremental_assign(partitions));
        if (error) spdlog::error("kafka consumer: incremental assign failed: {}", error->str());
      } else {
        consumer->assign(partitions);
      }
      owned.insert(changed.begin(), changed.end());
      joined = true;
      spdlog::info("kafka consumer: assigned {}", describe(changed));
      return;
    }
    if (err == RdKafka::ERR__REVOKE_PARTITIONS) {
      spdlog::info("kafka consumer: {} {}", consumer->assignment_lost() ? "lost" : "revoked",
                   describe(changed));
    } else {
      spdlog::error("kafka consumer: rebalance error {}", RdKafka::err2str(err));
    }
    for (const auto& tp : changed) owned.erase(tp);
    revoked.insert(changed.begin(), changed.end());
    if (cooperative) {
      std::unique_ptr<RdKafka::Error> error(consumer->incremental_unassign(partitions));
      if (error) spdlog::error("kafka consumer: incremental unassign failed: {}", error->str());
    } else {
      consumer->unassign();
      revoked.insert(owned.begin(), owned.end());
      owned.clear();
    }
  }

  std::set<TopicPartition> owned;
  std::set<TopicPartition> revoked;
  // A join completed at least once (an assignment came, possibly empty).
  bool joined = false;
  bool start_at_end = false;  // ConsumerOptions::start_at_end_on_assign

 private:
  // A partition whose end cannot be read keeps the lazy auto.offset.reset lookup.
  static void start_at_high_watermarks(RdKafka::KafkaConsumer* consumer,
                                       std::vector<RdKafka::TopicPartition*>& partitions) {
    for (auto* tp : partitions) {
      std::int64_t low = 0;
      std::int64_t high = 0;
      const auto err =
          consumer->query_watermark_offsets(tp->topic(), tp->partition(), &low, &high, 5000);
      if (err == RdKafka::ERR_NO_ERROR) {
        tp->set_offset(high);
      } else {
        spdlog::warn("kafka consumer: end of {}/{} unknown ({}); starting at auto.offset.reset",
                     tp->topic(), tp->partition(), RdKafka::err2str(err));
      }
    }
  }
};

Message to_message(const RdKafka::Message& m) {
  Message out;
  out.topic = m.topic_name();
  out.partition = m.partition();
  out.offset = m.offset();
  if (const std::string* key = m.key(); key != nullptr) out.key = *key;
  if (m.payload() != nullptr) out.payload.assign(static_cast<const char*>(m.payload()), m.len());
  // RdKafka::Message::headers() is not const although it only reads.
  out.headers = detail::to_headers(const_cast<RdKafka::Message&>(m).headers());
  const auto ts = m.timestamp();
  if (ts.type != RdKafka::MessageTimestamp::MSG_TIMESTAMP_NOT_AVAILABLE) {
    out.timestamp = std::chrono::system_clock::time_point(std::chrono::milliseconds(ts.timestamp));
  }
  return out;
}

}  // namespace

struct Consumer::Impl {
  ConsumerOptions options;
  detail::LogEvents events{"consumer"};
  Rebalancer rebalancer;
  std::unique_ptr<RdKafka::KafkaConsumer> handle;
  bool closed = false;
};

Consumer::Consumer(ConsumerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  const auto& opts = impl_->options;
  impl_->rebalancer.start_at_end = opts.start_at_end_on_assign;
  if (opts.group_id.empty()) throw KafkaError(RdKafka::ERR__INVALID_ARG, "consumer: no group id");
  if (opts.topics.empty()) throw KafkaError(RdKafka::ERR__INVALID_ARG, "consumer: no topics");
  const auto session_ms = opts.session_timeout.count();
  auto conf = detail::make_conf(
      {
          {"bootstrap.servers", opts.brokers},
          {"group.id", opts.group_id},
          {"client.id", opts.client_id},
          {"enable.auto.commit", "false"},
          {"enable.auto.offset.store", "false"},
          {"auto.offset.reset", opts.auto_offset_reset},
          {"session.timeout.ms", std::to_string(session_ms)},
          {"heartbeat.interval.ms", std::to_string(std::max<std::int64_t>(session_ms / 3, 100))},
      },
      opts.config);
  std::string errstr;
  if (conf->set("event_cb", &impl_->events, errstr) != RdKafka::Conf::CONF_OK ||
      conf->set("rebalance_cb", &impl_->rebalancer, errstr) != RdKafka::Conf::CONF_OK) {
    throw KafkaError(RdKafka::ERR__INVALID_ARG, "kafka consumer: " + errstr);
  }
  impl_->handle.reset(RdKafka::KafkaConsumer::create(conf.get(), errstr));
  if (!impl_->handle) {
    throw KafkaError(RdKafka::ERR__INVALID_ARG, "cannot create Kafka consumer: " + errstr);
  }
  if (const auto err = impl_->handle->subscribe(opts.topics); err != RdKafka::ERR_NO_ERROR) {
    throw KafkaError(err, "cannot subscribe: " + RdKafka::err2str(err));
  }
}

Consumer::~Consumer() {
  try {
    close();
  } catch (const std::exception& e) {
    spdlog::error("kafka consumer: close failed: {}", e.what());
  }
}

std::vector<Message> Consumer::poll_batch(std::size_t max_messages,
                                          std::chrono::milliseconds timeout) {
  std::vector<Message> batch;
  if (impl_->closed) throw KafkaError(RdKafka::ERR__STATE, "consumer is closed");
  auto& revoked = impl_->rebalancer.revoked;
  revoked.clear();
  const auto deadline = Clock::now() + timeout;
  while (batch.size() < max_messages) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    // Block only for the first record; after that take what is already fetched.
    const int wait_ms =
        batch.empty() ? static_cast<int>(std::max<std::int64_t>(left.count(), 0)) : 0;
    std::unique_ptr<RdKafka::Message> message(impl_->handle->consume(wait_ms));
    if (!revoked.empty()) {
      std::erase_if(batch, [&](const Message& m) {
        return revoked.contains(TopicPartition{m.topic, m.partition});
      });
      revoked.clear();
    }
    const auto err = message->err();
    if (err == RdKafka::ERR_NO_ERROR) {
      batch.push_back(to_message(*message));
      continue;
    }
    if (err == RdKafka::ERR__TIMED_OUT) {
      if (!batch.empty() || Clock::now() >= deadline) break;
      continue;
    }
    if (err == RdKafka::ERR__PARTITION_EOF) continue;
    if (err == RdKafka::ERR__FATAL) {
      std::string reason;
      const auto fatal = impl_->handle->fatal_error(reason);
      throw KafkaError(fatal, "kafka consumer: fatal error: " + reason);
    }
    // Unknown topic, broker down and the like: librdkafka recovers by itself.
    spdlog::warn("kafka consumer: {}", message->errstr());
    if (Clock::now() >= deadline) break;
  }
  return batch;
}

std::size_t Consumer::commit(std::span<const Message> batch) {
  const auto positions = detail::commit_positions(batch, impl_->rebalancer.owned);
  if (positions.empty()) return 0;
  std::vector<std::unique_ptr<RdKafka::TopicPartition>> owned;
  std::vector<RdKafka::TopicPartition*> offsets;
  for (const auto& [tp, offset] : positions) {
    owned.emplace_back(RdKafka::TopicPartition::create(tp.topic, tp.partition, offset));
    offsets.push_back(owned.back().get());
  }
  if (const auto err = impl_->handle->commitSync(offsets); err != RdKafka::ERR_NO_ERROR) {
    throw KafkaError(err, "offset commit failed: " + RdKafka::err2str(err));
  }
  for (const auto* tp : offsets) {
    if (tp->err() != RdKafka::ERR_NO_ERROR) {
      throw KafkaError(tp->err(), "offset commit failed for " + tp->topic() + "/" +
                                      std::to_string(tp->partition()) + ": " +
                                      RdKafka::err2str(tp->err()));
    }
  }
  return positions.size();
}

void Consumer::close() {
  if (impl_->closed) return;
  impl_->closed = true;
  if (!impl_->rebalancer.joined) {
    // Our first JoinGroup is still in flight: the coordinator holds it until every member has
    // rejoined or timed out, which after a crash means until the dead member's session expires.
    // A LeaveGroup would queue behind it (the broker answers a connection's requests in order)
    // and close() would wait for it to time out, 5 s per consumer. With nothing assigned there
    // is nothing to hand over: the handle is destroyed without the consumer close (the
    // destructor of RdKafka::KafkaConsumer skips it) and the coordinator drops this member when
    // its session expires.
    spdlog::info(
        "kafka consumer: closing before the first join of group {} completed; not "
        "leaving it",
        impl_->options.group_id);
    return;
  }
  if (const auto err = impl_->handle->close(); err != RdKafka::ERR_NO_ERROR) {
    throw KafkaError(err, "consumer close failed: " + RdKafka::err2str(err));
  }
}

std::vector<TopicPartition> Consumer::assignment() const {
  const auto& owned = impl_->rebalancer.owned;
  return {owned.begin(), owned.end()};
}

std::int64_t Consumer::lag() {
  const auto& owned = impl_->rebalancer.owned;
  if (owned.empty()) return 0;
  std::vector<std::unique_ptr<RdKafka::TopicPartition>> holders;
  std::vector<RdKafka::TopicPartition*> partitions;
  for (const auto& tp : owned) {
    holders.emplace_back(RdKafka::TopicPartition::create(tp.topic, tp.partition));
    partitions.push_back(holders.back().get());
  }
  impl_->handle->position(partitions);
  std::int64_t total = 0;
  for (const auto* tp : partitions) {
    std::int64_t low = 0;
    std::int64_t high = 0;
    if (impl_->handle->get_watermark_offsets(tp->topic(), tp->partition(), &low, &high) !=
            RdKafka::ERR_NO_ERROR ||
        high < 0) {
      continue;
    }
    const std::int64_t position = tp->offset() >= 0 ? tp->offset() : std::max<std::int64_t>(low, 0);
    total += std::max<std::int64_t>(high - position, 0);
  }
  return total;
}

}  // namespace ecn::kafka
