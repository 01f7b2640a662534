#include "ecn/core/config.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "ecn/core/env_file.hpp"

namespace ecn::core {
namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return result;
}

bool is_valid_variable_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
  text = trim(text);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string value = lower(trim(text));
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  text = trim(text);
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  std::int64_t amount = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + digits, amount);
  if (error != std::errc{}) return std::nullopt;

  const std::string_view unit = text.substr(digits);
  std::int64_t factor = 0;
  if (unit.empty() || unit == "ms") {
    factor = 1;
  } else if (unit == "s") {
    factor = 1000;
  } else if (unit == "m") {
    factor = 60'000;
  } else if (unit == "h") {
    factor = 3'600'000;
  } else {
    return std::nullopt;
  }
  if (amount > std::numeric_limits<std::int64_t>::max() / factor) return std::nullopt;
  return std::chrono::milliseconds{amount * factor};
}

std::string show_duration(std::chrono::milliseconds value) {
  const std::int64_t ms = value.count();
  if (ms != 0 && ms % 3'600'000 == 0) return fmt::format("{}h", ms / 3'600'000);
  if (ms != 0 && ms % 60'000 == 0) return fmt::format("{}m", ms / 60'000);
  if (ms != 0 && ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  return fmt::format("{}ms", ms);
}

std::string show_string(std::string_view value) {
  return value.empty() ? std::string("\"\"") : std::string(value);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += separator;
    text += items[i];
  }
  return text;
}

}  // namespace

ConfigSources ConfigSources::from_process() {
  ConfigSources sources;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    sources.environment.emplace(std::string(text.substr(0, equals)),
                                std::string(text.substr(equals + 1)));
  }
  sources.env_file_path = ".env";
  return sources;
}

ConfigReader::ConfigReader(int argc, const char* const* argv, std::string service,
                           std::string description)
    : ConfigReader(std::vector<std::string>(argv + std::min(argc, 1), argv + argc),
                   std::move(service), std::move(description), ConfigSources::from_process()) {}

ConfigReader::ConfigReader(std::vector<std::string> arguments, std::string service,
                           std::string description, ConfigSources sources)
    : service_(std::move(service)),
      description_(std::move(description)),
      sources_(std::move(sources)) {
  bool options_ended = false;
  for (auto& argument : arguments) {
    if (!options_ended && argument == "--") {
      options_ended = true;
    } else if (!options_ended && (argument == "-h" || argument == "--help")) {
      help_requested_ = true;
    } else if (options_ended || !positional_.empty() || argument.size() < 2 ||
               argument.front() != '-') {
      positional_.push_back(std::move(argument));
    } else {
      errors_.push_back(fmt::format("config: unknown option {} (see --help)", argument));
    }
  }

  const std::string& path = sources_.env_file_path;
  std::error_code exists_error;
  if (path.empty() || !std::filesystem::exists(path, exists_error)) return;
  std::ifstream file(path, std::ios::binary);
  if (!std::filesystem::is_regular_file(path, exists_error) || !file.is_open()) {
    errors_.push_back(fmt::format("config: {}: cannot be read", path));
    return;
  }
  // An empty file sets failbit on `content`; that is not an error.
  std::ostringstream content;
  content << file.rdbuf();
  EnvFile parsed = parse_env_file(content.str());
  for (const auto& error : parsed.errors) {
    errors_.push_back(fmt::format("config: {}:{}: {}", path, error.line, error.message));
  }
  for (auto& [name, value] : parsed.assignments) {
    env_file_values_.insert_or_assign(std::move(name), std::move(value));
  }
}

ConfigReader::Lookup ConfigReader::lookup(std::string_view name) const {
  if (const auto it = sources_.environment.find(name); it != sources_.environment.end()) {
    return {it->second, ConfigOrigin::kEnvironment};
  }
  if (const auto it = env_file_values_.find(name); it != env_file_values_.end()) {
    return {it->second, ConfigOrigin::kEnvFile};
  }
  return {};
}

void ConfigReader::check_new_name(std::string_view name) const {
  if (!is_valid_variable_name(name)) {
    throw std::logic_error(fmt::format("config: invalid variable name \"{}\"", name));
  }
  const bool taken = std::any_of(entries_.begin(), entries_.end(),
                                 [&](const ConfigEntry& e) { return e.name == name; });
  if (taken) throw std::logic_error(fmt::format("config: {} declared twice", name));
}

template <class T>
T ConfigReader::resolve(ConfigEntry entry, const T& default_value, std::string_view expectation,
                        const std::function<std::optional<T>(std::string_view)>& parse,
                        const std::function<std::string(const T&)>& show) {
  check_new_name(entry.name);
  T value = default_value;
  const Lookup found = lookup(entry.name);
  entry.origin = found.origin;
  if (found.value) {
    if (auto parsed = parse(*found.value)) {
      value = std::move(*parsed);
    } else {
      errors_.push_back(fmt::format("config: {}: expected {}, got \"{}\"", entry.name, expectation,
                                    *found.value));
      entry.origin = ConfigOrigin::kDefault;
    }
  }
  entry.value_text = entry.secret ? "(secret)" : show(value);
  entries_.push_back(std::move(entry));
  return value;
}

std::string ConfigReader::string(std::string_view name, std::string_view default_value,
                                 std::string_view help) {
  ConfigEntry entry{std::string(name), "string", show_string(default_value), std::string(help)};
  return resolve<std::string>(
      std::move(entry), std::string(default_value), "a string",
      [](std::string_view text) { return std::optional<std::string>(text); },
      [](const std::string& value) { return show_string(value); });
}

