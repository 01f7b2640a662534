#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <memory>

#include "ecn/graphql/execution/event_stream.hpp"
#include "ecn/graphql/execution/execute.hpp"

namespace ecn::graphql::execution::detail {

// What spec 6.2.2.1 CreateSourceEventStream made of a request.
struct SourceStream {
  bool subscription = true;             // false: not a subscription operation, execute it once
  std::shared_ptr<EventStream> stream;  // null when `errors` says why
  boost::json::object errors;           // {"errors": [...]}, graphql-js's wording
};

// Chooses the operation, coerces variables and arguments, and calls the subscribe resolver of
// the operation's single root field.
boost::asio::awaitable<SourceStream> create_source_event_stream(const ExecutionRequest& request);

}  // namespace ecn::graphql::execution::detail
