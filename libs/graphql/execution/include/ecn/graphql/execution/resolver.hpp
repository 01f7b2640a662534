#pragma once

#include <any>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ecn/graphql/ast.hpp"
#include "ecn/graphql/execution/scalars.hpp"
#include "ecn/graphql/schema.hpp"

// How application code plugs into the executor: resolvers bound by `Type.field`, type
// resolvers for interfaces and unions, and custom scalar hooks, all registered once.
namespace ecn::graphql::execution {

// A field error raised by a resolver; `code` becomes `extensions.code` when not empty.
struct FieldError {
  std::string message;
  std::string code;
};

// What a resolver produces: the field's value as JSON (objects become the parent value of the
// next level), or an error.
using ResolverResult = boost::system::result<boost::json::value, FieldError>;

// Lets result<T, FieldError>::value() throw std::runtime_error with the error's message (found
// by argument-dependent lookup).
[[noreturn]] void throw_exception_from_error(const FieldError& error,
                                             const boost::source_location& location);

// Everything a resolver may look at. References stay valid until the resolver completes.
struct ResolveInfo {
  const boost::json::value& parent;
  const boost::json::object& args;  // coerced arguments, defaults applied
  const schema::Type& parent_type;
  const schema::Field& field;
  const ast::Field& node;  // the first field node of the merged selection
  const Schema& schema;
  std::any* context;  // the request's context (auth, loaders), null when the request has none
};

// Runs inline on the executor's thread: the fast path, no coroutine frame.
using SyncResolver = std::function<ResolverResult(const ResolveInfo&)>;
// Runs as a coroutine on the request's strand; many of them run concurrently.
using AsyncResolver = std::function<boost::asio::awaitable<ResolverResult>(const ResolveInfo&)>;
// Subscribes a root subscription field: the source event stream (spec 6.2.2.1
// ResolveFieldEventStream), or why there is none.
class EventStream;
using SubscribeResolver = std::function<boost::asio::awaitable<
    boost::system::result<std::shared_ptr<EventStream>, FieldError>>(const ResolveInfo&)>;
// Names the object type of a value of an interface or union ("" when it cannot tell).
using TypeResolver =
    std::function<std::string_view(const boost::json::value& value, const schema::Type& abstract)>;

// Runs inline and lends a value that outlives the request (data owned by the schema, such as
// introspection's), which the executor reads in place instead of taking a copy; null reads as
// null.
using BorrowingResolver = std::function<const boost::json::value*(const ResolveInfo&)>;

// One bound resolver, synchronous or asynchronous; a subscription field may also (or only)
// have a subscribe resolver, which makes its event stream.
struct Resolver {
  SyncResolver sync;
  AsyncResolver async;
  SubscribeResolver subscribe;
  BorrowingResolver borrow;
};

// The resolvers of an application, bound by schema coordinate. Fields without a resolver use
// property lookup on the parent JSON object; abstract types without a type resolver use the
// value's `__typename`.
class ResolverMap {
 public:
  ResolverMap& on(std::string coordinate, SyncResolver resolver);
  ResolverMap& on_async(std::string coordinate, AsyncResolver resolver);
  // The event stream of a subscription field; each event then resolves the field with its
  // `on`/`on_async` resolver or, without one, by property lookup on the event.
  ResolverMap& on_subscribe(std::string coordinate, SubscribeResolver resolver);
  ResolverMap& resolve_type(std::string type_name, TypeResolver resolver);
  ResolverMap& scalar(std::string type_name, ScalarHooks hooks);

  const std::unordered_map<std::string, Resolver, StringHash, std::equal_to<>>& fields() const {
    return fields_;
  }
  const std::unordered_map<std::string, TypeResolver, StringHash, std::equal_to<>>& type_resolvers()
      const {
    return type_resolvers_;
  }
  const ScalarRegistry& scalars() const { return scalars_; }

 private:
  std::unordered_map<std::string, Resolver, StringHash, std::equal_to<>> fields_;
  std::unordered_map<std::string, TypeResolver, StringHash, std::equal_to<>> type_resolvers_;
  ScalarRegistry scalars_;
};

}  // namespace ecn::graphql::execution
