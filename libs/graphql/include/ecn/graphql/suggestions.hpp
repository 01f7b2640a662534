#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

// "Did you mean ...?" hints for error messages, computed exactly like graphql-js so our
// messages read the same.
namespace ecn::graphql {

// The options close enough to `input` (case-insensitive optimal string alignment distance of at
// most 40% of its length), nearest first, ties in natural order (graphql-js suggestionList).
std::vector<std::string_view> suggestion_list(std::string_view input,
                                              std::span<const std::string_view> options);

// " Did you mean "a", "b", or "c"?" (at most five), or "" without suggestions
// (graphql-js didYouMean).
std::string did_you_mean(std::span<const std::string_view> suggestions);

}  // namespace ecn::graphql
