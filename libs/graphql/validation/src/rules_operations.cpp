// ExecutableDefinitions, UniqueOperationNames, LoneAnonymousOperation, SingleFieldSubscriptions.
#include <algorithm>
#include <string>

#include "rule.hpp"

namespace ecn::graphql::validation::detail {
namespace {

using ast::Kind;

std::string_view definition_name(const ast::Definition& definition) {
  switch (definition.kind) {
    case Kind::kScalarTypeDefinition:
      return ast::cast<ast::ScalarTypeDefinition>(definition).name.value;
    case Kind::kObjectTypeDefinition:
      return ast::cast<ast::ObjectTypeDefinition>(definition).name.value;
    case Kind::kInterfaceTypeDefinition:
      return ast::cast<ast::InterfaceTypeDefinition>(definition).name.value;
    case Kind::kUnionTypeDefinition:
      return ast::cast<ast::UnionTypeDefinition>(definition).name.value;
    case Kind::kEnumTypeDefinition:
      return ast::cast<ast::EnumTypeDefinition>(definition).name.value;
    case Kind::kInputObjectTypeDefinition:
      return ast::cast<ast::InputObjectTypeDefinition>(definition).name.value;
    case Kind::kDirectiveDefinition:
      return ast::cast<ast::DirectiveDefinition>(definition).name.value;
    case Kind::kScalarTypeExtension:
      return ast::cast<ast::ScalarTypeExtension>(definition).name.value;
    case Kind::kObjectTypeExtension:
      return ast::cast<ast::ObjectTypeExtension>(definition).name.value;
    case Kind::kInterfaceTypeExtension:
      return ast::cast<ast::InterfaceTypeExtension>(definition).name.value;
    case Kind::kUnionTypeExtension:
      return ast::cast<ast::UnionTypeExtension>(definition).name.value;
    case Kind::kEnumTypeExtension:
      return ast::cast<ast::EnumTypeExtension>(definition).name.value;
    case Kind::kInputObjectTypeExtension:
      return ast::cast<ast::InputObjectTypeExtension>(definition).name.value;
    default:
      return {};
  }
}

class ExecutableDefinitions final : public RuleVisitor {
 public:
  explicit ExecutableDefinitions(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kDocument), 0) {}
  bool enter(const ast::Node& node) override {
    for (const ast::Definition* definition : ast::cast<ast::DocumentNode>(node).definitions) {
      if (ast::is_executable_definition(definition->kind)) continue;
      const bool schema =
          definition->kind == Kind::kSchemaDefinition || definition->kind == Kind::kSchemaExtension;
      std::string name =
          schema ? std::string("schema") : "\"" + std::string(definition_name(*definition)) + "\"";
      context_.report("The " + name + " definition is not executable.", {definition});
    }
    return false;
  }
};

class UniqueOperationNames final : public RuleVisitor {
 public:
  explicit UniqueOperationNames(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kOperationDefinition), 0) {}
  bool enter(const ast::Node& node) override {
    const ast::Name& name = ast::cast<ast::OperationDefinition>(node).name;
    if (name.empty()) return false;
    const auto known = std::find_if(seen_.begin(), seen_.end(),
                                    [&](const ast::Name* n) { return n->value == name.value; });
    if (known != seen_.end()) {
      context_.report("There can be only one operation named \"" + std::string(name.value) + "\".",
                      {(*known)->loc, name.loc});
    } else {
      seen_.push_back(&name);
    }
    return false;
  }

 private:
  std::vector<const ast::Name*> seen_;
};

class LoneAnonymousOperation final : public RuleVisitor {
 public:
  explicit LoneAnonymousOperation(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kOperationDefinition), 0) {
    for (const ast::Definition* definition : context.document().definitions()) {
      if (definition->kind == Kind::kOperationDefinition) ++operations_;
    }
  }
  bool enter(const ast::Node& node) override {
    if (ast::cast<ast::OperationDefinition>(node).name.empty() && operations_ > 1) {
      context_.report("This anonymous operation must be the only defined operation.", {&node});
    }
    return true;
  }

 private:
  std::size_t operations_ = 0;
};

// The execution algorithm's CollectFields, without variables, as graphql-js runs it here.
class SubscriptionFields {
 public:
  SubscriptionFields(Context& context, const schema::Type& root) : context_(context), root_(root) {}

