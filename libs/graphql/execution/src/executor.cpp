#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/container/small_vector.hpp>
#include <boost/json.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <memory_resource>
#include <span>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/execution/execute.hpp"
#include "ecn/graphql/execution/values.hpp"
#include "field_plan.hpp"
#include "introspection_cache.hpp"
#include "source_stream.hpp"

namespace ecn::graphql::execution {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;
using schema::TypeKind;
using schema::TypeRef;

// A response path segment; chained to its parent, so a path costs one node per level.
struct PathNode {
  const PathNode* parent;
  std::string_view key;
  std::int64_t index;  // list index, or -1 for a key
};

// An object or list under construction. Async completions that fail a non-null position walk
// these up to the nearest nullable one; `dead` marks subtrees already replaced by null.
struct Frame {
  Frame* parent;
  json::value* slot;
  bool nullable;
  bool dead = false;
};

// The fields sharing one response key in a selection set, with what the executor needs for
// them resolved once per request (definition, resolver, coerced arguments).
struct Collected;
struct FieldGroup {
  // Member-wise from the plan: value-initialising this 160-byte struct compiles to a
  // `rep stos` per group, which cost ~10 % of a cached request.
  explicit FieldGroup(const detail::PlannedGroup& planned)
      : key(planned.key), nodes(planned.nodes), def(planned.def), resolver(planned.resolver) {}

  std::string_view key;
  std::span<const ast::Field* const> nodes;  // in the request's arena
  const schema::Field* def = nullptr;
  const Resolver* resolver = nullptr;
  bool args_ready = false;
  json::object args;
  std::optional<InputError> args_error;
  // The last sub-selection collected for this group and the object type it was for: list
  // items and repeated objects of one type find it without a map lookup.
  const schema::Type* sub_type = nullptr;
  Collected* sub = nullptr;
  // Where the field's property was in the last parent object: list items share a shape, so
  // the next lookup usually hits it without a scan.
  std::size_t property_hint = 0;
};

struct Collected {
  std::pmr::vector<FieldGroup> groups;
  const json::object* prototype = nullptr;  // the plan's, when it has one
};

// An async resolver call waiting to run or running.
struct Pending {
  const json::value* parent;
  const schema::Type* parent_type;
  FieldGroup* group;
  const PathNode* path;
  json::value* slot;
  Frame* frame;
};

const json::value kNull;

// First block of a response's arena: most responses fit, so one allocation serves them.
constexpr std::size_t kResponseBlock = 16 * 1024;

// Objects up to this size are searched by a scan (the library hashes bigger ones).
constexpr std::size_t kScannedProperties = 16;

// Scratch lists of field collection, on the stack for typical selection sets.
constexpr std::size_t kInlineFields = 48;
using FieldList = boost::container::small_vector<const ast::Field*, kInlineFields>;
using NameList = boost::container::small_vector<std::string_view, kInlineFields>;

class Executor {
 public:
  // `storage` holds the response: a shared arena (the response owns it) or, for a Response,
  // one the caller owns, so that freeing the response never walks its tree.
  Executor(const ExecutionRequest& request, json::storage_ptr storage)
      : request_(request),
        es_(*request.schema),
        schema_(es_.schema()),
        root_value_(request.root_value != nullptr ? *request.root_value : kNull),
        storage_(std::move(storage)) {}

  // Chooses the operation and coerces variables; false when the request fails as a whole.
  bool prepare() {
    const ast::OperationDefinition* chosen = nullptr;
    std::size_t operations = 0;
    for (const ast::Definition* definition : request_.document->definitions()) {
      if (const auto* fragment = ast::as<ast::FragmentDefinition>(definition)) {
        fragments_.emplace(fragment->name.value, fragment);
      } else if (const auto* operation = ast::as<ast::OperationDefinition>(definition)) {
        ++operations;
        if (request_.operation_name.empty()) {
          if (chosen == nullptr) chosen = operation;
        } else if (operation->name.value == request_.operation_name) {
          chosen = operation;
        }
      }
    }
    if (request_.operation_name.empty() && operations > 1) {
      return request_error("Must provide operation name if query contains multiple operations.");
    }
    if (chosen == nullptr) {
      return request_error(request_.operation_name.empty()
                               ? std::string("Must provide an operation.")
                               : "Unknown operation named \"" +
                                     std::string(request_.operation_name) + "\".");
    }
    operation_ = chosen;
    auto variables =
        coerce_variable_values(schema_, es_.scalars(), *operation_, request_.variables);
    if (!variables) {
      for (const InputError& error : variables.error()) add_error(error.message, error.locations);
      return false;
    }
    variables_ = std::move(*variables);
    choose_plans();
    root_type_ = schema_.root_type(operation_->operation);
    if (root_type_ == nullptr) {
      add_error("Schema is not configured to execute " +
                    std::string(ast::operation_type_name(operation_->operation)) + " operation.",
                {operation_->loc});
      data_ = nullptr;
      has_data_ = true;
      return false;
    }
    has_data_ = true;
    root_ = Frame{nullptr, &data_, true};
    root_fields_ = &collect(*root_type_, operation_->selection_set, nullptr);
    json::object& object = data_.emplace_object();
    object.reserve(root_fields_->groups.size());
    return true;
  }

