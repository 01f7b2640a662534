#pragma once

#include <grpcpp/server_context.h>

#include <exception>
#include <string>
#include <type_traits>

#include "ecn/core/logging.hpp"
#include "ecn/core/status.hpp"
#include "ecn/rpc/status_mapping.hpp"

namespace ecn::rpc {

// The request id of a call: the caller's `x-request-id` metadata when it is a sane token
// (1–128 visible ASCII characters), otherwise a new UUID.
std::string request_id_of(const grpc::ServerContext& context);

// Turns whatever escaped a handler into a status a client may see: StatusError keeps its code;
// an unreachable or broken database is UNAVAILABLE; anything else is logged in full (with the
// request id of the current scope) and returned as INTERNAL without details, so no SQL, stack
// or secret leaves the service.
grpc::Status status_from_exception(std::exception_ptr error, const char* method);

// Runs one unary handler body: `fn()` returns core::Result<Reply>. The reply is moved into
// `*reply` on success. Every line logged inside carries the call's request id.
//
//   grpc::Status GetUser(grpc::ServerContext* ctx, const GetUserRequest* req, User* out) override {
//     return rpc::handle(*ctx, out, "GetUser", [&] { return users_.get(req->id()); });
//   }
template <typename Reply, typename Fn>
grpc::Status handle(const grpc::ServerContext& context, Reply* reply, const char* method, Fn&& fn) {
  core::RequestIdScope scope(request_id_of(context));
  try {
    auto result = fn();
    if (!result) return to_grpc_status(result.error());
    *reply = std::move(*result);
    return grpc::Status::OK;
  } catch (...) {
    return status_from_exception(std::current_exception(), method);
  }
}

}  // namespace ecn::rpc
