// The whole event story across the three real binaries: register → update preferences → add
// product → create order → CONFIRMED → SHIPPED → DELIVERED, read back from user-events,
// product-events and order-status-updated with exact keys and payloads. A no-op update and an
// illegal transition along the way emit nothing.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "ecn/core/time.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/order/v1/order.grpc.pb.h"
#include "ecommerce/product/v1/product.grpc.pb.h"
#include "ecommerce/user/v1/user.grpc.pb.h"
#include "order_test_server.hpp"
#include "product_service_process.hpp"

namespace ecn::order::test {
namespace {

namespace user_pb = ecommerce::user::v1;
namespace product_pb = ecommerce::product::v1;
namespace order_pb = ecommerce::order::v1;
using boost::json::value;
using namespace std::chrono_literals;

// A service binary on loopback ports with a database of its own.
class Binary {
 public:
  Binary(const std::string& program, const std::string& name,
         std::map<std::string, std::string> environment) {
    environment.merge(
        std::map<std::string, std::string>{{"DATABASE_URL", database_.url()},
                                           {"KAFKA_BROKERS", testing::kafka_brokers()},
                                           {"GRPC_ADDR", "127.0.0.1:0"},
                                           {"OPS_ADDR", "127.0.0.1:0"}});
    process_ = std::make_unique<testing::ChildProcess>(program, std::vector<std::string>{},
                                                       std::move(environment));
    if (!process_->await_stderr(name + " started", 60s)) {
      throw std::runtime_error(name + " did not start:\n" + process_->stderr_text());
    }
    address_ = "127.0.0.1:" + std::to_string(logged_port(process_->stderr_text(), "gRPC"));
  }
  const std::string& address() const { return address_; }
  const std::string& database_url() const { return database_.url(); }