  void collect(const ast::SelectionSet& set) {
    for (const ast::Selection* selection : set.selections) {
      if (const auto* field = ast::as<ast::Field>(selection)) {
        if (!included(field->directives)) continue;
        const std::string_view key = field->response_key();
        auto group = std::find_if(groups_.begin(), groups_.end(),
                                  [&](const auto& g) { return g.first == key; });
        if (group == groups_.end()) {
          groups_.push_back({key, {}});
          group = groups_.end() - 1;
        }
        group->second.push_back(field);
      } else if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
        const std::string_view name = spread->name.value;
        if (std::find(visited_.begin(), visited_.end(), name) != visited_.end() ||
            !included(spread->directives)) {
          continue;
        }
        visited_.push_back(name);
        const ast::FragmentDefinition* fragment = context_.fragment(name);
        if (fragment == nullptr || !condition_matches(fragment->type_condition)) continue;
        collect(*fragment->selection_set);
      } else if (const auto* inline_fragment = ast::as<ast::InlineFragment>(selection)) {
        if (!included(inline_fragment->directives) ||
            !condition_matches(inline_fragment->type_condition)) {
          continue;
        }
        collect(*inline_fragment->selection_set);
      }
    }
  }

  std::vector<std::pair<std::string_view, std::vector<const ast::Field*>>> groups_;

 private:
  static bool literal_if(const ast::Directive& directive, bool& value) {
    for (const ast::Argument* argument : directive.arguments) {
      if (argument->name.value != "if") continue;
      if (const auto* boolean = ast::as<ast::BooleanValue>(argument->value)) {
        value = boolean->value;
        return true;
      }
    }
    return false;
  }
  static bool included(ast::List<ast::Directive> directives) {
    for (const ast::Directive* directive : directives) {
      bool value = false;
      if (directive->name.value == "skip" && literal_if(*directive, value) && value) return false;
      if (directive->name.value == "include" && literal_if(*directive, value) && !value) {
        return false;
      }
    }
    return true;
  }
  bool condition_matches(const ast::NamedType* condition) const {
    if (condition == nullptr) return true;
    const schema::Type* type = context_.named_type_from_ast(*condition);
    if (type == &root_) return true;
    return type != nullptr && type->is_abstract() && context_.schema().is_sub_type(*type, root_);
  }

  Context& context_;
  const schema::Type& root_;
  std::vector<std::string_view> visited_;
};

class SingleFieldSubscriptions final : public RuleVisitor {
 public:
  explicit SingleFieldSubscriptions(Context& context)
      : RuleVisitor(context, kind_bit(Kind::kOperationDefinition), 0) {}
  bool enter(const ast::Node& node) override {
    const auto& operation = ast::cast<ast::OperationDefinition>(node);
    const schema::Type* root = context_.schema().subscription_type();
    if (operation.operation != ast::OperationType::kSubscription || root == nullptr) return true;
    SubscriptionFields fields(context_, *root);
    fields.collect(*operation.selection_set);
    const std::string subject = operation.name.empty()
                                    ? std::string("Anonymous Subscription")
                                    : "Subscription \"" + std::string(operation.name.value) + "\"";
    if (fields.groups_.size() > 1) {
      std::vector<Location> locations;
      for (std::size_t i = 1; i < fields.groups_.size(); ++i) {
        for (const ast::Field* field : fields.groups_[i].second) locations.push_back(field->loc);
      }
      context_.report(subject + " must select only one top level field.", std::move(locations));
    }
    for (const auto& [key, nodes] : fields.groups_) {
      if (nodes.front()->name.value.starts_with("__")) {
        std::vector<Location> locations;
        for (const ast::Field* field : nodes) locations.push_back(field->loc);
        context_.report(subject + " must not select an introspection top level field.",
                        std::move(locations));
      }
    }
    return true;
  }
};

}  // namespace

RulePtr make_executable_definitions(Context& context) {
  return std::make_unique<ExecutableDefinitions>(context);
}
RulePtr make_unique_operation_names(Context& context) {
  return std::make_unique<UniqueOperationNames>(context);
}
RulePtr make_lone_anonymous_operation(Context& context) {
  return std::make_unique<LoneAnonymousOperation>(context);
}
RulePtr make_single_field_subscriptions(Context& context) {
  return std::make_unique<SingleFieldSubscriptions>(context);
}

}  // namespace ecn::graphql::validation::detail