  // Runs root fields inline until one needs the event loop (all of them for queries, so their
  // async resolvers start together; one at a time for mutations).
  void step() {
    const bool serial = operation_->operation == ast::OperationType::kMutation;
    while (next_root_ < root_fields_->groups.size() && !root_.dead) {
      FieldGroup& group = root_fields_->groups[next_root_++];
      if (group.def == nullptr) continue;
      json::object& object = data_.as_object();
      json::value& slot = object.emplace(group.key, nullptr).first->value();
      const PathNode root_path{nullptr, group.key, -1};
      const PathNode* path = &root_path;
      const bool cacheable = cacheable_introspection(group);
      if (cacheable) {
        if (const auto cached = es_.introspection_cache().find(document_source(),
                                                               operation_->name.value, group.key)) {
          slot = *cached;
          continue;
        }
      }
      const std::size_t errors_before = errors_.size();
      const std::size_t pending_before = pending_.size();
      if (!execute_field(*root_type_, root_value_, group, path, &root_, slot)) {
        propagate(&root_);
      } else if (cacheable && errors_.size() == errors_before &&
                 pending_.size() == pending_before) {
        es_.introspection_cache().store(document_source(), operation_->name.value, group.key, slot);
      }
      if (serial && next_pending_ < pending_.size()) return;
    }
  }

  // An introspection root field of a query without variables: its result depends only on the
  // schema and the query text, so it may be served from the schema's introspection cache.
  bool cacheable_introspection(const FieldGroup& group) const {
    return operation_->operation == ast::OperationType::kQuery &&
           operation_->variable_definitions.empty() &&
           (group.def == &schema_.schema_meta_field() || group.def == &schema_.type_meta_field());
  }

  std::string_view document_source() const { return request_.document->source(); }

  bool finished() const {
    return (next_root_ >= root_fields_->groups.size() || root_.dead) &&
           next_pending_ == pending_.size() && outstanding_ == 0;
  }

  asio::awaitable<void> finish() {
    executor_ = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor_, asio::steady_timer::time_point::max());
    timer_ = &timer;
    while (!finished()) {
      launch();
      while (outstanding_ > 0) {
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        timer.expires_at(asio::steady_timer::time_point::max());
      }
      step();
    }
    timer_ = nullptr;
  }

  bool is_subscription() const {
    return operation_->operation == ast::OperationType::kSubscription;
  }

  // Spec 6.2.2.1 CreateSourceEventStream, after prepare(): the root field's event stream, or
  // null with the reason in the errors.
  asio::awaitable<std::shared_ptr<EventStream>> subscribe_root() {
    if (root_fields_->groups.empty()) {
      add_error("Subscription operation selects no field.", {operation_->loc});
      co_return nullptr;
    }
    FieldGroup& group = root_fields_->groups.front();
    if (group.def == nullptr) {
      field_error("The subscription field \"" + std::string(group.nodes.front()->name.value) +
                      "\" is not defined.",
                  group, nullptr);
      co_return nullptr;
    }
    const PathNode* path = new_path(nullptr, group.key, -1);
    if (!ensure_arguments(group)) {
      add_error(group.args_error->message, group.args_error->locations, path);
      co_return nullptr;
    }
    const SubscribeResolver* subscriber = es_.subscriber(*group.def);
    if (subscriber == nullptr) {
      field_error("Subscription field must return Async Iterable. Received: undefined.", group,
                  path);
      co_return nullptr;
    }
    const ResolveInfo info{root_value_,          group.args, *root_type_,     *group.def,
                           *group.nodes.front(), schema_,    request_.context};
    boost::system::result<std::shared_ptr<EventStream>, FieldError> stream =
        FieldError{"Resolver did not complete.", {}};
    try {
      stream = co_await (*subscriber)(info);
    } catch (const std::exception& e) {
      stream = FieldError{e.what(), {}};
    }
    if (!stream) {
      field_error(stream.error().message, group, path, stream.error().code);
      co_return nullptr;
    }
    if (*stream == nullptr) {
      field_error("Subscription field must return Async Iterable. Received: null.", group, path);
    }
    co_return std::move(*stream);
  }

