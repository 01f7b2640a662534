#pragma once

// Helpers shared by the Kafka integration tests: unique topics, fresh consumer groups, reading
// a topic to its end, and a migrated outbox database.

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/message.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/testing/temp_database.hpp"

namespace ecn::kafka::test {

// Creates a topic named unique_name(prefix) and returns its name.
std::string make_topic(std::string_view prefix, int partitions = 3,
                       std::map<std::string, std::string> config = {});

// Options of a consumer in a group of its own, reading from the beginning; a short session
// so a killed member's partitions move on quickly.
ConsumerOptions fresh_group(const std::string& topic);

// Polls `consumer`, accumulating records, until `done(records)` or `timeout`.
std::vector<Message> consume_until(Consumer& consumer,
                                   const std::function<bool(const std::vector<Message>&)>& done,
                                   std::chrono::milliseconds timeout);

// Reads `topic` from the beginning with a fresh group until at least `count` records came and
// the consumer reached the high watermark of all `partitions`; returns every record read, so
// a duplicate beyond `count` shows in the size.
std::vector<Message> read_topic(const std::string& topic, int partitions, std::size_t count,
                                std::chrono::milliseconds timeout);

// A fresh database with the outbox table, and a pool on it.
class OutboxDatabase {
 public:
  OutboxDatabase();
  pg::Pool& pool() { return pool_; }
  const std::string& url() const { return db_.url(); }
  std::int64_t count(const std::string& where = "true");

 private:
  testing::TempDatabase db_;
  pg::Pool pool_;
};

}  // namespace ecn::kafka::test
