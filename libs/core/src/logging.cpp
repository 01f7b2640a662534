#include "ecn/core/logging.hpp"

#include <spdlog/formatter.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <memory>
#include <utility>

#include "ecn/core/time.hpp"

namespace ecn::core {
namespace {

// The logger's own per-thread state (the brief's one allowed exception to "no globals").
thread_local std::string tls_request_id;

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when it is malformed
// (bad lead byte, bad continuation, overlong form, surrogate, or beyond U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

// Appends `text` as a JSON string literal. Malformed UTF-8 becomes U+FFFD so that every line
// stays parseable whatever bytes a message carries.
void append_json_string(spdlog::memory_buf_t& dest, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  dest.push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        append(dest, "\\ufffd");
        ++i;
      } else {
        append(dest, text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        append(dest, "\\\"");
        break;
      case '\\':
        append(dest, "\\\\");
        break;
      case '\n':
        append(dest, "\\n");
        break;
      case '\r':
        append(dest, "\\r");
        break;
      case '\t':
        append(dest, "\\t");
        break;
      case '\b':
        append(dest, "\\b");
        break;
      case '\f':
        append(dest, "\\f");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          const std::array<char, 6> escape{'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0x0F]};
          dest.append(escape.data(), escape.data() + escape.size());
        } else {
          dest.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  dest.push_back('"');
}

std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kCritical:
      return spdlog::level::critical;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

// Writes whole lines itself rather than through a pattern: spdlog patterns cannot escape JSON
// or reach our thread-local request id.
class LineFormatter final : public spdlog::formatter {
 public:
  LineFormatter(std::string service, LogFormat format)
      : service_(std::move(service)), format_(format) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string ts = to_rfc3339(msg.time);
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    if (format_ == LogFormat::kJson) {
      append(dest, "{\"ts\":\"");
      append(dest, ts);
      append(dest, "\",\"level\":\"");
      append(dest, level_name(msg.level));
      append(dest, "\",\"service\":");
      append_json_string(dest, service_);
      append(dest, ",\"msg\":");
      append_json_string(dest, payload);
      if (!tls_request_id.empty()) {
        append(dest, ",\"request_id\":");
        append_json_string(dest, tls_request_id);
      }
      append(dest, "}\n");
      return;
    }
    append(dest, ts);
    dest.push_back(' ');
    const std::string_view level = level_name(msg.level);
    append(dest, level);
    // Pads the level to the width of "critical" so messages line up.
    for (std::size_t i = level.size(); i < 9; ++i) dest.push_back(' ');
    append(dest, service_);
    if (!tls_request_id.empty()) {
      append(dest, " [");
      append(dest, tls_request_id);
      dest.push_back(']');
    }
    dest.push_back(' ');
    append(dest, payload);
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<LineFormatter>(service_, format_);
  }

 private:
  std::string service_;
  LogFormat format_;
};

void install(std::string_view service, LogFormat format, LogLevel level, spdlog::sink_ptr sink) {
  sink->set_formatter(std::make_unique<LineFormatter>(std::string(service), format));
  auto logger = std::make_shared<spdlog::logger>(std::string(service), std::move(sink));
  logger->set_level(to_spdlog(level));
  spdlog::set_default_logger(std::move(logger));
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<LogFormat> parse_log_format(std::string_view text) {
  if (equals_ignoring_case(text, "json")) return LogFormat::kJson;
  if (equals_ignoring_case(text, "text")) return LogFormat::kText;
  return std::nullopt;
}

std::optional<LogLevel> parse_log_level(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, LogLevel>, 8> kNames{{
      {"trace", LogLevel::kTrace},
      {"debug", LogLevel::kDebug},
      {"info", LogLevel::kInfo},
      {"warn", LogLevel::kWarn},
      {"warning", LogLevel::kWarn},
      {"error", LogLevel::kError},
      {"critical", LogLevel::kCritical},
      {"off", LogLevel::kOff},
  }};
  for (const auto& [name, level] : kNames) {
    if (equals_ignoring_case(text, name)) return level;
  }
  return std::nullopt;
}

std::string_view to_string(LogLevel level) {
  return level == LogLevel::kOff ? "off" : level_name(to_spdlog(level));
}

void init_logging(std::string_view service, LogFormat format, LogLevel level) {
  install(service, format, level, std::make_shared<spdlog::sinks::stderr_sink_mt>());
}

void init_logging(std::string_view service, LogFormat format, LogLevel level, std::ostream& out) {
  install(service, format, level,
          std::make_shared<spdlog::sinks::ostream_sink_mt>(out, /*force_flush=*/true));
}

std::string_view current_request_id() noexcept {
  return tls_request_id;
}

RequestIdScope::RequestIdScope(std::string request_id)
    : previous_(std::exchange(tls_request_id, std::move(request_id))) {}

RequestIdScope::~RequestIdScope() {
  tls_request_id = std::move(previous_);
}

}  // namespace ecn::core