  json::object errors_response() {
    json::object out(storage_);
    out["errors"] = std::move(errors_);
    return out;
  }

  json::object response() {
    json::object out(storage_);
    if (has_data_) out["data"] = std::move(data_);
    if (!errors_.empty()) out["errors"] = std::move(errors_);
    return out;
  }

 private:
  bool request_error(std::string message) {
    add_error(std::move(message), {});
    return false;
  }

  void add_error(std::string message, const std::vector<Location>& locations,
                 const PathNode* path = nullptr, std::string_view code = {}) {
    json::object error;
    error["message"] = std::move(message);
    if (!locations.empty()) {
      json::array out;
      for (const Location& location : locations) {
        out.push_back(json::object{{"line", location.line}, {"column", location.column}});
      }
      error["locations"] = std::move(out);
    }
    if (path != nullptr) {
      std::vector<const PathNode*> chain;
      for (const PathNode* node = path; node != nullptr; node = node->parent) chain.push_back(node);
      json::array out;
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if ((*it)->index >= 0) {
          out.emplace_back((*it)->index);
        } else {
          out.emplace_back((*it)->key);
        }
      }
      error["path"] = std::move(out);
    }
    if (!code.empty()) error["extensions"] = json::object{{"code", code}};
    errors_.push_back(std::move(error));
  }

  void field_error(std::string message, const FieldGroup& group, const PathNode* path,
                   std::string_view code = {}) {
    std::vector<Location> locations;
    for (const ast::Field* node : group.nodes) locations.push_back(node->loc);
    add_error(std::move(message), locations, path, code);
  }

  // Paths live on the stack while execution is synchronous; a resolver that completes later
  // needs its own copy of the chain.
  const PathNode* persist(const PathNode* path) {
    if (path == nullptr) return nullptr;
    return new_path(persist(path->parent), path->key, path->index);
  }

  const PathNode* new_path(const PathNode* parent, std::string_view key, std::int64_t index) {
    return &paths_.emplace_back(PathNode{parent, key, index});
  }
  Frame* new_frame(Frame* parent, json::value* slot, bool nullable) {
    return &frames_.emplace_back(Frame{parent, slot, nullable});
  }

  static bool alive(const Frame* frame) {
    for (; frame != nullptr; frame = frame->parent) {
      if (frame->dead) return false;
    }
    return true;
  }

  // A non-null failure inside `frame`: null the nearest nullable enclosing position.
  static void propagate(Frame* frame) {
    for (; frame != nullptr; frame = frame->parent) {
      if (frame->dead) return;
      frame->dead = true;
      if (frame->nullable) {
        *frame->slot = nullptr;
        return;
      }
    }
  }

  // --- Field collection (spec 6.3.2) ---------------------------------------------------------

  bool included(ast::List<ast::Directive> directives) {
    for (const ast::Directive* directive : directives) {
      const bool skip = directive->name.value == "skip";
      if (!skip && directive->name.value != "include") continue;
      if (const std::optional<bool> condition = literal_condition(*directive)) {
        if (skip == *condition) return false;
        continue;
      }
      const schema::Directive* def = schema_.directive(directive->name.value);
      auto args = coerce_argument_values(def->arguments, directive->arguments, directive->loc,
                                         variables_, es_.scalars());
      if (!args) continue;
      const auto condition = args->find("if");
      const bool value =
          condition != args->end() && condition->value().is_bool() && condition->value().get_bool();
      if (skip == value) return false;
    }
    return true;
  }

  // Shares field plans when someone besides this request keeps the document (a document
  // cache), so it will be executed again. @skip/@include outcomes depend on the variables:
  // the signature holds two bits (true, false) per variable, so plans differ where they can.
  void choose_plans() {
    if (request_.document.use_count() < 2) return;
    const auto definitions = operation_->variable_definitions;
    if (definitions.size() > 32) return;
    std::uint64_t signature = 0;
    for (std::size_t i = 0; i < definitions.size(); ++i) {
      const json::value* value = variables_.if_contains(definitions[i]->variable->name.value);
      if (value != nullptr && value->is_bool())
        signature |= (value->get_bool() ? 1ULL : 2ULL) << (2 * i);
    }
    signature_ = signature;
    plans_ = es_.plan_cache().for_document(request_.document);
  }

  // The `if:` of @skip/@include when it is a Boolean literal or a variable holding a Boolean,
  // the shapes a validated document almost always has; nullopt sends the rest through full
  // argument coercion.
  std::optional<bool> literal_condition(const ast::Directive& directive) const {
    if (directive.arguments.size() != 1) return std::nullopt;
    const ast::Argument& argument = *directive.arguments.front();
    if (argument.name.value != "if" || argument.value == nullptr) return std::nullopt;
    if (const auto* literal = ast::as<ast::BooleanValue>(argument.value)) return literal->value;
    if (const auto* variable = ast::as<ast::Variable>(argument.value)) {
      const json::value* value = variables_.if_contains(variable->name.value);
      if (value != nullptr && value->is_bool()) return value->get_bool();
    }
    return std::nullopt;
  }

  bool fragment_applies(const schema::Type& object, const ast::NamedType* condition) {
    if (condition == nullptr) return true;
    const schema::Type* type = schema_.type(condition->name.value);
    if (type == &object) return true;
    return type != nullptr && schema_.is_possible_type(*type, object);
  }

  // The included fields of `set` on `object`, fragments expanded, in document order.
  void collect_into(const schema::Type& object, const ast::SelectionSet& set, FieldList& out,
                    NameList& visited) {
    for (const ast::Selection* selection : set.selections) {
      if (const auto* field = ast::as<ast::Field>(selection)) {
        if (included(field->directives)) out.push_back(field);
      } else if (const auto* spread = ast::as<ast::FragmentSpread>(selection)) {
        if (!included(spread->directives) ||
            std::find(visited.begin(), visited.end(), spread->name.value) != visited.end()) {
          continue;
        }
        visited.push_back(spread->name.value);
        const auto fragment = fragments_.find(spread->name.value);
        if (fragment == fragments_.end() ||
            !fragment_applies(object, fragment->second->type_condition)) {
          continue;
        }
        collect_into(object, *fragment->second->selection_set, out, visited);
      } else {
        const auto& inline_fragment = ast::cast<ast::InlineFragment>(*selection);
        if (!included(inline_fragment.directives) ||
            !fragment_applies(object, inline_fragment.type_condition)) {
          continue;
        }
        collect_into(object, *inline_fragment.selection_set, out, visited);
      }
    }
  }

  const schema::Field* field_def(const schema::Type& object, std::string_view name) {
    if (name == "__typename") return &schema_.typename_meta_field();
    if (&object == schema_.query_type()) {
      if (name == "__schema") return &schema_.schema_meta_field();
      if (name == "__type") return &schema_.type_meta_field();
    }
    return object.field(name);
  }

  // The merged sub-selection of `parent` (or the operation's selection set) on `object`,
  // computed once per request: list items reuse it.
  Collected& collect(const schema::Type& object, const ast::SelectionSet* set, FieldGroup* parent) {
    if (parent != nullptr && parent->sub_type == &object) return *parent->sub;
    const auto key = std::make_pair(&object, parent != nullptr ? static_cast<const void*>(parent)
                                                               : static_cast<const void*>(set));
    Collected*& slot = collected_[key];
    if (slot == nullptr) slot = &group_fields(object, set, parent);
    if (parent != nullptr) {
      parent->sub_type = &object;
      parent->sub = slot;
    }
    return *slot;
  }

  // CollectFields, then the fields grouped by response key in first-appearance order, all in
  // the arena: one flat array of nodes that the groups view.
  Collected& group_fields(const schema::Type& object, const ast::SelectionSet* set,
                          const FieldGroup* parent) {
    const detail::PlannedFields* plan = nullptr;
    if (plans_ != nullptr) {
      const void* selection = parent != nullptr ? static_cast<const void*>(parent->nodes.data())
                                                : static_cast<const void*>(set);
      plan = plans_->find(&object, selection, signature_);
      if (plan == nullptr) {
        plan = plans_->insert(&object, selection, signature_,
                              plan_fields(object, set, parent, std::pmr::new_delete_resource()));
      }
    } else {
      plan = local_plans_.emplace_back(plan_fields(object, set, parent, &arena_)).get();
    }
    Collected& out =
        collected_storage_.emplace_back(Collected{std::pmr::vector<FieldGroup>(&arena_)});
    out.groups.reserve(plan->groups.size());
    for (const detail::PlannedGroup& planned : plan->groups) out.groups.emplace_back(planned);
    if (plan->prototype) out.prototype = &*plan->prototype;
    return out;
  }

  // CollectFields, then the fields grouped by response key in first-appearance order: one
  // flat array of nodes that the groups view.
  std::unique_ptr<detail::PlannedFields> plan_fields(const schema::Type& object,
                                                     const ast::SelectionSet* set,
                                                     const FieldGroup* parent,
                                                     std::pmr::memory_resource* memory) {
    FieldList fields;
    NameList visited;
    if (parent == nullptr) {
      collect_into(object, *set, fields, visited);
    } else {
      for (const ast::Field* node : parent->nodes) {
        if (node->selection_set != nullptr)
          collect_into(object, *node->selection_set, fields, visited);
      }
    }
    NameList keys;
    boost::container::small_vector<std::uint32_t, kInlineFields> group_of;
    boost::container::small_vector<std::uint32_t, kInlineFields> counts;
    for (const ast::Field* field : fields) {
      const std::string_view key = field->response_key();
      const auto found = std::find(keys.begin(), keys.end(), key);
      const auto index = static_cast<std::uint32_t>(found - keys.begin());
      if (found == keys.end()) {
        keys.push_back(key);
        counts.push_back(0);
      }
      ++counts[index];
      group_of.push_back(index);
    }
    auto plan = std::make_unique<detail::PlannedFields>(memory);
    // Counting sort: each group's nodes become one contiguous run, in document order.
    plan->nodes.assign(fields.size(), nullptr);
    boost::container::small_vector<std::uint32_t, kInlineFields> next;
    std::uint32_t offset = 0;
    for (const std::uint32_t count : counts) {
      next.push_back(offset);
      offset += count;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) plan->nodes[next[group_of[i]]++] = fields[i];
    plan->groups.reserve(keys.size());
    const ast::Field* const* start = plan->nodes.data();
    for (std::size_t g = 0; g < keys.size(); ++g) {
      detail::PlannedGroup& group = plan->groups.emplace_back();
      group.key = keys[g];
      group.nodes = std::span<const ast::Field* const>(start, counts[g]);
      start += counts[g];
      group.def = field_def(object, group.nodes.front()->name.value);
      if (group.def != nullptr) group.resolver = es_.resolver(*group.def);
    }
    if (memory == std::pmr::new_delete_resource()) {
      json::object& prototype = plan->prototype.emplace();
      prototype.reserve(plan->groups.size());
      for (const detail::PlannedGroup& group : plan->groups) {
        if (group.def != nullptr) prototype.emplace(group.key, nullptr);
      }
    }
    return plan;
  }

  // --- Execution (spec 6.4) ------------------------------------------------------------------

  bool execute_fields(const schema::Type& object, const json::value& source, Collected& fields,
                      const PathNode* path, Frame* frame, json::object& out) {
    if (fields.prototype != nullptr) {
      out = json::object(*fields.prototype, storage_);
      auto slot = out.begin();
      for (FieldGroup& group : fields.groups) {
        if (group.def == nullptr) continue;
        const PathNode field_path{path, group.key, -1};
        if (!execute_field(object, source, group, &field_path, frame, (slot++)->value())) {
          return false;
        }
      }
      return true;
    }
    out.reserve(fields.groups.size());
    for (FieldGroup& group : fields.groups) {
      if (group.def == nullptr) continue;
      json::value& slot = out.emplace(group.key, nullptr).first->value();
      const PathNode field_path{path, group.key, -1};
      if (!execute_field(object, source, group, &field_path, frame, slot)) {
        return false;
      }
    }
    return true;
  }

  // False when the field failed in a non-null position: the caller's object becomes null.
  bool execute_field(const schema::Type& object, const json::value& source, FieldGroup& group,
                     const PathNode* path, Frame* frame, json::value& slot) {
    const schema::Field& def = *group.def;
    if (&def == &schema_.typename_meta_field()) {
      slot = object.name;
      return true;
    }
    if (!group.args_ready && !ensure_arguments(group)) {
      add_error(group.args_error->message, group.args_error->locations, path);
      return !def.type->is_non_null();
    }
    if (group.args_error) {
      add_error(group.args_error->message, group.args_error->locations, path);
      return !def.type->is_non_null();
    }
    const Resolver* resolver = group.resolver;
    if (resolver != nullptr && resolver->async) {
      pending_.push_back(Pending{&source, &object, &group, persist(path), &slot, frame});
      return true;
    }
    if (resolver == nullptr) {
      const json::value* value = &kNull;
      if (const auto* parent = source.if_object()) value = property(*parent, def.name, group);
      return complete_value(*def.type, object, group, path, *value, slot, frame);
    }
    ResolveInfo info{source,  group.args,      object, def, *group.nodes.front(),
                     schema_, request_.context};
    if (resolver->borrow) {
      // The value outlives the request: read it in place, no copy kept in owned_.
      const json::value* lent = resolver->borrow(info);
      return complete_value(*def.type, object, group, path, lent != nullptr ? *lent : kNull, slot,
                            frame);
    }
    ResolverResult result = call(resolver->sync, info);
    return complete_result(object, group, path, std::move(result), slot, frame);
  }

  // The default resolver's lookup: the position the group last found its key at, else a search.
  static const json::value* property(const json::object& parent, std::string_view name,
                                     FieldGroup& group) {
    if (group.property_hint < parent.size()) {
      const json::key_value_pair& guess = parent.begin()[group.property_hint];
      if (guess.key() == name) return &guess.value();
    }
    if (parent.size() > kScannedProperties) {
      const auto found = parent.find(name);
      if (found == parent.end()) return &kNull;
      group.property_hint = static_cast<std::size_t>(found - parent.begin());
      return &found->value();
    }
    // A scan, comparing the length and the first byte before the rest: the library's lookup in
    // a small object calls memcmp for every key of the same length.
    const json::key_value_pair* begin = parent.begin();
    for (std::size_t i = 0; i < parent.size(); ++i) {
      const json::string_view key = begin[i].key();
      if (key.size() == name.size() && (name.empty() || key[0] == name[0]) &&
          std::equal(key.begin(), key.end(), name.begin())) {
        group.property_hint = i;
        return &begin[i].value();
      }
    }
    return &kNull;
  }

  // Coerces the group's arguments once per request; false when they are invalid.
  bool ensure_arguments(FieldGroup& group) {
    if (!group.args_ready) {
      group.args_ready = true;
      if (!group.def->arguments.empty()) {
        auto args = coerce_argument_values(group.def->arguments, group.nodes.front()->arguments,
                                           group.nodes.front()->loc, variables_, es_.scalars());
        if (args) {
          group.args = std::move(*args);
        } else {
          group.args_error = std::move(args.error());
        }
      }
    }
    return !group.args_error;
  }

  static ResolverResult call(const SyncResolver& resolver, const ResolveInfo& info) {
    try {
      return resolver(info);
    } catch (const std::exception& e) {
      return FieldError{e.what(), {}};
    }
  }

  bool complete_result(const schema::Type& object, FieldGroup& group, const PathNode* path,
                       ResolverResult result, json::value& slot, Frame* frame) {
    const schema::Field& def = *group.def;
    if (!result) {
      field_error(result.error().message, group, path, result.error().code);
      slot = nullptr;
      return !def.type->is_non_null();
    }
    if (def.type->named->is_leaf()) {
      return complete_value(*def.type, object, group, path, *result, slot, frame);
    }
    // Composite values become parents of the next level; keep them for the whole request.
    const json::value& kept = owned_.emplace_back(std::move(*result));
    return complete_value(*def.type, object, group, path, kept, slot, frame);
  }

  bool complete_value(const TypeRef& type, const schema::Type& object, FieldGroup& group,
                      const PathNode* path, const json::value& result, json::value& slot,
                      Frame* frame) {
    if (type.is_non_null()) {
      if (!complete_nullable(*type.of_type, object, group, path, result, slot, frame, false)) {
        slot = nullptr;
        return false;
      }
      if (slot.is_null()) {
        field_error("Cannot return null for non-nullable field " + std::string(object.name) + "." +
                        std::string(group.def->name) + ".",
                    group, path);
        return false;
      }
      return true;
    }
    if (!complete_nullable(type, object, group, path, result, slot, frame, true)) slot = nullptr;
    return true;
  }

  bool complete_nullable(const TypeRef& type, const schema::Type& object, FieldGroup& group,
                         const PathNode* path, const json::value& result, json::value& slot,
                         Frame* frame, bool nullable) {
    if (result.is_null()) {
      slot = nullptr;
      return true;
    }
    if (type.is_list()) {
      if (!result.is_array()) {
        field_error("Expected Iterable, but did not find one for field \"" +
                        std::string(object.name) + "." + std::string(group.def->name) + "\".",
                    group, path);
        return false;
      }
      const json::array& items = result.get_array();
      json::array& out = slot.emplace_array();
      out.resize(items.size());
      Frame* list_frame = new_frame(frame, &slot, nullable);
      for (std::size_t i = 0; i < items.size(); ++i) {
        const PathNode item_node{path, {}, static_cast<std::int64_t>(i)};
        const PathNode* item_path = &item_node;
        if (!complete_value(*type.of_type, object, group, item_path, items[i], out[i],
                            list_frame)) {
          list_frame->dead = true;
          return false;
        }
      }
      return true;
    }
    const schema::Type* named = type.named;
    if (named->is_leaf()) {
      if (serialize_plain(*named, result, slot)) return true;
      ScalarResult serialized = serialize_leaf(*named, result, es_.scalars());
      if (!serialized) {
        field_error(serialized.error(), group, path);
        return false;
      }
      slot = std::move(*serialized);
      return true;
    }
    if (named->is_abstract()) {
      named = runtime_type(*named, object, group, path, result);
      if (named == nullptr) return false;
    }
    Collected& fields = collect(*named, nullptr, &group);
    json::object& out = slot.emplace_object();
    Frame* object_frame = new_frame(frame, &slot, nullable);
    if (!execute_fields(*named, result, fields, path, object_frame, out)) {
      object_frame->dead = true;
      return false;
    }
    return true;
  }

  // The common leaves (built-in scalars and enum values already in their result form), written
  // straight into the response's arena; false leaves the rest to serialize_leaf.
  bool serialize_plain(const schema::Type& type, const json::value& result, json::value& slot) {
    if (const json::string* text = result.if_string()) {
      const bool plain = &type == string_type_ || &type == id_type_ ||
                         (type.kind == TypeKind::kEnum && type.enum_value(*text) != nullptr);
      if (plain) slot.emplace_string().assign(text->data(), text->size());
      return plain;
    }
    if (&type == int_type_ && result.is_int64()) {
      const std::int64_t value = result.get_int64();
      const bool plain = value >= INT32_MIN && value <= INT32_MAX;
      if (plain) slot = value;
      return plain;
    }
    if (&type == float_type_ && result.is_double() && std::isfinite(result.get_double())) {
      slot = result.get_double();
      return true;
    }
    if (&type == boolean_type_ && result.is_bool()) {
      slot = result.get_bool();
      return true;
    }
    return false;
  }

  const schema::Type* runtime_type(const schema::Type& abstract, const schema::Type& object,
                                   const FieldGroup& group, const PathNode* path,
                                   const json::value& value) {
    std::string_view name;
    if (const TypeResolver* resolver = es_.type_resolver(abstract)) {
      name = (*resolver)(value, abstract);
    } else if (const auto* fields = value.if_object()) {
      if (const json::value* typename_value = fields->if_contains("__typename")) {
        if (typename_value->is_string()) name = typename_value->get_string();
      }
    }
    const std::string abstract_name(abstract.name);
    if (name.empty()) {
      field_error("Abstract type \"" + abstract_name +
                      "\" must resolve to an Object type at runtime for field \"" +
                      std::string(object.name) + "." + std::string(group.def->name) +
                      "\". Either the \"" + abstract_name +
                      "\" type should provide a \"resolveType\" function or each possible type "
                      "should provide an \"isTypeOf\" function.",
                  group, path);
      return nullptr;
    }
    const schema::Type* runtime = schema_.type(name);
    if (runtime == nullptr) {
      field_error("Abstract type \"" + abstract_name + "\" was resolved to a type \"" +
                      std::string(name) + "\" that does not exist inside the schema.",
                  group, path);
      return nullptr;
    }
    if (runtime->kind != TypeKind::kObject) {
      field_error("Abstract type \"" + abstract_name + "\" was resolved to a non-object type \"" +
                      std::string(name) + "\".",
                  group, path);
      return nullptr;
    }
    if (!schema_.is_possible_type(abstract, *runtime)) {
      field_error("Runtime Object type \"" + std::string(name) +
                      "\" is not a possible type for \"" + abstract_name + "\".",
                  group, path);
      return nullptr;
    }
    return runtime;
  }

  // --- Async resolvers -------------------------------------------------------------------------

  void launch() {
    while (next_pending_ < pending_.size()) {
      Pending* item = &pending_[next_pending_++];
      ++outstanding_;
      asio::co_spawn(executor_, run(item), asio::detached);
    }
  }

  asio::awaitable<void> run(Pending* item) {
    ResolverResult result = FieldError{"Resolver did not complete.", {}};
    if (alive(item->frame)) {
      const ResolveInfo info{*item->parent,     item->group->args,           *item->parent_type,
                             *item->group->def, *item->group->nodes.front(), schema_,
                             request_.context};
      try {
        result = co_await item->group->resolver->async(info);
      } catch (const std::exception& e) {
        result = FieldError{e.what(), {}};
      }
      if (alive(item->frame) && !complete_result(*item->parent_type, *item->group, item->path,
                                                 std::move(result), *item->slot, item->frame)) {
        propagate(item->frame);
      }
    }
    launch();  // resolvers found while completing start right away
    if (--outstanding_ == 0 && timer_ != nullptr) timer_->cancel();
  }

  const ExecutionRequest& request_;
  const ExecutableSchema& es_;
  const Schema& schema_;
  const json::value& root_value_;
  // Per-request bookkeeping (field groups, paths, frames) lives in this arena, released at once.
  std::array<std::byte, 8192> arena_buffer_;
  std::pmr::monotonic_buffer_resource arena_{arena_buffer_.data(), arena_buffer_.size()};
  std::pmr::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_{&arena_};
  const ast::OperationDefinition* operation_ = nullptr;
  const schema::Type* root_type_ = nullptr;
  json::object variables_;
  // The response is built in one arena: no allocation per value.
  json::storage_ptr storage_;
  json::value data_ = json::value(storage_);
  bool has_data_ = false;
  json::array errors_ = json::array(storage_);
  const schema::Type* string_type_ = es_.builtin_scalars().string;
  const schema::Type* id_type_ = es_.builtin_scalars().id;
  const schema::Type* int_type_ = es_.builtin_scalars().int_;
  const schema::Type* float_type_ = es_.builtin_scalars().float_;
  const schema::Type* boolean_type_ = es_.builtin_scalars().boolean;
  Frame root_{nullptr, nullptr, true};
  Collected* root_fields_ = nullptr;
  std::size_t next_root_ = 0;
  std::pmr::map<std::pair<const schema::Type*, const void*>, Collected*> collected_{&arena_};
  std::pmr::deque<Collected> collected_storage_{&arena_};
  std::pmr::deque<std::unique_ptr<detail::PlannedFields>> local_plans_{&arena_};
  // Field plans shared with other requests of the same document, when it is worth it (see
  // prepare()); null: plans are made for this request only.
  std::shared_ptr<detail::DocumentPlans> plans_;
  std::uint64_t signature_ = 0;
  std::pmr::deque<PathNode> paths_{&arena_};
  std::pmr::deque<Frame> frames_{&arena_};
  std::pmr::deque<json::value> owned_{&arena_};
  std::pmr::deque<Pending> pending_{&arena_};
  std::size_t next_pending_ = 0;
  std::size_t outstanding_ = 0;
  asio::any_io_executor executor_;
  asio::steady_timer* timer_ = nullptr;
};

