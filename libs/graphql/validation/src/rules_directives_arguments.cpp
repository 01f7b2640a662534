// KnownDirectives, UniqueDirectivesPerLocation, KnownArgumentNames, UniqueArgumentNames,
// ProvidedRequiredArguments, UniqueInputFieldNames.
#include <algorithm>
#include <string>

#include "ecn/graphql/printer.hpp"
#include "rule.hpp"
#include "text.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

// A directive declared in the document itself (SDL mixed into a query), which graphql-js also
// honours; the last declaration wins.
const ast::DirectiveDefinition* document_directive(const Context& context, std::string_view name) {
  const ast::DirectiveDefinition* found = nullptr;
  for (const ast::Definition* definition : context.document().definitions()) {
    const auto* directive = ast::as<ast::DirectiveDefinition>(definition);
    if (directive != nullptr && directive->name.value == name) found = directive;
  }
  return found;
}

bool document_has_directive_definitions(const Context& context) {
  const auto definitions = context.document().definitions();
  return std::any_of(definitions.begin(), definitions.end(), [](const ast::Definition* d) {
    return d->kind == Kind::kDirectiveDefinition;
  });
}

class KnownDirectives final : public RuleVisitor {
 public:
  explicit KnownDirectives(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kDirective), 0),
        local_definitions_(document_has_directive_definitions(context)) {}
  bool enter(const ast::Node& node) override {
    const std::string_view name = ast::cast<ast::Directive>(node).name.value;
    const ast::DirectiveLocation location = context_.directive_location();
    bool allowed = false;
    if (const ast::DirectiveDefinition* local =
            local_definitions_ ? document_directive(context_, name) : nullptr) {
      const std::string_view location_name = ast::directive_location_name(location);
      allowed = std::any_of(local->locations.begin(), local->locations.end(),
                            [&](const ast::Name& n) { return n.value == location_name; });
    } else if (const schema::Directive* directive = context_.schema().directive(name)) {
      allowed = directive->allowed_at(location);
    } else {
      context_.report("Unknown directive \"@" + std::string(name) + "\".", {&node});
      return true;
    }
    if (!allowed) {
      context_.report("Directive \"@" + std::string(name) + "\" may not be used on " +
                          std::string(ast::directive_location_name(location)) + ".",
                      {&node});
    }
    return true;
  }

 private:
  bool local_definitions_;
};

ast::List<ast::Directive> directives_of(const ast::Node& node) {
  switch (node.kind) {
    case Kind::kOperationDefinition:
      return ast::cast<ast::OperationDefinition>(node).directives;
    case Kind::kVariableDefinition:
      return ast::cast<ast::VariableDefinition>(node).directives;
    case Kind::kField:
      return ast::cast<ast::Field>(node).directives;
    case Kind::kFragmentSpread:
      return ast::cast<ast::FragmentSpread>(node).directives;
    case Kind::kInlineFragment:
      return ast::cast<ast::InlineFragment>(node).directives;
    case Kind::kFragmentDefinition:
      return ast::cast<ast::FragmentDefinition>(node).directives;
    default:
      return {};
  }
}

class UniqueDirectivesPerLocation final : public RuleVisitor {
 public:
  explicit UniqueDirectivesPerLocation(Context& context)
      : RuleVisitor(context,
                    kind_bit(Kind::kOperationDefinition) | kind_bit(Kind::kVariableDefinition) |
                        kind_bit(Kind::kField) | kind_bit(Kind::kFragmentSpread) |
                        kind_bit(Kind::kInlineFragment) | kind_bit(Kind::kFragmentDefinition),
                    0),
        local_definitions_(document_has_directive_definitions(context)) {}
  bool enter(const ast::Node& node) override {
    const auto directives = directives_of(node);
    if (directives.size() < 2) return true;
    for (std::size_t i = 1; i < directives.size(); ++i) {
      const std::string_view name = directives[i]->name.value;
      if (!unique(name)) continue;
      for (std::size_t j = 0; j < i; ++j) {
        if (directives[j]->name.value != name) continue;
        context_.report(
            "The directive \"@" + std::string(name) + "\" can only be used once at this location.",
            {directives[j], directives[i]});
        break;
      }
    }
    return true;
  }

