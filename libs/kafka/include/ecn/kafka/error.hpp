#pragma once

#include <stdexcept>
#include <string>

namespace ecn::kafka {

// A Kafka operation that failed. code() is librdkafka's error code (rd_kafka_resp_err_t), kept
// so callers can tell a retriable condition (broker down, queue full) from a permanent one
// without parsing the message.
class KafkaError : public std::runtime_error {
 public:
  KafkaError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const noexcept { return code_; }

 private:
  int code_;
};

}  // namespace ecn::kafka
