#include "ecn/graphql/suggestions.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace ecn::graphql {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// graphql-js naturalCompare(): digit runs compare by value, everything else by code unit.
int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      unsigned long long a_number = 0;
      do {
        a_number = a_number * 10 + static_cast<unsigned>(a[i++] - '0');
      } while (i < a.size() && is_digit(a[i]) && a_number > 0);
      unsigned long long b_number = 0;
      do {
        b_number = b_number * 10 + static_cast<unsigned>(b[j++] - '0');
      } while (j < b.size() && is_digit(b[j]) && b_number > 0);
      if (a_number != b_number) return a_number < b_number ? -1 : 1;
    } else {
      if (a[i] != b[j])
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i;
      ++j;
    }
  }
  return static_cast<int>(a.size()) - static_cast<int>(b.size());
}

// Optimal string alignment distance with an early exit past `threshold`, on three rolling rows.
class LexicalDistance {
 public:
  explicit LexicalDistance(std::string_view input) : input_(input), input_lower_(lower(input)) {}

  std::optional<std::size_t> measure(std::string_view option, std::size_t threshold) {
    if (option == input_) return 0;
    const std::string option_lower = lower(option);
    if (option_lower == input_lower_) return 1;  // any change of case counts as one edit
    std::string_view a = option_lower;
    std::string_view b = input_lower_;
    if (a.size() < b.size()) std::swap(a, b);
    if (a.size() - b.size() > threshold) return std::nullopt;
    for (auto& row : rows_) row.assign(b.size() + 1, 0);
    for (std::size_t j = 0; j <= b.size(); ++j) rows_[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      auto& up = rows_[(i - 1) % 3];
      auto& current = rows_[i % 3];
      std::size_t smallest = current[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
        std::size_t cell = std::min({up[j] + 1, current[j - 1] + 1, up[j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          cell = std::min(cell, rows_[(i - 2) % 3][j - 2] + 1);  // transposition
        }
        smallest = std::min(smallest, cell);
        current[j] = cell;
      }
      if (smallest > threshold) return std::nullopt;
    }
    const std::size_t distance = rows_[a.size() % 3][b.size()];
    if (distance > threshold) return std::nullopt;
    return distance;
  }

 private:
  std::string_view input_;
  std::string input_lower_;
  std::array<std::vector<std::size_t>, 3> rows_;
};

}  // namespace

std::vector<std::string_view> suggestion_list(std::string_view input,
                                              std::span<const std::string_view> options) {
  LexicalDistance distance(input);
  const std::size_t threshold = input.size() * 2 / 5 + 1;  // floor(length * 0.4) + 1
  std::vector<std::pair<std::string_view, std::size_t>> found;
  for (const std::string_view option : options) {
    if (std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.first == option; })) {
      continue;
    }
    if (const auto d = distance.measure(option, threshold)) found.emplace_back(option, *d);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second < b.second;
    return natural_compare(a.first, b.first) < 0;
  });
  std::vector<std::string_view> result;
  result.reserve(found.size());
  for (const auto& entry : found) result.push_back(entry.first);
  return result;
}

std::string did_you_mean(std::span<const std::string_view> suggestions) {
  constexpr std::size_t kMaxSuggestions = 5;
  if (suggestions.empty()) return {};
  auto quoted = [](std::string_view s) { return "\"" + std::string(s) + "\""; };
  std::string message = " Did you mean ";
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) {
    return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  }
  const std::size_t count = std::min(suggestions.size(), kMaxSuggestions);
  for (std::size_t i = 0; i + 1 < count; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[count - 1]) + "?";
}

}  // namespace ecn::graphql
