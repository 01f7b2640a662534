#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

// Message helpers shared by the rules, worded like graphql-js's.
namespace ecn::graphql::validation::detail {

// " Did you mean <sub_message> "a" or "b"?" (graphql-js didYouMean(subMessage, list)), or "".
std::string did_you_mean(std::string_view sub_message, std::span<const std::string_view> list);
// Plain " Did you mean "a"?"; empty when suggestions are hidden or none fit.
std::string suggest(bool hide, std::string_view input, std::span<const std::string_view> options);
// graphql-js naturalCompare() < 0.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace ecn::graphql::validation::detail
