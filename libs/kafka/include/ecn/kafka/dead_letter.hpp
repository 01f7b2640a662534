#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "ecn/kafka/message.hpp"

namespace ecn::kafka {

class Producer;

// "<source>.dlq": where records of `source` that could not be processed go.
std::string dead_letter_topic(std::string_view source);

// The headers of a dead letter: the original headers first, then `error`, `source-topic`,
// `source-partition` and `source-offset`, so a reader taking the last header of a name gets
// ours even if the original already carried one.
Headers dead_letter_headers(const Message& original, std::string_view error);

// Parks records a consumer cannot process in "<topic>.dlq" (same key, original bytes, the
// reason in headers), so the consumer can commit past them instead of blocking its partition.
// The dead-letter topic must exist (ensure_topics at service start).
class DeadLetterPublisher {
 public:
  explicit DeadLetterPublisher(Producer& producer,
                               std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : producer_(producer), timeout_(timeout) {}

  // Returns once the broker acknowledged the dead letter, so the caller may then commit the
  // original's offset. Throws KafkaError when it was not delivered within the timeout.
  void publish(const Message& original, std::string_view error);

 private:
  Producer& producer_;
  std::chrono::milliseconds timeout_;
};

}  // namespace ecn::kafka