json::storage_ptr shared_arena() {
  return json::make_shared_resource<json::monotonic_resource>(kResponseBlock);
}

asio::awaitable<json::object> run_on_strand(ExecutionRequest request, json::storage_ptr storage) {
  Executor executor(request, std::move(storage));
  if (executor.prepare()) {
    executor.step();
    if (!executor.finished()) co_await executor.finish();
  }
  co_return executor.response();
}

json::object run_sync(ExecutionRequest request, json::storage_ptr storage) {
  Executor executor(request, std::move(storage));
  if (executor.prepare()) {
    executor.step();
    if (!executor.finished()) {
      asio::io_context io;
      asio::co_spawn(io, executor.finish(), asio::detached);
      io.run();
    }
  }
  return executor.response();
}

}  // namespace

asio::awaitable<json::object> execute(ExecutionRequest request) {
  auto strand = asio::make_strand(co_await asio::this_coro::executor);
  auto run = asio::co_spawn(strand, run_on_strand(std::move(request), shared_arena()),
                            asio::use_awaitable);
  co_return co_await std::move(run);
}

// The body lives in the arena from the start, so assigning the executor's result to it moves.
Response::Response()
    : arena_(std::make_unique<json::monotonic_resource>(kResponseBlock)),
      body_(json::storage_ptr(arena_.get())) {}