 private:
  testing::TempDatabase database_;
  std::unique_ptr<testing::ChildProcess> process_;
  std::string address_;
};

std::string rfc3339(const google::protobuf::Timestamp& t) {
  return core::to_rfc3339(std::chrono::system_clock::time_point(
      std::chrono::seconds(t.seconds()) +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(t.nanos()))));
}

// The event without its event_id, after checking that one is a UUID.
boost::json::object without_event_id(const std::string& payload) {
  auto event = boost::json::parse(payload).as_object();
  EXPECT_TRUE(core::is_uuid(std::string(event.at("event_id").as_string()))) << payload;
  event.erase("event_id");
  return event;
}

value user_event(const user_pb::User& user, const value& preferences) {
  return {{"type", "user-upserted"},
          {"occurred_at", rfc3339(user.updated_at())},
          {"user",
           {{"id", user.id()},
            {"name", user.name()},
            {"email", user.email()},
            {"preferences", preferences},
            {"updated_at", rfc3339(user.updated_at())}}}};
}

TEST(EventStory, RegisterToDeliveryPublishesExactlyTheExpectedEvents) {
  Binary users(USER_SERVICE_BINARY, "user-service",
               {{"JWT_SECRET", "event-story-secret-of-at-least-32-bytes"}});
  Binary products(PRODUCT_SERVICE_BINARY, "product-service", {});
  Binary orders(ORDER_SERVICE_BINARY, "order-service",
                {{"PRODUCT_SERVICE_ADDR", products.address()}});
  auto user_stub = user_pb::UserService::NewStub(rpc::make_channel(users.address()));
  auto product_stub = product_pb::ProductService::NewStub(rpc::make_channel(products.address()));
  auto order_stub = order_pb::OrderService::NewStub(rpc::make_channel(orders.address()));

  // Register, then change two preferences.
  user_pb::RegisterRequest register_request;
  register_request.set_name("Ada Story");
  register_request.set_email(testing::unique_name("ada") + "@example.com");
  register_request.set_password("correct horse battery");
  user_pb::AuthResponse registered;
  auto status = user_stub->Register(call_context().get(), register_request, &registered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto user_id = registered.user().id();

  user_pb::UpdatePreferencesRequest preferences_request;
  preferences_request.set_user_id(user_id);
  preferences_request.mutable_preferences()->set_promotions(false);
  preferences_request.mutable_preferences()->mutable_categories()->add_values("lighting");
  user_pb::User updated_user;
  status = user_stub->UpdatePreferences(call_context().get(), preferences_request, &updated_user);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // Add a product and order two of it.
  product_pb::AddProductRequest product_request;
  product_request.set_name("Story lamp");
  product_request.mutable_price()->set_amount("19.99");
  product_request.set_category("Lighting");
  product_pb::Product product;
  status = product_stub->AddProduct(call_context().get(), product_request, &product);
  ASSERT_TRUE(status.ok()) << status.error_message();

  order_pb::CreateOrderRequest create;
  create.set_user_id(user_id);
  auto* item = create.add_items();
  item->set_product_id(product.id());
  item->set_quantity(2);
  order_pb::Order order;
  status = order_stub->CreateOrder(call_context().get(), create, &order);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(order.total().amount(), "39.98");

  // CONFIRMED, CONFIRMED again (no-op), DELIVERED (illegal), SHIPPED, DELIVERED.
  const auto set_status = [&](order_pb::OrderStatus to, order_pb::Order* out) {
    order_pb::UpdateOrderStatusRequest request;
    request.set_id(order.id());
    request.set_status(to);
    return order_stub->UpdateOrderStatus(call_context().get(), request, out);
  };
  std::vector<order_pb::Order> transitions(3);
  ASSERT_TRUE(set_status(order_pb::CONFIRMED, &transitions[0]).ok());
  order_pb::Order ignored;
  ASSERT_TRUE(set_status(order_pb::CONFIRMED, &ignored).ok());
  EXPECT_EQ(set_status(order_pb::DELIVERED, &ignored).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(set_status(order_pb::SHIPPED, &transitions[1]).ok());
  ASSERT_TRUE(set_status(order_pb::DELIVERED, &transitions[2]).ok());

  // user-events: the registration and the preference change, never a password.
  const auto user_messages = read_keys("user-events", {user_id}, 2, 90s);
  ASSERT_EQ(user_messages.size(), 2u);
  EXPECT_EQ(without_event_id(user_messages[0].payload),
            user_event(registered.user(), {{"order_updates", true},
                                           {"promotions", true},
                                           {"categories", boost::json::array{}}}));
  EXPECT_EQ(without_event_id(user_messages[1].payload),
            user_event(updated_user, {{"order_updates", true},
                                      {"promotions", false},
                                      {"categories", boost::json::array{"lighting"}}}));
  for (const auto& message : user_messages) {
    EXPECT_EQ(message.payload.find("password"), std::string::npos) << message.payload;
    EXPECT_EQ(message.payload.find("$argon2"), std::string::npos) << message.payload;
  }

  // product-events: the product, created once.
  const auto product_messages = read_keys("product-events", {product.id()}, 1, 90s);
  ASSERT_EQ(product_messages.size(), 1u);
  const value expected_product = {{"type", "product-created"},
                                  {"occurred_at", rfc3339(product.created_at())},
                                  {"product",
                                   {{"id", product.id()},
                                    {"name", "Story lamp"},
                                    {"category", "lighting"},
                                    {"price", {{"amount", "19.99"}, {"currency_code", "USD"}}},
                                    {"created_at", rfc3339(product.created_at())}}}};
  EXPECT_EQ(without_event_id(product_messages[0].payload), expected_product);

  // order-status-updated: the three real transitions, in order, and nothing for the no-op or
  // the refused transition.
  const auto order_messages = read_keys("order-status-updated", {order.id()}, 3, 90s);
  ASSERT_EQ(order_messages.size(), 3u);
  const char* steps[][2] = {
      {"PENDING", "CONFIRMED"}, {"CONFIRMED", "SHIPPED"}, {"SHIPPED", "DELIVERED"}};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(order_messages[i].key, order.id());
    const value expected = {{"order_id", order.id()},
                            {"user_id", user_id},
                            {"old_status", steps[i][0]},
                            {"new_status", steps[i][1]},
                            {"occurred_at", rfc3339(transitions[i].updated_at())},
                            {"total", {{"amount", "39.98"}, {"currency_code", "USD"}}}};
    EXPECT_EQ(without_event_id(order_messages[i].payload), expected) << order_messages[i].payload;
  }
  // Every event the order database ever queued is one of those three, and all were sent.
  pqxx::connection connection(orders.database_url());
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM outbox")[0].as<int>(), 3);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0].as<int>(), 0);
}

}  // namespace
}  // namespace ecn::order::test
