#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/result.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "ecn/graphql/execution/resolver.hpp"
#include "upstream/upstream_error.hpp"
#include "upstream/upstream_failures.hpp"

namespace ecn::gateway::upstream {

// What every upstream call carries: its deadline and the request id for the callee's logs.
struct CallOptions {
  std::chrono::milliseconds timeout{2000};
  std::string request_id;
  UpstreamFailures* failures = nullptr;  // where failures a client sees as such are recorded
};

template <typename Response>
using CallResult = boost::system::result<Response, graphql::execution::FieldError>;

// One unary call through gRPC's callback API, awaited without blocking a thread: gRPC completes
// it on its own thread, and the coroutine resumes on its own executor (the request's strand).
// `start(context, request, response, done)` is `stub->async()->Method`, bound by the caller.
template <typename Response, typename Request, typename Start>
boost::asio::awaitable<CallResult<Response>> call(UpstreamMethod method, Start start,
                                                  Request request, const CallOptions& options) {
  struct State {
    grpc::ClientContext context;
    Request request;
    Response response;
    grpc::Status status;
  };
  auto state = std::make_shared<State>();
  state->request = std::move(request);
  // Set here, not through rpc::prepare_call: its request id is thread-local, and a coroutine
  // moves between threads.
  state->context.set_deadline(std::chrono::system_clock::now() + options.timeout);
  if (!options.request_id.empty()) state->context.AddMetadata("x-request-id", options.request_id);
  auto initiation = [&start, state](auto handler) {
    // Shared because gRPC's callback is a (copyable) std::function; the handler is move-only.
    auto executor = boost::asio::get_associated_executor(handler);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    start(&state->context, &state->request, &state->response,
          [state, executor, shared](grpc::Status status) {
            state->status = std::move(status);
            // Resumes the coroutine on its own executor, never on gRPC's thread.
            boost::asio::post(executor, [shared] { std::move (*shared)(); });
          });
  };
  // Named, not temporaries of the co_await expression: GCC 12 destroys those twice (here the
  // shared State would be released early).
  auto completion = boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
      std::move(initiation), boost::asio::use_awaitable);
  co_await std::move(completion);
  // Built as named locals: GCC 12 mishandles a converting co_return of a variant-backed result.
  if (!state->status.ok()) {
    auto error = field_error(method.service, state->status);
    if (options.failures != nullptr) {
      options.failures->record(method, state->status, options.request_id, error);
    }
    CallResult<Response> failed(boost::system::in_place_error, std::move(error));
    co_return failed;
  }
  CallResult<Response> done(boost::system::in_place_value, std::move(state->response));
  co_return done;
}

}  // namespace ecn::gateway::upstream
