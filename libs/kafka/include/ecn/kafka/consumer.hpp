#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ecn/kafka/message.hpp"

namespace ecn::kafka {

// Settings of a consumer-group Consumer. Offsets are never committed automatically: the
// application commits after processing, so a crash re-delivers instead of skipping.
struct ConsumerOptions {
  std::string brokers;
  std::string group_id;
  std::vector<std::string> topics;
  std::string client_id = "ecn";
  std::string auto_offset_reset = "earliest";  // where a group without a commit starts
  // How long the group waits for a silent member before giving its partitions to others.
  std::chrono::milliseconds session_timeout{45000};
  // Further librdkafka properties, applied last.
  std::map<std::string, std::string> config;
  // Start each newly assigned partition at its end as of the assignment (queried before the
  // poll_batch that applies it returns), ignoring committed offsets. For listeners that only
  // care about what happens once they are ready: with auto_offset_reset "latest" the end is
  // looked up later, at the first fetch, and a record produced in between is skipped.
  bool start_at_end_on_assign = false;
};

// A member of a consumer group, read in batches: poll_batch, process, commit(batch). Partition
// assignment changes (rebalances) are applied inside poll_batch; a batch never mixes records
// fetched before and after its partition was revoked. Not thread-safe: use it from one thread.
class Consumer {
 public:
  explicit Consumer(ConsumerOptions options);  // subscribes; throws KafkaError
  ~Consumer();                                 // close()
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Waits up to `timeout` for the first record, then takes whatever else is already fetched,
  // up to max_messages. Empty when nothing came. Transient broker errors are logged; a fatal
  // consumer error throws KafkaError.
  std::vector<Message> poll_batch(std::size_t max_messages, std::chrono::milliseconds timeout);

  // Commits synchronously, per partition, the offset after the last record of `batch`, for
  // partitions this member still owns (a revoked partition is someone else's to commit; its
  // records will be re-delivered there). Returns the partitions committed; throws KafkaError
  // when the broker refuses the commit (for example during a rebalance).
  std::size_t commit(std::span<const Message> batch);

  // Leaves the group (its partitions are reassigned at once). Idempotent. A member whose first
  // join has not completed yet (after a crash-restart the coordinator holds it until the dead
  // member's session expires) does not leave: that would wait 5 s behind the held join.
  void close();

  // Partitions currently assigned to this member.
  std::vector<TopicPartition> assignment() const;

  // Records behind the high watermark over the assigned partitions, from cached watermarks
  // (no broker round trip): the consumer-lag gauge. A partition without a position yet counts
  // from its low watermark.
  std::int64_t lag();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::kafka
