#include "ecn/rpc/handler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <pqxx/except>

#include "ecn/core/uuid.hpp"
#include "ecn/pg/pool.hpp"

namespace ecn::rpc {
namespace {
// How long a client should wait before retrying a call refused for a full queue.
constexpr int kRetryPushbackMs = 100;
}  // namespace

std::string request_id_of(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  const auto found = metadata.find("x-request-id");
  if (found != metadata.end()) {
    const std::string_view id(found->second.data(), found->second.size());
    const bool sane = !id.empty() && id.size() <= 128 &&
                      std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 127; });
    if (sane) return std::string(id);
  }
  return core::new_uuid_v4();
}

grpc::Status status_from_exception(std::exception_ptr error, const char* method) {
  try {
    std::rethrow_exception(error);
  } catch (const core::StatusError& e) {
    return to_grpc_status(e.error());
  } catch (const pg::PoolUnavailable& e) {
    spdlog::error("{}: database unavailable: {}", method, e.what());
    return {grpc::StatusCode::UNAVAILABLE, "the database is unavailable, try again"};
  } catch (const pqxx::broken_connection& e) {
    spdlog::error("{}: database connection lost: {}", method, e.what());
    return {grpc::StatusCode::UNAVAILABLE, "the database is unavailable, try again"};
  } catch (const std::exception& e) {
    spdlog::error("{}: internal error: {}", method, e.what());
  } catch (...) {
    spdlog::error("{}: internal error (non-standard exception)", method);
  }
  return {grpc::StatusCode::INTERNAL,
          "internal error (request id " + std::string(core::current_request_id()) + ")"};
}

namespace detail {

grpc::ServerUnaryReactor* serve_unary(grpc::CallbackServerContext& context, const char* method,
                                      WorkQueue& queue, std::function<grpc::Status()> body) {
  grpc::ServerUnaryReactor* reactor = context.DefaultReactor();
  std::string request_id = request_id_of(context);
  const auto deadline = context.deadline();
  // The context and reactor live until Finish: the task may hold them.
  const bool queued =
      queue.try_post([&context, reactor, method, deadline, request_id, body = std::move(body)] {
        core::RequestIdScope scope(request_id);
        if (std::chrono::system_clock::now() >= deadline) {
          spdlog::info("{}: the deadline passed while the call waited for a worker", method);
          reactor->Finish({grpc::StatusCode::DEADLINE_EXCEEDED,
                           "the deadline passed while waiting for a worker"});
          return;
        }
        if (context.IsCancelled()) {
          spdlog::info("{}: the caller left while the call waited for a worker", method);
          reactor->Finish({grpc::StatusCode::CANCELLED, "cancelled while waiting for a worker"});
          return;
        }
        grpc::Status status;
        try {
          status = body();
        } catch (...) {
          status = status_from_exception(std::current_exception(), method);
        }
        reactor->Finish(status);
      });
  if (!queued) {
    core::RequestIdScope scope(request_id);
    spdlog::warn("{}: refused with UNAVAILABLE: {} calls are waiting already (RPC_QUEUE_LIMIT)",
                 method, queue.options().capacity);
    // gRPC's own retry policy reads this trailer as the time to wait before the next attempt.
    context.AddTrailingMetadata("grpc-retry-pushback-ms", std::to_string(kRetryPushbackMs));
    reactor->Finish({grpc::StatusCode::UNAVAILABLE, "the service is busy, try again shortly"});
  }
  return reactor;
}

}  // namespace detail

}  // namespace ecn::rpc
