#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <exception>
#include <functional>
#include <string>

#include "ecn/core/logging.hpp"
#include "ecn/core/status.hpp"
#include "ecn/rpc/status_mapping.hpp"
#include "ecn/rpc/work_queue.hpp"

namespace ecn::rpc {

// The request id of a call: the caller's `x-request-id` metadata when it is a sane token
// (1–128 visible ASCII characters), otherwise a new UUID.
std::string request_id_of(const grpc::ServerContextBase& context);

// Turns whatever escaped a handler into a status a client may see: StatusError keeps its code;
// an unreachable or broken database is UNAVAILABLE; anything else is logged in full (with the
// request id of the current scope) and returned as INTERNAL without details, so no SQL, stack
// or secret leaves the service.
grpc::Status status_from_exception(std::exception_ptr error, const char* method);

namespace detail {
// Queues `body` for the call of `context` and finishes the call with the status it returns:
// DEADLINE_EXCEEDED or CANCELLED without running it when the call's deadline passed or the
// client left while it waited; UNAVAILABLE with a `grpc-retry-pushback-ms` trailer at once when
// the queue is full. `body` runs inside the call's RequestIdScope; what it throws becomes a
// status through status_from_exception.
grpc::ServerUnaryReactor* serve_unary(grpc::CallbackServerContext& context, const char* method,
                                      WorkQueue& queue, std::function<grpc::Status()> body);
}  // namespace detail

// Serves one unary call of a callback service on `queue`: `fn()` returns core::Result<Reply>,
// moved into `*reply` on success. `fn` runs later on a worker, so it captures by value (the
// request and reply pointers stay valid until the call finishes).
//
//   grpc::ServerUnaryReactor* GetUser(grpc::CallbackServerContext* ctx, const GetUserRequest* req,
//                                     User* out) override {
//     return rpc::serve(*ctx, out, "GetUser", work_, [=, this] { return users_.get(req->id()); });
//   }
template <typename Reply, typename Fn>
grpc::ServerUnaryReactor* serve(grpc::CallbackServerContext& context, Reply* reply,
                                const char* method, WorkQueue& queue, Fn fn) {
  return detail::serve_unary(context, method, queue,
                             [reply, fn = std::move(fn)]() mutable -> grpc::Status {
                               auto result = fn();
                               if (!result) return to_grpc_status(result.error());
                               *reply = std::move(*result);
                               return grpc::Status::OK;
                             });
}

}  // namespace ecn::rpc
