#pragma once

// product-service's gRPC API served in-process on a loopback port, against a fresh database:
// the same handlers, store and outbox relay the binary wires, without a process around them.

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/product_api.hpp"
#include "ecn/kafka/outbox_relay.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecn/testing/topic_reader.hpp"
#include "storage/product_store.hpp"

namespace ecn::product::test {

class ProductTestServer {
 public:
  ProductTestServer();
  ~ProductTestServer();

  ecommerce::product::v1::ProductService::Stub& stub() { return *stub_; }
  pg::Pool& pool() { return pool_; }
  // Rows of `table` matching `where`.
  std::int64_t count(const std::string& table, const std::string& where = "true");
  // Publishes the outbox to Kafka (the topics are created first), as the binary does.
  void start_relay();
  // Waits until the outbox has no unsent row; false at timeout.
  bool await_outbox_drained();

 private:
  testing::TempDatabase database_;
  pg::Pool pool_;
  storage::ProductStore store_;
  ops::MetricsRegistry metrics_;
  rpc::WorkQueue work_{{.workers = 4}, metrics_};
  api::ProductApi api_;
  rpc::RpcServer server_;
  std::unique_ptr<ecommerce::product::v1::ProductService::Stub> stub_;
  std::optional<kafka::Producer> producer_;
  std::optional<kafka::OutboxRelay> relay_;
};

// A ClientContext with the usual deadline.
std::unique_ptr<grpc::ClientContext> call_context();

// Events are read back with the shared reader.
using ecn::testing::read_keys;

}  // namespace ecn::product::test