 private:
  bool unique(std::string_view name) const {
    if (local_definitions_) {
      if (const auto* local = document_directive(context_, name)) return !local->repeatable;
    }
    const schema::Directive* directive = context_.schema().directive(name);
    return directive != nullptr && !directive->repeatable;
  }
  bool local_definitions_;
};

class KnownArgumentNames final : public RuleVisitor {
 public:
  explicit KnownArgumentNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kDirective) | kind_bit(Kind::kArgument), 0),
        local_definitions_(document_has_directive_definitions(context)) {}
  bool enter(const ast::Node& node) override {
    if (const auto* directive = ast::as<ast::Directive>(&node)) {
      check_directive(*directive);
      return false;  // its arguments are not field arguments
    }
    const auto& argument = ast::cast<ast::Argument>(node);
    const schema::Field* field = context_.field_def();
    const schema::Type* parent = context_.parent_type();
    if (context_.argument() != nullptr || field == nullptr || parent == nullptr) return true;
    std::string hint;
    if (!context_.hide_suggestions()) {
      std::vector<std::string_view> names;
      for (const schema::InputValue& value : field->arguments) names.push_back(value.name);
      hint = suggest(false, argument.name.value, names);
    }
    context_.report("Unknown argument \"" + std::string(argument.name.value) + "\" on field \"" +
                        std::string(parent->name) + "." + std::string(field->name) + "\"." + hint,
                    {&node});
    return true;
  }

 private:
  void check_directive(const ast::Directive& directive) {
    std::vector<std::string_view> known;
    if (const auto* local =
            local_definitions_ ? document_directive(context_, directive.name.value) : nullptr) {
      for (const ast::InputValueDefinition* argument : local->arguments) {
        known.push_back(argument->name.value);
      }
    } else if (const schema::Directive* def = context_.schema().directive(directive.name.value)) {
      for (const schema::InputValue& argument : def->arguments) known.push_back(argument.name);
    } else {
      return;
    }
    for (const ast::Argument* argument : directive.arguments) {
      const std::string_view name = argument->name.value;
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      context_.report("Unknown argument \"" + std::string(name) + "\" on directive \"@" +
                          std::string(directive.name.value) + "\"." +
                          suggest(context_.hide_suggestions(), name, known),
                      {argument});
    }
  }
  bool local_definitions_;
};

class UniqueArgumentNames final : public RuleVisitor {
 public:
  explicit UniqueArgumentNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kField) | kind_bit(Kind::kDirective), 0) {}
  bool enter(const ast::Node& node) override {
    const auto arguments = node.kind == Kind::kField ? ast::cast<ast::Field>(node).arguments
                                                     : ast::cast<ast::Directive>(node).arguments;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
      const std::string_view name = arguments[i]->name.value;
      bool first = true;
      for (std::size_t j = 0; j < i && first; ++j) first = arguments[j]->name.value != name;
      if (!first) continue;
      std::vector<Location> locations{arguments[i]->name.loc};
      for (std::size_t j = i + 1; j < arguments.size(); ++j) {
        if (arguments[j]->name.value == name) locations.push_back(arguments[j]->name.loc);
      }
      if (locations.size() > 1) {
        context_.report("There can be only one argument named \"" + std::string(name) + "\".",
                        std::move(locations));
      }
    }
    return true;
  }
};

bool has_argument(ast::List<ast::Argument> arguments, std::string_view name) {
  return std::any_of(arguments.begin(), arguments.end(),
                     [&](const ast::Argument* a) { return a->name.value == name; });
}

