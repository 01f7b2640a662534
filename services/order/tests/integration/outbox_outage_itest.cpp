// Kafka is stopped while orders change status: every update still succeeds (the events wait
// in the outbox), and once Kafka is back every event arrives exactly once, in per-order order.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <map>
#include <thread>

#include "ecn/core/uuid.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/infra_control.hpp"
#include "order_test_server.hpp"
#include "product_service_process.hpp"

namespace ecn::order::test {
namespace {

namespace pb = ecommerce::order::v1;
using namespace std::chrono_literals;

// Starts Kafka again however the test ends, so later tests find it running.
class KafkaOutage {
 public:
  KafkaOutage() { testing::infra("stop", "kafka"); }
  KafkaOutage(const KafkaOutage&) = delete;
  KafkaOutage& operator=(const KafkaOutage&) = delete;
  ~KafkaOutage() {
    if (over_) return;
    try {
      testing::infra("start", "kafka");
    } catch (const std::exception& e) {
      spdlog::error("could not restart kafka: {}", e.what());
    }
  }
  void end() {
    testing::infra("start", "kafka");
    over_ = true;
  }

 private:
  bool over_ = false;
};

// 200 orders walk PENDING → CONFIRMED → SHIPPED → DELIVERED and 200 walk PENDING → CONFIRMED →
// CANCELLED: 1,000 real transitions.
const std::vector<pb::OrderStatus>& walk_of(std::size_t order_index) {
  static const std::vector<pb::OrderStatus> delivered = {pb::CONFIRMED, pb::SHIPPED, pb::DELIVERED};
  static const std::vector<pb::OrderStatus> cancelled = {pb::CONFIRMED, pb::CANCELLED};
  return order_index % 2 == 0 ? delivered : cancelled;
}

TEST(OrderOutboxOutage, ThousandUpdatesWithKafkaDownArriveOnceEachInPerOrderOrder) {
  constexpr std::size_t kOrders = 400;
  constexpr std::size_t kUpdates = 1000;
  constexpr int kClients = 8;
  auto& products = shared_product_service();
  const auto product = products.add_product("Outage widget", "1.25");
  OrderTestServer server(products.address());

  std::vector<std::string> orders;
  for (std::size_t i = 0; i < kOrders; ++i) {
    pb::CreateOrderRequest create;
    create.set_user_id(core::new_uuid_v7());
    auto* item = create.add_items();
    item->set_product_id(product);
    item->set_quantity(1);
    pb::Order order;
    ASSERT_TRUE(server.stub().CreateOrder(call_context().get(), create, &order).ok());
    orders.push_back(order.id());
  }
  server.create_topic();
  // The relay starts against a stopped broker, so nothing can slip out before the outage.
  {
    KafkaOutage outage;
    server.start_relay({.idle_poll = 500ms, .max_backoff = 5s});

    // Each client walks its own orders, so an order's updates are sequential.
    std::atomic<std::size_t> succeeded = 0;
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        for (std::size_t i = static_cast<std::size_t>(c); i < kOrders; i += kClients) {
          for (const auto status : walk_of(i)) {
            pb::UpdateOrderStatusRequest request;
            request.set_id(orders[i]);
            request.set_status(status);
            pb::Order out;
            if (server.stub().UpdateOrderStatus(call_context().get(), request, &out).ok())
              ++succeeded;
          }
        }
      });
    }
    for (auto& client : clients) client.join();
    ASSERT_EQ(succeeded, kUpdates);
    EXPECT_EQ(server.relay().backlog(), static_cast<std::int64_t>(kUpdates));
    outage.end();
  }
  ASSERT_TRUE(server.await_outbox_drained(300s)) << "backlog stuck at " << server.relay().backlog();

  const std::set<std::string> keys(orders.begin(), orders.end());
  const auto messages = read_keys("order-status-updated", keys, kUpdates, 180s);
  EXPECT_EQ(messages.size(), kUpdates) << "events lost or duplicated";
  std::map<std::string, std::vector<std::string>> per_order;
  std::set<std::string> event_ids;
  for (const auto& message : messages) {
    const auto event = boost::json::parse(message.payload);
    event_ids.insert(std::string(event.at("event_id").as_string()));
    per_order[message.key].push_back(std::string(event.at("new_status").as_string()));
  }
  EXPECT_EQ(event_ids.size(), kUpdates) << "an event arrived twice";
  for (std::size_t i = 0; i < kOrders; ++i) {
    std::vector<std::string> expected;
    for (const auto status : walk_of(i)) expected.push_back(pb::OrderStatus_Name(status));
    EXPECT_EQ(per_order[orders[i]], expected) << "order " << orders[i];
  }
}

}  // namespace
}  // namespace ecn::order::test
