#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/system/result.hpp>
#include <memory>
#include <optional>

#include "ecn/graphql/execution/event_stream.hpp"
#include "ecn/graphql/execution/execute.hpp"

namespace ecn::graphql::execution {

// The responses of one subscription (spec 6.2.3 MapSourceToResponseEvent): each event of the
// source stream executed against the subscription's selection set, with the event as the root
// value and its own `errors`. Move-only; destroying it closes the source.
class ResponseStream {
 public:
  ResponseStream(ResponseStream&&) noexcept = default;
  ResponseStream& operator=(ResponseStream&& other) noexcept;
  ~ResponseStream();

  // The response to the next event, or nullopt once the source has ended or the stream was
  // closed. A source that fails ends the stream with one response carrying its error. One
  // next() at a time.
  boost::asio::awaitable<std::optional<boost::json::object>> next();
  // Cancels the subscription: the source is closed and a pending next() returns nullopt.
  void close();

 private:
  struct State;
  friend boost::asio::awaitable<boost::system::result<ResponseStream, boost::json::object>>
  subscribe(ExecutionRequest request);
  explicit ResponseStream(std::shared_ptr<State> state);

  std::shared_ptr<State> state_;
};

// The response stream, or the response `{"errors": [...]}` when the subscription cannot start
// (unknown operation, bad variables or arguments, a failing subscribe resolver; graphql-js's
// wording). A query or mutation yields a stream of exactly one response, as graphql-ws
// expects. The request's context and document must outlive the stream.
using SubscribeResult = boost::system::result<ResponseStream, boost::json::object>;
boost::asio::awaitable<SubscribeResult> subscribe(ExecutionRequest request);

}  // namespace ecn::graphql::execution
