#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

// Process-wide logging setup. Code everywhere else logs with plain `spdlog::info(...)`; this
// decides what those lines look like. spdlog stays out of this header on purpose.
namespace ecn::core {

// How log lines are written: one JSON object per line for machines, or aligned text for
// people reading a terminal.
enum class LogFormat { kJson, kText };

// Severity threshold, mirroring spdlog's levels.
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kCritical, kOff };

// "json" | "text"
std::optional<LogFormat> parse_log_format(std::string_view text);
// "trace" | "debug" | "info" | "warn" (or "warning") | "error" | "critical" | "off",
// in any letter case.
std::optional<LogLevel> parse_log_level(std::string_view text);
std::string_view to_string(LogLevel level);

// Replaces spdlog's default logger with one writing to stderr (stdout stays free for a
// command's own output, e.g. `migrate status`). JSON lines look like
//   {"ts":"2026-11-26T04:00:00.123Z","level":"info","service":"user-service","msg":"...",
//    "request_id":"..."}
// with request_id only inside a RequestIdScope. Lines are formatted on the logging thread,
// which is what lets them carry that thread's request id.
void init_logging(std::string_view service, LogFormat format, LogLevel level);

// The same, writing to `out` instead of stderr (tests capture lines this way). `out` must
// outlive the logger: call init_logging again before it goes away.
void init_logging(std::string_view service, LogFormat format, LogLevel level, std::ostream& out);

// The request id of the innermost live RequestIdScope on this thread, or "" outside any.
std::string_view current_request_id() noexcept;

// Tags every log line written by this thread with `request_id` while it lives; scopes nest
// and the previous id comes back when the inner one ends. Create it where a request starts
// being handled (a gRPC handler, a consumer batch) on the thread that handles it.
class RequestIdScope {
 public:
  explicit RequestIdScope(std::string request_id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace ecn::core