std::string ConfigReader::secret(std::string_view name, std::string_view default_value,
                                 std::string_view help) {
  ConfigEntry entry{std::string(name), "secret", "(secret)", std::string(help)};
  entry.secret = true;
  return resolve<std::string>(
      std::move(entry), std::string(default_value), "a string",
      [](std::string_view text) { return std::optional<std::string>(text); },
      [](const std::string&) { return std::string("(secret)"); });
}

std::int64_t ConfigReader::integer(std::string_view name, std::int64_t default_value,
                                   std::int64_t min, std::int64_t max, std::string_view help) {
  if (min > max || default_value < min || default_value > max) {
    throw std::logic_error(
        fmt::format("config: {}: default {} outside {}..{}", name, default_value, min, max));
  }
  ConfigEntry entry{std::string(name), fmt::format("integer {}..{}", min, max),
                    std::to_string(default_value), std::string(help)};
  return resolve<std::int64_t>(
      std::move(entry), default_value, fmt::format("an integer in {}..{}", min, max),
      [min, max](std::string_view text) -> std::optional<std::int64_t> {
        const auto value = parse_int64(text);
        if (!value || *value < min || *value > max) return std::nullopt;
        return value;
      },
      [](const std::int64_t& value) { return std::to_string(value); });
}

bool ConfigReader::boolean(std::string_view name, bool default_value, std::string_view help) {
  ConfigEntry entry{std::string(name), "boolean", default_value ? "true" : "false",
                    std::string(help)};
  return resolve<bool>(std::move(entry), default_value,
                       "a boolean (true/false, 1/0, yes/no, on/off)", parse_bool,
                       [](const bool& value) { return std::string(value ? "true" : "false"); });
}

std::string ConfigReader::choice(std::string_view name, std::string_view default_value,
                                 std::vector<std::string> options, std::string_view help) {
  if (std::find(options.begin(), options.end(), default_value) == options.end()) {
    throw std::logic_error(
        fmt::format("config: {}: default \"{}\" is not one of its options", name, default_value));
  }
  const std::string alternatives = join(options, "|");
  ConfigEntry entry{std::string(name), alternatives, std::string(default_value), std::string(help)};
  return resolve<std::string>(
      std::move(entry), std::string(default_value), "one of " + alternatives,
      [&options](std::string_view text) -> std::optional<std::string> {
        const std::string wanted = lower(trim(text));
        for (const auto& option : options) {
          if (lower(option) == wanted) return option;
        }
        return std::nullopt;
      },
      [](const std::string& value) { return value; });
}

HostPort ConfigReader::address(std::string_view name, std::string_view default_value,
                               std::string_view help) {
  const auto fallback = parse_host_port(default_value);
  if (!fallback) {
    throw std::logic_error(
        fmt::format("config: {}: default \"{}\" is not host:port", name, default_value));
  }
  ConfigEntry entry{std::string(name), "host:port", std::string(default_value), std::string(help)};
  return resolve<HostPort>(
      std::move(entry), *fallback, "host:port, [ipv6]:port or :port with a port in 0..65535",
      [](std::string_view text) { return parse_host_port(trim(text)); },
      [](const HostPort& value) { return value.to_string(); });
}

std::chrono::milliseconds ConfigReader::duration_ms(std::string_view name,
                                                    std::chrono::milliseconds default_value,
                                                    std::string_view help) {
  if (default_value.count() < 0) {
    throw std::logic_error(fmt::format("config: {}: negative default duration", name));
  }
  ConfigEntry entry{std::string(name), "duration", show_duration(default_value), std::string(help)};
  return resolve<std::chrono::milliseconds>(
      std::move(entry), default_value,
      "a duration such as 250ms, 10s, 5m or 1h (a bare number is milliseconds)", parse_duration,
      show_duration);
}

std::string ConfigReader::help_text() const {
  std::string text = fmt::format("{} - {}\n\nUsage: {} [-h|--help] [ARGS...]\n\n", service_,
                                 description_, service_);
  if (sources_.env_file_path.empty()) {
    text += "Configuration is read from environment variables.\n\n";
  } else {
    text += fmt::format(
        "Configuration is read from environment variables, then from {} for variables the "
        "environment does not set.\n\n",
        sources_.env_file_path);
  }

  std::size_t name_width = 8;
  std::size_t type_width = 4;
  std::size_t default_width = 7;
  for (const auto& entry : entries_) {
    name_width = std::max(name_width, entry.name.size());
    type_width = std::max(type_width, entry.type.size());
    default_width = std::max(default_width, entry.default_text.size());
  }
  const auto row = [&](std::string_view name, std::string_view type, std::string_view fallback,
                       std::string_view help) {
    std::string line = fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}", name, name_width, type,
                                   type_width, fallback, default_width, help);
    line.erase(line.find_last_not_of(' ') + 1);
    text += line;
    text += '\n';
  };
  row("VARIABLE", "TYPE", "DEFAULT", "DESCRIPTION");
  for (const auto& entry : entries_) row(entry.name, entry.type, entry.default_text, entry.help);
  return text;
}

void ConfigReader::reject(std::string_view name, std::string_view problem) {
  errors_.push_back(fmt::format("config: {}: {}", name, problem));
}

ConfigOutcome ConfigReader::finish() const {
  if (help_requested_) return {false, 0, help_text(), {}};
  if (!errors_.empty()) return {false, 2, {}, join(errors_, "\n") + "\n"};
  return {};
}

void ConfigReader::finish_or_exit() const {
  const ConfigOutcome outcome = finish();
  std::cout << outcome.stdout_text << std::flush;
  std::cerr << outcome.stderr_text << std::flush;
  if (!outcome.proceed) std::exit(outcome.exit_code);
}

}  // namespace ecn::core
