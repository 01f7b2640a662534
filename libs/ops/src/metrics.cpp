#include "ecn/ops/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>
#include <variant>

namespace ecn::ops {
namespace {

enum class Type { kCounter, kGauge, kHistogram };

std::string_view type_name(Type type) {
  switch (type) {
    case Type::kCounter:
      return "counter";
    case Type::kGauge:
      return "gauge";
    case Type::kHistogram:
      return "histogram";
  }
  return "untyped";
}

bool is_metric_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ':';
  });
}

bool is_label_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  if (name.starts_with("__")) return false;  // reserved for Prometheus itself
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Sorted by name, so that equal label sets compare equal whatever order the caller used.
Labels canonical_labels(std::string_view metric, const Labels& labels, Type type) {
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const std::string& name = sorted[i].first;
    if (!is_label_name(name)) {
      throw std::invalid_argument("metric " + std::string(metric) + ": invalid label name \"" +
                                  name + "\"");
    }
    if (i > 0 && sorted[i - 1].first == name) {
      throw std::invalid_argument("metric " + std::string(metric) + ": label \"" + name +
                                  "\" given twice");
    }
    if (type == Type::kHistogram && name == "le") {
      throw std::invalid_argument("metric " + std::string(metric) +
                                  ": label \"le\" is reserved for histogram buckets");
    }
  }
  return sorted;
}

std::vector<double> checked_bounds(std::string_view metric, std::vector<double> bounds) {
  if (!bounds.empty() && std::isinf(bounds.back()) && bounds.back() > 0) bounds.pop_back();
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
      throw std::invalid_argument("histogram " + std::string(metric) +
                                  ": bucket bounds must be finite and strictly increasing");
    }
  }
  return bounds;
}

void append_value(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    // Shortest text that reads back as the same double, as Go's strconv 'g' -1 gives.
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    out.append(buffer, result.ptr);
  }
}

void append_escaped(std::string& out, std::string_view text, bool escape_quotes) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `{a="1",b="2"}` (plus the bucket's `le` when given), or nothing for no labels.
void append_labels(std::string& out, const Labels& labels, const std::string* le = nullptr) {
  if (labels.empty() && le == nullptr) return;
  out += '{';
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    append_escaped(out, value, /*escape_quotes=*/true);
    out += '"';
  }
  if (le != nullptr) {
    if (!first) out += ',';
    out += "le=\"";
    out += *le;
    out += '"';
  }
  out += '}';
}

void append_sample(std::string& out, std::string_view name, std::string_view suffix,
                   const Labels& labels, double value, const std::string* le = nullptr) {
  out += name;
  out += suffix;
  append_labels(out, labels, le);
  out += ' ';
  append_value(out, value);
  out += '\n';
}

// A callback that throws reads as NaN: visible on the dashboard, and the scrape still works.
double sample_or_nan(const std::function<double()>& sample) noexcept {
  try {
    return sample();
  } catch (...) {
    return std::nan("");
  }
}

}  // namespace

void Counter::inc(double amount) noexcept {
  if (!(amount >= 0.0)) return;  // also drops NaN
  value_.fetch_add(amount, std::memory_order_relaxed);
}

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(checked_bounds("(unnamed)", std::move(upper_bounds))),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(upper_bounds_.size() + 1)) {}

void Histogram::observe(double value) noexcept {
  // Bounds are inclusive ("le"); NaN belongs to no finite bucket, only to +Inf.
  const std::size_t index =
      std::isnan(value) ? upper_bounds_.size()
                        : static_cast<std::size_t>(
                              std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) -
                              upper_bounds_.begin());
  counts_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::bucket_counts() const {
  std::vector<std::uint64_t> counts(upper_bounds_.size() + 1);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    counts[i] = counts_[i].load(std::memory_order_relaxed);
  }
  return counts;
}

std::vector<double> default_latency_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

struct MetricsRegistry::State {
  using Series = std::variant<std::unique_ptr<Counter>, std::unique_ptr<Gauge>,
                              std::unique_ptr<Histogram>, std::function<double()>>;

  struct Family {
    Type type;
    std::string help;
    std::vector<double> upper_bounds;  // histograms only
    std::map<Labels, Series> series;
  };

  Family& family(std::string_view name, std::string_view help, Type type,
                 const std::vector<double>* upper_bounds) {
    if (!is_metric_name(name)) {
      throw std::invalid_argument("invalid metric name \"" + std::string(name) + "\"");
    }
    auto it = families.find(name);
    if (it == families.end()) {
      Family created{
          type, std::string(help), upper_bounds ? *upper_bounds : std::vector<double>{}, {}};
      it = families.emplace(std::string(name), std::move(created)).first;
      return it->second;
    }
    Family& existing = it->second;
    if (existing.type != type) {
      throw std::invalid_argument("metric " + std::string(name) + " is already a " +
                                  std::string(type_name(existing.type)));
    }
    if (existing.help != help) {
      throw std::invalid_argument("metric " + std::string(name) +
                                  " is already registered with other help text");
    }
    if (upper_bounds != nullptr && existing.upper_bounds != *upper_bounds) {
      throw std::invalid_argument("histogram " + std::string(name) +
                                  " is already registered with other buckets");
    }
    return existing;
  }

  mutable std::mutex mutex;
  std::map<std::string, Family, std::less<>> families;
};

MetricsRegistry::MetricsRegistry() : state_(std::make_unique<State>()) {}
MetricsRegistry::~MetricsRegistry() = default;

