#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/core/host_port.hpp"

namespace ecn::core {

// Where configuration values come from. Services use from_process(); tests build one by hand
// so they never touch the process environment.
struct ConfigSources {
  // Variables that win over the .env file.
  std::map<std::string, std::string, std::less<>> environment;
  // A dotenv file read as the fallback when it exists; no file when empty.
  std::string env_file_path;

  // The process environment and ./.env in the working directory.
  static ConfigSources from_process();
};

// What finish() decided: go on, or stop with an exit code after printing the texts.
struct ConfigOutcome {
  bool proceed = true;
  int exit_code = 0;        // 0 after --help, 2 when any value was bad
  std::string stdout_text;  // the --help table
  std::string stderr_text;  // every error, one "config: NAME: ..." line each
};

// Where a declared variable's value came from.
enum class ConfigOrigin { kDefault, kEnvironment, kEnvFile };

// One declared variable as --help and startup logs show it; secrets read "(secret)".
struct ConfigEntry {
  std::string name;
  std::string type;  // "integer 1..65535", "json|text", "host:port", ...
  std::string default_text;
  std::string help;
  std::string value_text;
  ConfigOrigin origin = ConfigOrigin::kDefault;
  bool secret = false;
};

// Reads a service's typed configuration in one place, userver-style: main declares each
// variable with its default and help, gets typed values back, and calls finish_or_exit().
// A bad value does not throw: it is recorded (the default is returned meanwhile) so finish()
// can report every bad variable at once, by name.
//
//   ConfigReader reader(argc, argv, "user-service", "Users, preferences and sign-in");
//   const auto grpc = reader.address("GRPC_ADDR", ":50051", "where the gRPC API listens");
//   const auto ttl = reader.integer("JWT_TTL_SECONDS", 3600, 60, 86400, "token lifetime");
//   reader.finish_or_exit();
//
// Programming mistakes (a name declared twice, a default that fails its own rule) throw
// std::logic_error.
class ConfigReader {
 public:
  // Options are read from argv (after argv[0]); values from ConfigSources::from_process().
  ConfigReader(int argc, const char* const* argv, std::string service, std::string description);
  // `arguments` excludes the program name.
  ConfigReader(std::vector<std::string> arguments, std::string service, std::string description,
               ConfigSources sources);

  std::string string(std::string_view name, std::string_view default_value, std::string_view help);
  // A string whose value and default are never printed, in --help or anywhere else.
  std::string secret(std::string_view name, std::string_view default_value, std::string_view help);
  std::int64_t integer(std::string_view name, std::int64_t default_value, std::int64_t min,
                       std::int64_t max, std::string_view help);
  // true/false, 1/0, yes/no, on/off, in any letter case.
  bool boolean(std::string_view name, bool default_value, std::string_view help);
  // One of `options`, matched ignoring letter case; returns the option as declared.
  std::string choice(std::string_view name, std::string_view default_value,
                     std::vector<std::string> options, std::string_view help);
  // `host:port`, `[::1]:port` or `:port` (see parse_host_port).
  HostPort address(std::string_view name, std::string_view default_value, std::string_view help);
  // "250ms", "10s", "5m", "1h", or a bare number of milliseconds.
  std::chrono::milliseconds duration_ms(std::string_view name,
                                        std::chrono::milliseconds default_value,
                                        std::string_view help);

  // Records a problem with a declared variable that its type alone cannot express (a secret
  // that is required, a value that must agree with another): reported by finish() with the
  // others as "config: NAME: problem", exit 2.
  void reject(std::string_view name, std::string_view problem);

  // Positional arguments after the options (e.g. `migrate up`); everything after the first
  // positional argument or after `--` is positional.
  const std::vector<std::string>& args() const { return positional_; }
  bool help_requested() const { return help_requested_; }
  // Every problem so far, formatted as finish() prints them.
  const std::vector<std::string>& errors() const { return errors_; }
  // The declared variables with their effective values, for --help and a startup log line.
  const std::vector<ConfigEntry>& entries() const { return entries_; }

  // --help wins (help table, exit 0); otherwise any error stops (exit 2); otherwise proceed.
  ConfigOutcome finish() const;
  // Prints what finish() decided and exits when it says stop.
  void finish_or_exit() const;

  // The --help text: every declared variable with its type, default and help.
  std::string help_text() const;

 private:
  struct Lookup {
    std::optional<std::string> value;
    ConfigOrigin origin = ConfigOrigin::kDefault;
  };

  Lookup lookup(std::string_view name) const;
  // Throws std::logic_error for a malformed or already declared name.
  void check_new_name(std::string_view name) const;
  // Records the effective value (or, for a bad value, the error and the default).
  template <class T>
  T resolve(ConfigEntry entry, const T& default_value, std::string_view expectation,
            const std::function<std::optional<T>(std::string_view)>& parse,
            const std::function<std::string(const T&)>& show);

  std::string service_;
  std::string description_;
  ConfigSources sources_;
  std::map<std::string, std::string, std::less<>> env_file_values_;
  std::vector<std::string> positional_;
  bool help_requested_ = false;
  std::vector<std::string> errors_;
  std::vector<ConfigEntry> entries_;
};

}  // namespace ecn::core
