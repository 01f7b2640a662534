#include "rdkafka_support.hpp"

#include <spdlog/spdlog.h>

#include "ecn/kafka/error.hpp"

namespace ecn::kafka::detail {

std::unique_ptr<RdKafka::Conf> make_conf(const Settings& settings,
                                         const std::map<std::string, std::string>& overrides) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string errstr;
  auto set = [&](const std::string& name, const std::string& value) {
    if (conf->set(name, value, errstr) != RdKafka::Conf::CONF_OK) {
      throw KafkaError(RdKafka::ERR__INVALID_ARG,
                       "invalid Kafka setting " + name + "=" + value + ": " + errstr);
    }
  };
  for (const auto& [name, value] : settings) set(name, value);
  for (const auto& [name, value] : overrides) set(name, value);
  return conf;
}

void LogEvents::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_ERROR: {
      const auto err = event.err();
      // Lost connections are expected while a broker restarts; librdkafka reconnects itself.
      const bool transient = err == RdKafka::ERR__TRANSPORT ||
                             err == RdKafka::ERR__ALL_BROKERS_DOWN || err == RdKafka::ERR__RESOLVE;
      if (event.fatal()) {
        spdlog::critical("kafka {}: fatal error {}: {}", role_, RdKafka::err2str(err), event.str());
      } else if (transient) {
        spdlog::warn("kafka {}: {}: {}", role_, RdKafka::err2str(err), event.str());
      } else {
        spdlog::error("kafka {}: {}: {}", role_, RdKafka::err2str(err), event.str());
      }
      break;
    }
    case RdKafka::Event::EVENT_LOG: {
      // Syslog severities: 0-2 critical, 3-4 errors and warnings, 5-6 notices, 7 debug. The
      // errors librdkafka logs (a refused connection, say) also arrive as error events above,
      // which decide whether they are transient; the log line itself is only a warning.
      const int severity = static_cast<int>(event.severity());
      const auto level = severity <= 2   ? spdlog::level::err
                         : severity <= 4 ? spdlog::level::warn
                         : severity <= 6 ? spdlog::level::info
                                         : spdlog::level::debug;
      spdlog::log(level, "kafka {}: {} {}", role_, event.fac(), event.str());
      break;
    }
    default:
      break;
  }
}

Headers to_headers(const RdKafka::Headers* headers) {
  Headers out;
  if (headers == nullptr) return out;
  for (const auto& header : headers->get_all()) {
    const char* value = static_cast<const char*>(header.value());
    out.emplace_back(header.key(),
                     value == nullptr ? std::string() : std::string(value, header.value_size()));
  }
  return out;
}

}  // namespace ecn::kafka::detail
