#pragma once

// Shared plumbing of the librdkafka C++ wrappers; private to libs/kafka.

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ecn/kafka/message.hpp"

namespace ecn::kafka::detail {

using Settings = std::vector<std::pair<std::string, std::string>>;

// A global configuration with `settings` applied in order, then `overrides`. Throws
// KafkaError naming the property librdkafka rejected.
std::unique_ptr<RdKafka::Conf> make_conf(const Settings& settings,
                                         const std::map<std::string, std::string>& overrides);

// Routes librdkafka's log lines and error events to spdlog, prefixed with the client's role,
// so broker outages show up in the service log instead of on stderr.
class LogEvents : public RdKafka::EventCb {
 public:
  explicit LogEvents(std::string role) : role_(std::move(role)) {}
  void event_cb(RdKafka::Event& event) override;

 private:
  std::string role_;
};

Headers to_headers(const RdKafka::Headers* headers);

}  // namespace ecn::kafka::detail
