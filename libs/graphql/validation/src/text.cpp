#include "text.hpp"

#include "ecn/graphql/suggestions.hpp"

namespace ecn::graphql::validation::detail {

std::string did_you_mean(std::string_view sub_message, std::span<const std::string_view> list) {
  std::string text = graphql::did_you_mean(list);
  if (text.empty() || sub_message.empty()) return text;
  constexpr std::string_view kLead = " Did you mean ";
  text.insert(kLead.size(), std::string(sub_message) + " ");
  return text;
}

std::string suggest(bool hide, std::string_view input, std::span<const std::string_view> options) {
  if (hide) return {};
  const std::vector<std::string_view> list = suggestion_list(input, options);
  return graphql::did_you_mean(list);
}

namespace {
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      unsigned long long x = 0;
      do {
        x = x * 10 + static_cast<unsigned>(a[i++] - '0');
      } while (i < a.size() && is_digit(a[i]) && x > 0);
      unsigned long long y = 0;
      do {
        y = y * 10 + static_cast<unsigned>(b[j++] - '0');
      } while (j < b.size() && is_digit(b[j]) && y > 0);
      if (x != y) return x < y;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  return a.size() < b.size();
}

}  // namespace ecn::graphql::validation::detail