Counter& MetricsRegistry::counter(std::string_view name, std::string_view help,
                                  const Labels& labels) {
  Labels key = canonical_labels(name, labels, Type::kCounter);
  const std::lock_guard lock(state_->mutex);
  auto& series = state_->family(name, help, Type::kCounter, nullptr).series;
  auto it = series.find(key);
  if (it == series.end()) it = series.emplace(std::move(key), std::make_unique<Counter>()).first;
  return *std::get<std::unique_ptr<Counter>>(it->second);
}

Gauge& MetricsRegistry::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  Labels key = canonical_labels(name, labels, Type::kGauge);
  const std::lock_guard lock(state_->mutex);
  auto& series = state_->family(name, help, Type::kGauge, nullptr).series;
  const auto it = series.find(key);
  if (it == series.end()) {
    auto gauge = std::make_unique<Gauge>();
    Gauge& result = *gauge;
    series.emplace(std::move(key), std::move(gauge));
    return result;
  }
  auto* gauge = std::get_if<std::unique_ptr<Gauge>>(&it->second);
  if (gauge == nullptr) {
    throw std::invalid_argument("gauge " + std::string(name) +
                                " has a callback series with these labels");
  }
  return **gauge;
}

Histogram& MetricsRegistry::histogram(std::string_view name, std::string_view help,
                                      std::vector<double> upper_bounds, const Labels& labels) {
  Labels key = canonical_labels(name, labels, Type::kHistogram);
  const std::vector<double> bounds = checked_bounds(name, std::move(upper_bounds));
  const std::lock_guard lock(state_->mutex);
  auto& series = state_->family(name, help, Type::kHistogram, &bounds).series;
  auto it = series.find(key);
  if (it == series.end()) {
    it = series.emplace(std::move(key), std::make_unique<Histogram>(bounds)).first;
  }
  return *std::get<std::unique_ptr<Histogram>>(it->second);
}

GaugeCallback MetricsRegistry::gauge_callback(std::string_view name, std::string_view help,
                                              const Labels& labels,
                                              std::function<double()> sample) {
  Labels key = canonical_labels(name, labels, Type::kGauge);
  const std::lock_guard lock(state_->mutex);
  auto& series = state_->family(name, help, Type::kGauge, nullptr).series;
  if (series.contains(key)) {
    throw std::invalid_argument("gauge " + std::string(name) +
                                " already has a series with these labels");
  }
  series.emplace(key, std::move(sample));
  return GaugeCallback(this, std::string(name), std::move(key));
}

void MetricsRegistry::remove_callback(const std::string& name, const Labels& labels) noexcept {
  const std::lock_guard lock(state_->mutex);
  const auto family = state_->families.find(name);
  if (family == state_->families.end()) return;
  family->second.series.erase(labels);
  if (family->second.series.empty()) state_->families.erase(family);
}

std::string MetricsRegistry::render() const {
  std::string out;
  const std::lock_guard lock(state_->mutex);
  for (const auto& [name, family] : state_->families) {
    out += "# HELP ";
    out += name;
    out += ' ';
    append_escaped(out, family.help, /*escape_quotes=*/false);
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type_name(family.type);
    out += '\n';
    for (const auto& [labels, series] : family.series) {
      if (const auto* counter = std::get_if<std::unique_ptr<Counter>>(&series)) {
        append_sample(out, name, "", labels, (*counter)->value());
      } else if (const auto* gauge = std::get_if<std::unique_ptr<Gauge>>(&series)) {
        append_sample(out, name, "", labels, (*gauge)->value());
      } else if (const auto* sample = std::get_if<std::function<double()>>(&series)) {
        append_sample(out, name, "", labels, sample_or_nan(*sample));
      } else {
        const Histogram& histogram = *std::get<std::unique_ptr<Histogram>>(series);
        // Counts are read once and accumulated here, so _count always equals the +Inf bucket.
        const std::vector<std::uint64_t> counts = histogram.bucket_counts();
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
          cumulative += counts[i];
          std::string le;
          if (i < histogram.upper_bounds().size()) {
            append_value(le, histogram.upper_bounds()[i]);
          } else {
            le = "+Inf";
          }
          append_sample(out, name, "_bucket", labels, static_cast<double>(cumulative), &le);
        }
        append_sample(out, name, "_sum", labels, histogram.sum());
        append_sample(out, name, "_count", labels, static_cast<double>(cumulative));
      }
    }
  }
  return out;
}

GaugeCallback::GaugeCallback(MetricsRegistry* registry, std::string name, Labels labels)
    : registry_(registry), name_(std::move(name)), labels_(std::move(labels)) {}

GaugeCallback::GaugeCallback(GaugeCallback&& other) noexcept
    : registry_(std::exchange(other.registry_, nullptr)),
      name_(std::move(other.name_)),
      labels_(std::move(other.labels_)) {}

GaugeCallback& GaugeCallback::operator=(GaugeCallback&& other) noexcept {
  if (this != &other) {
    reset();
    registry_ = std::exchange(other.registry_, nullptr);
    name_ = std::move(other.name_);
    labels_ = std::move(other.labels_);
  }
  return *this;
}

GaugeCallback::~GaugeCallback() {
  reset();
}

void GaugeCallback::reset() noexcept {
  if (registry_ != nullptr) registry_->remove_callback(name_, labels_);
  registry_ = nullptr;
}

}  // namespace ecn::ops