Response& Response::operator=(Response&& other) noexcept {
  if (this != &other) {
    std::destroy_at(&body_);  // frees nothing: its arena's deallocation is trivial
    arena_ = std::move(other.arena_);
    // Moving keeps the storage pointer, which now points into the arena taken just above.
    std::construct_at(&body_, std::move(other.body_));
  }
  return *this;
}

asio::awaitable<Response> execute_in_arena(ExecutionRequest request) {
  Response response;
  auto strand = asio::make_strand(co_await asio::this_coro::executor);
  auto run = asio::co_spawn(
      strand, run_on_strand(std::move(request), json::storage_ptr(response.arena_.get())),
      asio::use_awaitable);
  response.body_ = co_await std::move(run);
  co_return response;
}

Response execute_in_arena_sync(ExecutionRequest request) {
  Response response;
  response.body_ = run_sync(std::move(request), json::storage_ptr(response.arena_.get()));
  return response;
}

namespace detail {

asio::awaitable<SourceStream> create_source_event_stream(const ExecutionRequest& request) {
  Executor executor(request, shared_arena());
  SourceStream out;
  if (!executor.prepare()) {
    out.errors = executor.errors_response();
    co_return out;
  }
  if (!executor.is_subscription()) {
    out.subscription = false;
    co_return out;
  }
  out.stream = co_await executor.subscribe_root();
  if (out.stream == nullptr) out.errors = executor.errors_response();
  co_return out;
}

}  // namespace detail

json::object execute_sync(ExecutionRequest request) {
  return run_sync(std::move(request), shared_arena());
}

}  // namespace ecn::graphql::execution
