#pragma once

#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "ecn/graphql/document.hpp"
#include "ecn/graphql/location.hpp"
#include "ecn/graphql/schema.hpp"

// Validation of executable documents against a schema (spec section 5), rule for rule as
// graphql-js 16.15's specifiedRules, plus our own cost limits.
namespace ecn::graphql::validation {

// One validation rule. The specified rules come in graphql-js's order, which is also the order
// their errors are reported in when several rules fail on the same node.
enum class Rule : std::uint8_t {
  kExecutableDefinitions,
  kUniqueOperationNames,
  kLoneAnonymousOperation,
  kSingleFieldSubscriptions,
  kKnownTypeNames,
  kFragmentsOnCompositeTypes,
  kVariablesAreInputTypes,
  kScalarLeafs,
  kFieldsOnCorrectType,
  kUniqueFragmentNames,
  kKnownFragmentNames,
  kNoUnusedFragments,
  kPossibleFragmentSpreads,
  kNoFragmentCycles,
  kUniqueVariableNames,
  kNoUndefinedVariables,
  kNoUnusedVariables,
  kKnownDirectives,
  kUniqueDirectivesPerLocation,
  kKnownArgumentNames,
  kUniqueArgumentNames,
  kValuesOfCorrectType,
  kProvidedRequiredArguments,
  kVariablesInAllowedPosition,
  kOverlappingFieldsCanBeMerged,
  kUniqueInputFieldNames,
  kMaxIntrospectionDepth,  // graphql-js's recommendedRules
  kMaxDepth,               // ours: ValidationOptions::max_depth
  kMaxFields,              // ours: ValidationOptions::max_fields
  kCount,
};

// A set of rules to run (graphql-js's `rules` argument); all of them by default.
using RuleSet = std::bitset<static_cast<std::size_t>(Rule::kCount)>;

inline RuleSet all_rules() {
  return RuleSet().set();
}
inline RuleSet only(std::initializer_list<Rule> rules) {
  RuleSet set;
  for (Rule rule : rules) set.set(static_cast<std::size_t>(rule));
  return set;
}

// What validate() checks, and the cost limits we add to the spec's rules.
struct ValidationOptions {
  RuleSet rules = all_rules();
  // Deepest nesting of selection sets in an operation, fragments expanded (`{ a { b } }` has
  // depth 2); what is under `__schema` and `__type` is not counted (the introspection-depth
  // rule bounds it), as graphql-armor's max-depth does by default. 0 disables the check.
  std::uint32_t max_depth = 0;
  // Most fields an operation may select, fragments expanded and each alias counted; 0 disables.
  std::uint32_t max_fields = 0;
  // After this many errors validation stops with "Too many validation errors, error limit
  // reached. Validation aborted." (graphql-js maxErrors).
  std::uint32_t max_errors = 100;
  // Leaves out "Did you mean ...?" hints (graphql-js hideSuggestions).
  bool hide_suggestions = false;
};

// One problem in the document, worded like graphql-js, with the locations it points at (in the
// order graphql-js lists them).
struct ValidationError {
  std::string message;
  std::vector<Location> locations;
};

// Validates an executable document; an empty result means the document may be executed.
// Errors come in graphql-js's order: document order, then rule order.
std::vector<ValidationError> validate(const Schema& schema, const Document& document,
                                      const ValidationOptions& options = {});

}  // namespace ecn::graphql::validation