class ProvidedRequiredArguments final : public RuleVisitor {
 public:
  explicit ProvidedRequiredArguments(Context& context)
      : RuleVisitor(context, 0, kind_bit(Kind::kField) | kind_bit(Kind::kDirective)),
        local_definitions_(document_has_directive_definitions(context)) {}
  void leave(const ast::Node& node) override {
    if (const auto* field = ast::as<ast::Field>(&node)) {
      const schema::Field* def = context_.field_def();
      if (def == nullptr) return;
      for (const schema::InputValue& argument : def->arguments) {
        if (!argument.is_required() || has_argument(field->arguments, argument.name)) continue;
        context_.report("Field \"" + std::string(def->name) + "\" argument \"" +
                            std::string(argument.name) + "\" of type \"" +
                            Context::type_string(*argument.type) +
                            "\" is required, but it was not provided.",
                        {&node});
      }
      return;
    }
    const auto& directive = ast::cast<ast::Directive>(node);
    const std::string_view name = directive.name.value;
    if (const auto* local = local_definitions_ ? document_directive(context_, name) : nullptr) {
      for (const ast::InputValueDefinition* argument : local->arguments) {
        if (argument->type->kind != Kind::kNonNullType || argument->default_value != nullptr ||
            has_argument(directive.arguments, argument->name.value)) {
          continue;
        }
        report_directive(directive, argument->name.value, print(*argument->type));
      }
    } else if (const schema::Directive* def = context_.schema().directive(name)) {
      for (const schema::InputValue& argument : def->arguments) {
        if (!argument.is_required() || has_argument(directive.arguments, argument.name)) continue;
        report_directive(directive, argument.name, Context::type_string(*argument.type));
      }
    }
  }

 private:
  void report_directive(const ast::Directive& directive, std::string_view argument,
                        const std::string& type) {
    context_.report("Directive \"@" + std::string(directive.name.value) + "\" argument \"" +
                        std::string(argument) + "\" of type \"" + type +
                        "\" is required, but it was not provided.",
                    {&directive});
  }
  bool local_definitions_;
};

class UniqueInputFieldNames final : public RuleVisitor {
 public:
  explicit UniqueInputFieldNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kObjectValue) | kind_bit(Kind::kObjectField),
                    kind_bit(Kind::kObjectValue)) {}
  bool enter(const ast::Node& node) override {
    if (node.kind == Kind::kObjectValue) {
      frames_.push_back(names_.size());
      return true;
    }
    const ast::Name& name = ast::cast<ast::ObjectField>(node).name;
    const std::size_t start = frames_.empty() ? 0 : frames_.back();
    for (std::size_t i = start; i < names_.size(); ++i) {
      if (names_[i]->value == name.value) {
        context_.report(
            "There can be only one input field named \"" + std::string(name.value) + "\".",
            {names_[i]->loc, name.loc});
        return true;
      }
    }
    names_.push_back(&name);
    return true;
  }
  void leave(const ast::Node& /*object*/) override {
    names_.resize(frames_.back());
    frames_.pop_back();
  }

 private:
  std::vector<std::size_t> frames_;
  std::vector<const ast::Name*> names_;
};

}  // namespace

RulePtr make_known_directives(Context& context) {
  return std::make_unique<KnownDirectives>(context);
}
RulePtr make_unique_directives_per_location(Context& context) {
  return std::make_unique<UniqueDirectivesPerLocation>(context);
}
RulePtr make_known_argument_names(Context& context) {
  return std::make_unique<KnownArgumentNames>(context);
}
RulePtr make_unique_argument_names(Context& context) {
  return std::make_unique<UniqueArgumentNames>(context);
}
RulePtr make_provided_required_arguments(Context& context) {
  return std::make_unique<ProvidedRequiredArguments>(context);
}
RulePtr make_unique_input_field_names(Context& context) {
  return std::make_unique<UniqueInputFieldNames>(context);
}

}  // namespace ecn::graphql::validation::detail
