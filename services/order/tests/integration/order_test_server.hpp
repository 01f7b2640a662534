#pragma once

// order-service's gRPC API served in-process on a loopback port against a fresh database, with
// the real product-service client: the same handlers, store and outbox relay the binary wires.

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/order_api.hpp"
#include "clients/grpc_product_catalog.hpp"
#include "ecn/kafka/outbox_relay.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecn/testing/topic_reader.hpp"
#include "storage/order_store.hpp"

namespace ecn::order::test {

class OrderTestServer {
 public:
  explicit OrderTestServer(const std::string& product_service_address,
                           std::chrono::milliseconds upstream_timeout = std::chrono::seconds(2));
  ~OrderTestServer();

  ecommerce::order::v1::OrderService::Stub& stub() { return *stub_; }
  pg::Pool& pool() { return pool_; }
  // Rows of `table` matching `where`.
  std::int64_t count(const std::string& table, const std::string& where = "true");
  // Creates order-status-updated unless done already (the broker must be up).
  void create_topic();
  // Publishes the outbox to Kafka (creating the topic first if needed), as the binary does.
  void start_relay(kafka::RelayOptions options = {.idle_poll = std::chrono::milliseconds(200)});
  kafka::OutboxRelay& relay() { return *relay_; }
  // Waits until the outbox has no unsent row; false at timeout.
  bool await_outbox_drained(std::chrono::milliseconds timeout = std::chrono::seconds(60));

 private:
  testing::TempDatabase database_;
  pg::Pool pool_;
  clients::GrpcProductCatalog catalog_;
  storage::OrderStore store_;
  ops::MetricsRegistry metrics_;
  rpc::WorkQueue work_{{.workers = 16}, metrics_};
  api::OrderApi api_;
  rpc::RpcServer server_;
  std::unique_ptr<ecommerce::order::v1::OrderService::Stub> stub_;
  bool topic_created_ = false;
  std::optional<kafka::Producer> producer_;
  std::optional<kafka::OutboxRelay> relay_;
};

// A ClientContext with the usual deadline.
std::unique_ptr<grpc::ClientContext> call_context();

// Events are read back with the shared reader.
using ecn::testing::read_keys;

}  // namespace ecn::order::test
