// Twenty clients change one order's status at the same moment: the row lock serializes them,
// so the history is a valid walk of the state machine and every real transition is published
// exactly once, in order.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <latch>
#include <pqxx/pqxx>
#include <thread>

#include "domain/status_machine.hpp"
#include "ecn/core/uuid.hpp"
#include "order_test_server.hpp"
#include "product_service_process.hpp"

namespace ecn::order::test {
namespace {

namespace pb = ecommerce::order::v1;
using namespace std::chrono_literals;

TEST(OrderRace, TwentyConcurrentUpdatesGiveAValidHistoryAndOneEventPerTransition) {
  constexpr int kCalls = 20;
  auto& products = shared_product_service();
  const auto product = products.add_product("Race car", "12.00");
  OrderTestServer server(products.address());
  server.start_relay();

  pb::CreateOrderRequest create;
  create.set_user_id(core::new_uuid_v7());
  auto* item = create.add_items();
  item->set_product_id(product);
  item->set_quantity(2);
  pb::Order order;
  ASSERT_TRUE(server.stub().CreateOrder(call_context().get(), create, &order).ok());

  // Every target status several times over, so some calls transition, some are no-ops and
  // some are refused, depending on who gets the lock first.
  const pb::OrderStatus targets[] = {pb::CONFIRMED, pb::SHIPPED, pb::DELIVERED, pb::CANCELLED,
                                     pb::PENDING};
  std::latch start(kCalls);
  std::vector<grpc::StatusCode> codes(kCalls);
  std::vector<std::thread> clients;
  for (int i = 0; i < kCalls; ++i) {
    clients.emplace_back([&, i] {
      pb::UpdateOrderStatusRequest request;
      request.set_id(order.id());
      request.set_status(targets[i % 5]);
      pb::Order out;
      start.arrive_and_wait();
      codes[i] = server.stub().UpdateOrderStatus(call_context().get(), request, &out).error_code();
    });
  }
  for (auto& client : clients) client.join();
  for (const auto code : codes) {
    EXPECT_TRUE(code == grpc::StatusCode::OK || code == grpc::StatusCode::FAILED_PRECONDITION)
        << "unexpected code " << code;
  }

  // The history is a chain of allowed transitions from PENDING to the order's final status.
  struct Step {
    std::string from;
    std::string to;
  };
  const auto history = server.pool().transact([&](pqxx::work& tx) {
    std::vector<Step> steps;
    for (const auto& row : tx.exec_params(
             "SELECT from_status, to_status FROM order_status_history WHERE order_id = $1 "
             "AND from_status IS NOT NULL ORDER BY id",
             order.id())) {
      steps.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
    }
    return steps;
  });
  ASSERT_FALSE(history.empty()) << "no call made a transition";
  std::string current = "PENDING";
  for (const auto& step : history) {
    EXPECT_EQ(step.from, current) << "history does not chain";
    const auto from = domain::parse_status(step.from);
    const auto to = domain::parse_status(step.to);
    ASSERT_TRUE(from && to);
    EXPECT_EQ(domain::classify_transition(*from, *to), domain::Transition::kAllowed)
        << step.from << " -> " << step.to;
    current = step.to;
  }
  pb::GetOrderRequest get;
  get.set_id(order.id());
  pb::Order final_order;
  ASSERT_TRUE(server.stub().GetOrder(call_context().get(), get, &final_order).ok());
  EXPECT_EQ(pb::OrderStatus_Name(final_order.status()), current);

  // Exactly one event per real transition, in the history's order.
  ASSERT_TRUE(server.await_outbox_drained());
  const auto messages = read_keys("order-status-updated", {order.id()}, history.size(), 60s);
  ASSERT_EQ(messages.size(), history.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto event = boost::json::parse(messages[i].payload);
    EXPECT_EQ(event.at("old_status").as_string(), history[i].from);
    EXPECT_EQ(event.at("new_status").as_string(), history[i].to);
  }
}

}  // namespace
}  // namespace ecn::order::test
