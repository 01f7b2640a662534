// build/bin/order-service as an operator runs it, next to a real product-service.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <pqxx/pqxx>

#include "ecn/core/uuid.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/order/v1/order.grpc.pb.h"
#include "order_test_server.hpp"
#include "product_service_process.hpp"

namespace ecn::order::test {
namespace {

namespace pb = ecommerce::order::v1;
using namespace std::chrono_literals;

// The order-service binary on `database`, next to `products`, with `extra` settings.
std::map<std::string, std::string> binary_settings(const testing::TempDatabase& database,
                                                   const ProductServiceProcess& products,
                                                   std::map<std::string, std::string> extra = {}) {
  extra.insert({{"DATABASE_URL", database.url()},
                {"KAFKA_BROKERS", testing::kafka_brokers()},
                {"GRPC_ADDR", "127.0.0.1:0"},
                {"OPS_ADDR", "127.0.0.1:0"},
                {"PRODUCT_SERVICE_ADDR", products.address()}});
  return extra;
}

TEST(OrderBinary, PlacesOrdersThroughProductServiceAndStopsOnSigterm) {
  auto& products = shared_product_service();
  const auto product = products.add_product("Binary bolt", "2.25");
  testing::TempDatabase database;
  testing::ChildProcess service(
      ORDER_SERVICE_BINARY, {},
      binary_settings(database, products, {{"UPSTREAM_TIMEOUT_MS", "1500"}}));
  ASSERT_TRUE(service.await_stderr("order-service started", 60s)) << service.stderr_text();
  const auto grpc_port = logged_port(service.stderr_text(), "gRPC");
  const auto ops_port = logged_port(service.stderr_text(), "ops");
  ASSERT_NE(grpc_port, 0);
  auto stub =
      pb::OrderService::NewStub(rpc::make_channel("127.0.0.1:" + std::to_string(grpc_port)));

  pb::CreateOrderRequest create;
  create.set_user_id(core::new_uuid_v7());
  auto* item = create.add_items();
  item->set_product_id(product);
  item->set_quantity(4);
  pb::Order order;
  const auto status = stub->CreateOrder(call_context().get(), create, &order);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << service.stderr_text();
  EXPECT_EQ(order.total().amount(), "9.00");
  pb::UpdateOrderStatusRequest update;
  update.set_id(order.id());
  update.set_status(pb::CONFIRMED);
  ASSERT_TRUE(stub->UpdateOrderStatus(call_context().get(), update, &order).ok());
  EXPECT_EQ(order.status(), pb::CONFIRMED);

  EXPECT_EQ(testing::http_get(ops_port, "/readyz").status, 200);
  const auto metrics = testing::http_get(ops_port, "/metrics").body;
  EXPECT_NE(
      metrics.find(
          R"(rpc_server_requests_total{code="OK",method="/ecommerce.order.v1.OrderService/CreateOrder"} 1)"),
      std::string::npos)
      << metrics;

  service.signal(SIGTERM);
  const auto code = service.wait_for_exit(10s);
  ASSERT_TRUE(code.has_value()) << "still running 10 s after SIGTERM";
  EXPECT_EQ(*code, 0) << service.stderr_text();
}

// A sale's burst straight at the binary with its default settings: 300 checkouts at the same
// moment, far more than its workers (RPC_WORKERS 16) and connections (16). Each waits its turn;
// none is refused. gRPC's synchronous server under a 32-thread quota refused the excess at once.
TEST(OrderBinary, ThreeHundredSimultaneousCheckoutsAllSucceed) {
  constexpr int kCheckouts = 300;
  auto& products = shared_product_service();
  const auto product = products.add_product("Sale lamp", "5.00");
  testing::TempDatabase database;
  testing::ChildProcess service(ORDER_SERVICE_BINARY, {}, binary_settings(database, products));
  ASSERT_TRUE(service.await_stderr("order-service started", 60s)) << service.stderr_text();
  const auto grpc_port = logged_port(service.stderr_text(), "gRPC");
  auto stub =
      pb::OrderService::NewStub(rpc::make_channel("127.0.0.1:" + std::to_string(grpc_port)));

  struct Checkout {
    grpc::ClientContext context;
    pb::CreateOrderRequest request;
    pb::Order reply;
  };
  std::vector<std::unique_ptr<Checkout>> checkouts;
  std::mutex mutex;
  std::condition_variable done;
  std::map<grpc::StatusCode, int> codes;
  int finished = 0;
  for (int i = 0; i < kCheckouts; ++i) {
    auto& checkout = *checkouts.emplace_back(std::make_unique<Checkout>());
    rpc::prepare_call(checkout.context, 60s);
    checkout.request.set_user_id(core::new_uuid_v7());
    auto* item = checkout.request.add_items();
    item->set_product_id(product);
    item->set_quantity(1);
  }
  for (auto& checkout : checkouts) {
    stub->async()->CreateOrder(&checkout->context, &checkout->request, &checkout->reply,
                               [&](const grpc::Status& status) {
                                 std::lock_guard lock(mutex);
                                 ++codes[status.error_code()];
                                 ++finished;
                                 done.notify_all();
                               });
  }
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(done.wait_for(lock, 90s, [&] { return finished == kCheckouts; }))
        << finished << " of " << kCheckouts << " answered";
  }
  EXPECT_EQ(codes[grpc::StatusCode::OK], kCheckouts) << service.stderr_text();
  pqxx::connection connection(database.url());
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM orders")[0].as<int>(), kCheckouts);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM order_items")[0].as<int>(), kCheckouts);
}

TEST(OrderBinary, HelpListsItsOwnSettingsAndBadValuesStopTheStart) {
  auto result = testing::run_program(ORDER_SERVICE_BINARY, {"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* name : {"PRODUCT_SERVICE_ADDR", "UPSTREAM_TIMEOUT_MS", "ORDER_EVENTS_TOPIC",
                           "DATABASE_URL", "GRPC_ADDR"}) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(result.out.find("127.0.0.1:50052"), std::string::npos) << result.out;

  result = testing::run_program(ORDER_SERVICE_BINARY, {},
                                {{"PRODUCT_SERVICE_ADDR", "nowhere"},
                                 {"UPSTREAM_TIMEOUT_MS", "soon"},
                                 {"ORDER_EVENTS_TOPIC", "orders/eu"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("ORDER_EVENTS_TOPIC"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("'/'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("PRODUCT_SERVICE_ADDR"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("UPSTREAM_TIMEOUT_MS"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace ecn::order::test
