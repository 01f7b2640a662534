#include "ecn/rpc/handler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <pqxx/except>

#include "ecn/core/uuid.hpp"
#include "ecn/pg/pool.hpp"

namespace ecn::rpc {

std::string request_id_of(const grpc::ServerContext& context) {
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

}  // namespace ecn::rpc
