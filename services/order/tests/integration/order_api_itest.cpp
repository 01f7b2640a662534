// The OrderService API through a real gRPC channel, against the real PostgreSQL and Kafka of
// `make test` and the real product-service binary: every RPC's success path, each kind of bad
// input, pagination, status transitions and their events.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <csignal>
#include <pqxx/pqxx>
#include <thread>

#include "ecn/core/time.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/testing/environment.hpp"
#include "order_test_server.hpp"
#include "product_service_process.hpp"

namespace ecn::order::test {
namespace {

namespace pb = ecommerce::order::v1;
using namespace std::chrono_literals;

// A loopback port nothing listens on: bound, then released.
std::uint16_t closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string rfc3339(const google::protobuf::Timestamp& t) {
  return core::to_rfc3339(std::chrono::system_clock::time_point(
      std::chrono::seconds(t.seconds()) +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(t.nanos()))));
}

class OrderApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto& products = shared_product_service();
    lamp_ = products.add_product("Desk lamp", "19.99");
    bulb_ = products.add_product("Bulb", "0.10");
    euro_ = products.add_product("Euro plug", "3.50", "EUR");
  }

  pb::CreateOrderRequest order_of(const std::string& user,
                                  std::vector<std::pair<std::string, int>> items) {
    pb::CreateOrderRequest request;
    request.set_user_id(user);
    for (const auto& [product, quantity] : items) {
      auto* item = request.add_items();
      item->set_product_id(product);
      item->set_quantity(quantity);
    }
    return request;
  }
  grpc::Status create(const pb::CreateOrderRequest& request, pb::Order* out) {
    return server_.stub().CreateOrder(call_context().get(), request, out);
  }
  pb::Order create_ok(const std::string& user) {
    pb::Order order;
    const auto status = create(order_of(user, {{lamp_, 1}}), &order);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return order;
  }
  grpc::Status update(const std::string& id, int status, pb::Order* out) {
    pb::UpdateOrderStatusRequest request;
    request.set_id(id);
    request.set_status(static_cast<pb::OrderStatus>(status));
    return server_.stub().UpdateOrderStatus(call_context().get(), request, out);
  }
  // Every order id of a user's listing, following end_cursor page by page.
  std::vector<std::string> list_all(const std::string& user, int first) {
    std::vector<std::string> ids;
    pb::ListOrdersByUserRequest request;
    request.set_user_id(user);
    request.mutable_page()->set_first(first);
    for (int pages = 0; pages < 1000; ++pages) {
      pb::ListOrdersByUserResponse page;
      const auto status = server_.stub().ListOrdersByUser(call_context().get(), request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& order : page.orders()) ids.push_back(order.id());
      if (!page.page_info().has_next_page()) break;
      request.mutable_page()->set_after(page.page_info().end_cursor());
    }
    return ids;
  }
  void expect_nothing_written() {
    EXPECT_EQ(server_.count("orders"), 0);
    EXPECT_EQ(server_.count("order_items"), 0);
    EXPECT_EQ(server_.count("order_status_history"), 0);
    EXPECT_EQ(server_.count("outbox"), 0);
  }

  static inline std::string lamp_;
  static inline std::string bulb_;
  static inline std::string euro_;
  const std::string user_ = core::new_uuid_v7();
  OrderTestServer server_{shared_product_service().address()};
};

TEST_F(OrderApiTest, CreateOrderMergesDuplicatesSnapshotsPricesAndTotalsExactly) {
  pb::Order order;
  const auto status = create(order_of(user_, {{bulb_, 2}, {lamp_, 1}, {bulb_, 1}}), &order);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(core::is_uuid(order.id()));
  EXPECT_EQ(order.id()[14], '7') << "UUIDv7 expected";
  EXPECT_EQ(order.user_id(), user_);
  EXPECT_EQ(order.status(), pb::PENDING);
  ASSERT_EQ(order.items_size(), 2);
  EXPECT_EQ(order.items(0).product_id(), bulb_);
  EXPECT_EQ(order.items(0).product_name(), "Bulb");
  EXPECT_EQ(order.items(0).quantity(), 3);
  EXPECT_EQ(order.items(0).unit_price().amount(), "0.10");
  EXPECT_EQ(order.items(0).line_total().amount(), "0.30");
  EXPECT_EQ(order.items(1).product_id(), lamp_);
  EXPECT_EQ(order.items(1).quantity(), 1);
  EXPECT_EQ(order.items(1).line_total().amount(), "19.99");
  EXPECT_EQ(order.total().amount(), "20.29");
  EXPECT_EQ(order.total().currency_code(), "USD");
  EXPECT_EQ(order.items(1).unit_price().currency_code(), "USD");
  EXPECT_EQ(rfc3339(order.created_at()), rfc3339(order.updated_at()));

  pb::GetOrderRequest get;
  get.set_id(order.id());
  pb::Order fetched;
  ASSERT_TRUE(server_.stub().GetOrder(call_context().get(), get, &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), order.SerializeAsString());
  // Placing an order is recorded in the history; it is not a status change, so no event.
  EXPECT_EQ(server_.count("order_status_history", "from_status IS NULL AND to_status = 'PENDING'"),
            1);
  EXPECT_EQ(server_.count("outbox"), 0);
}

TEST_F(OrderApiTest, EachKindOfBadInputIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  const auto unknown = core::new_uuid_v7();
  std::vector<std::pair<std::string, int>> too_many(101, {lamp_, 1});
  struct Case {
    std::string expected_prefix;
    pb::CreateOrderRequest request;
  };
  const std::vector<Case> cases = {
      {"user_id: ", order_of("", {{lamp_, 1}})},
      {"user_id: ", order_of("someone", {{lamp_, 1}})},
      {"items: ", order_of(user_, {})},
      {"items: ", order_of(user_, too_many)},
      {"items[0].product_id: ", order_of(user_, {{"lamp", 1}})},
      {"items[1].quantity: ", order_of(user_, {{lamp_, 1}, {bulb_, 0}})},
      {"items[0].quantity: ", order_of(user_, {{lamp_, 1001}})},
      {"items[0].quantity: ", order_of(user_, {{lamp_, -1}})},
      {"items[1].quantity: ", order_of(user_, {{lamp_, 999}, {lamp_, 2}})},
      {"items[1].product_id: product " + unknown + " does not exist",
       order_of(user_, {{lamp_, 1}, {unknown, 1}})},
      {"items[1].product_id: product " + euro_ + " is priced in EUR",
       order_of(user_, {{lamp_, 1}, {euro_, 1}})},
  };
  for (const auto& c : cases) {
    pb::Order out;
    const auto status = create(c.request, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.expected_prefix;
    EXPECT_TRUE(status.error_message().starts_with(c.expected_prefix))
        << c.expected_prefix << " → " << status.error_message();
  }
  expect_nothing_written();
}

TEST_F(OrderApiTest, AnOrderInEurosIsPricedInEuros) {
  pb::Order order;
  ASSERT_TRUE(create(order_of(user_, {{euro_, 3}}), &order).ok());
  EXPECT_EQ(order.total().amount(), "10.50");
  EXPECT_EQ(order.total().currency_code(), "EUR");
}

TEST_F(OrderApiTest, ProductServiceDownIsUnavailableAndWritesNothing) {
  OrderTestServer orphan("127.0.0.1:" + std::to_string(closed_port()), 500ms);
  pb::Order out;
  const auto status =
      orphan.stub().CreateOrder(call_context().get(), order_of(user_, {{lamp_, 1}}), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_EQ(status.error_message(), "product-service is unavailable, try again");
  EXPECT_EQ(orphan.count("orders"), 0);
}

TEST_F(OrderApiTest, AProductServiceThatDoesNotAnswerInTimeIsUnavailable) {
  ProductServiceProcess frozen;
  const auto product = frozen.add_product("Frozen lamp", "1.00");
  OrderTestServer server(frozen.address(), 300ms);
  frozen.process().signal(SIGSTOP);  // accepts connections, answers nothing
  pb::Order out;
  const auto started = std::chrono::steady_clock::now();
  const auto status =
      server.stub().CreateOrder(call_context().get(), order_of(user_, {{product, 1}}), &out);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  frozen.process().signal(SIGCONT);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_LT(elapsed, 3s) << "the upstream deadline was not applied";
  EXPECT_EQ(server.count("orders"), 0);
}

TEST_F(OrderApiTest, GetOrderRefusesABadIdAndReportsAMissingOne) {
  pb::GetOrderRequest request;
  pb::Order out;
  request.set_id("order-1");
  auto status = server_.stub().GetOrder(call_context().get(), request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "id: must be a UUID");
  const auto missing = core::new_uuid_v7();
  request.set_id(missing);
  status = server_.stub().GetOrder(call_context().get(), request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "order " + missing + " does not exist");
}

TEST_F(OrderApiTest, GetOrdersKeepsRequestOrderReportsMissingAndRefusesTooMany) {
  const auto a = create_ok(user_);
  const auto b = create_ok(user_);
  const auto missing = core::new_uuid_v7();
  pb::GetOrdersRequest request;
  for (const auto& id : {b.id(), missing, a.id(), b.id()}) request.add_ids(id);
  pb::GetOrdersResponse out;
  ASSERT_TRUE(server_.stub().GetOrders(call_context().get(), request, &out).ok());
  ASSERT_EQ(out.orders_size(), 2);
  EXPECT_EQ(out.orders(0).SerializeAsString(), b.SerializeAsString());
  EXPECT_EQ(out.orders(1).SerializeAsString(), a.SerializeAsString());
  ASSERT_EQ(out.missing_ids_size(), 1);
  EXPECT_EQ(out.missing_ids(0), missing);

  pb::GetOrdersRequest many;
  for (int i = 0; i < 501; ++i) many.add_ids(core::new_uuid_v7());
  auto status = server_.stub().GetOrders(call_context().get(), many, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "ids: at most 500 ids per call, got 501");
  many.mutable_ids()->RemoveLast();
  ASSERT_TRUE(server_.stub().GetOrders(call_context().get(), many, &out).ok());
  EXPECT_EQ(out.missing_ids_size(), 500);

  pb::GetOrdersRequest bad;
  bad.add_ids("x");
  status = server_.stub().GetOrders(call_context().get(), bad, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "ids[0]: must be a UUID");
}

TEST_F(OrderApiTest, ListOrdersByUserIsNewestFirstPagedAndOnlyTheUsers) {
  std::vector<std::string> mine;
  for (int i = 0; i < 7; ++i) {
    mine.push_back(create_ok(user_).id());
    create_ok(core::new_uuid_v7());  // someone else's
  }
  std::reverse(mine.begin(), mine.end());
  EXPECT_EQ(list_all(user_, 3), mine);
  EXPECT_EQ(list_all(user_, 0), mine);
  EXPECT_EQ(list_all(core::new_uuid_v7(), 5), std::vector<std::string>{});

  pb::ListOrdersByUserRequest request;
  request.set_user_id(user_);
  request.mutable_page()->set_first(2);
  pb::ListOrdersByUserResponse page;
  ASSERT_TRUE(server_.stub().ListOrdersByUser(call_context().get(), request, &page).ok());
  ASSERT_EQ(page.orders_size(), 2);
  ASSERT_EQ(page.cursors_size(), 2);
  EXPECT_EQ(page.page_info().end_cursor(), page.cursors(1));
  EXPECT_TRUE(page.page_info().has_next_page());
  EXPECT_EQ(page.orders(0).items_size(), 1) << "orders in a listing carry their items";
}

TEST_F(OrderApiTest, ListOrdersByUserRefusesBadArguments) {
  pb::ListOrdersByUserRequest request;
  pb::ListOrdersByUserResponse page;
  request.set_user_id("nobody");
  auto status = server_.stub().ListOrdersByUser(call_context().get(), request, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "user_id: must be a UUID");
  request.set_user_id(user_);
  request.mutable_page()->set_first(-2);
  status = server_.stub().ListOrdersByUser(call_context().get(), request, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(status.error_message().starts_with("page.first: ")) << status.error_message();
  request.mutable_page()->set_first(2);
  request.mutable_page()->set_after("bm90IGEgY3Vyc29y");
  status = server_.stub().ListOrdersByUser(call_context().get(), request, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(status.error_message().starts_with("page.after: ")) << status.error_message();
}

TEST_F(OrderApiTest, PaginationHasNoGapsOrRepeatsUnderConcurrentInserts) {
  constexpr int kExisting = 40;
  std::vector<std::string> existing;
  for (int i = 0; i < kExisting; ++i) existing.push_back(create_ok(user_).id());

  std::atomic<bool> stop = false;
  std::atomic<int> inserted = 0;
  std::thread writer([&] {
    while (!stop) {
      create_ok(user_);
      ++inserted;
    }
  });
  std::vector<std::string> seen;
  std::vector<std::pair<std::int64_t, std::string>> positions;  // (created_at ns, id)
  pb::ListOrdersByUserRequest request;
  request.set_user_id(user_);
  request.mutable_page()->set_first(6);
  for (;;) {
    pb::ListOrdersByUserResponse page;
    ASSERT_TRUE(server_.stub().ListOrdersByUser(call_context().get(), request, &page).ok());
    for (const auto& order : page.orders()) {
      seen.push_back(order.id());
      positions.emplace_back(
          order.created_at().seconds() * 1'000'000'000 + order.created_at().nanos(), order.id());
    }
    if (seen.size() < 12) {
      // Keep the first pages in step with the writer so inserts really interleave.
      const int before = inserted;
      ASSERT_TRUE(testing::wait_until([&] { return inserted > before; }, 10s));
    }
    if (!page.page_info().has_next_page()) break;
    request.mutable_page()->set_after(page.page_info().end_cursor());
  }
  stop = true;
  writer.join();
  ASSERT_GT(inserted, 0);

  auto sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "an order repeated";
  for (const auto& id : existing) EXPECT_EQ(std::count(seen.begin(), seen.end(), id), 1) << id;
  EXPECT_EQ(std::adjacent_find(positions.begin(), positions.end(),
                               [](const auto& a, const auto& b) { return !(a > b); }),
            positions.end())
      << "not newest first";
}

TEST_F(OrderApiTest, UpdateOrderStatusRefusesBadArguments) {
  const auto order = create_ok(user_);
  pb::Order out;
  auto status = update("nope", pb::CONFIRMED, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "id: must be a UUID");
  for (int bad : {static_cast<int>(pb::ORDER_STATUS_UNSPECIFIED), 99}) {
    status = update(order.id(), bad, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_TRUE(status.error_message().starts_with("status: ")) << status.error_message();
  }
  const auto missing = core::new_uuid_v7();
  status = update(missing, pb::CONFIRMED, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "order " + missing + " does not exist");
  EXPECT_EQ(server_.count("order_status_history"), 1);
  EXPECT_EQ(server_.count("outbox"), 0);
}

TEST_F(OrderApiTest, TransitionsAreRecordedAndPublishedWhileNoOpsAndIllegalOnesAreNot) {
  server_.start_relay();
  const auto order = create_ok(user_);
  const auto other = create_ok(user_);
  pb::Order out;
  ASSERT_TRUE(update(order.id(), pb::CONFIRMED, &out).ok());
  EXPECT_EQ(out.status(), pb::CONFIRMED);
  const auto confirmed_at = rfc3339(out.updated_at());

  // The same status again: a no-op that writes nothing, not even updated_at.
  pb::Order again;
  ASSERT_TRUE(update(order.id(), pb::CONFIRMED, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), out.SerializeAsString());

  // An illegal transition names both states and writes nothing.
  auto status = update(order.id(), pb::DELIVERED, &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(),
            "status: order " + order.id() + " cannot go from CONFIRMED to DELIVERED");

  ASSERT_TRUE(update(order.id(), pb::SHIPPED, &out).ok());
  ASSERT_TRUE(update(order.id(), pb::DELIVERED, &out).ok());
  EXPECT_EQ(out.status(), pb::DELIVERED);
  status = update(order.id(), pb::CANCELLED, &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(),
            "status: order " + order.id() + " cannot go from DELIVERED to CANCELLED");
  ASSERT_TRUE(update(other.id(), pb::CANCELLED, &out).ok());

  const auto history = server_.pool().transact([&](pqxx::work& tx) {
    std::vector<std::string> rows;
    for (const auto& row : tx.exec_params(
             "SELECT coalesce(from_status, '-') || '>' || to_status FROM order_status_history "
             "WHERE order_id = $1 ORDER BY id",
             order.id())) {
      rows.push_back(row[0].as<std::string>());
    }
    return rows;
  });
  EXPECT_EQ(history, (std::vector<std::string>{"->PENDING", "PENDING>CONFIRMED",
                                               "CONFIRMED>SHIPPED", "SHIPPED>DELIVERED"}));

  ASSERT_TRUE(server_.await_outbox_drained());
  EXPECT_EQ(server_.count("outbox"), 4);
  const auto messages = read_keys("order-status-updated", {order.id(), other.id()}, 4, 60s);
  ASSERT_EQ(messages.size(), 4u);
  std::vector<std::string> transitions;
  std::set<std::string> event_ids;
  for (const auto& message : messages) {
    const auto event = boost::json::parse(message.payload).as_object();
    ASSERT_EQ(event.size(), 7u) << message.payload;
    EXPECT_EQ(event.at("order_id").as_string(), message.key);
    EXPECT_EQ(event.at("user_id").as_string(), user_);
    EXPECT_EQ(event.at("total"),
              (boost::json::value{{"amount", "19.99"}, {"currency_code", "USD"}}));
    EXPECT_TRUE(core::parse_rfc3339(std::string(event.at("occurred_at").as_string())).has_value());
    event_ids.insert(std::string(event.at("event_id").as_string()));
    if (message.key == order.id()) {
      transitions.push_back(std::string(event.at("old_status").as_string()) + ">" +
                            std::string(event.at("new_status").as_string()));
    } else {
      EXPECT_EQ(event.at("old_status").as_string(), "PENDING");
      EXPECT_EQ(event.at("new_status").as_string(), "CANCELLED");
    }
    if (event.at("new_status").as_string() == "CONFIRMED") {
      EXPECT_EQ(event.at("occurred_at").as_string(), confirmed_at);
    }
  }
  EXPECT_EQ(event_ids.size(), 4u);
  EXPECT_EQ(transitions, (std::vector<std::string>{"PENDING>CONFIRMED", "CONFIRMED>SHIPPED",
                                                   "SHIPPED>DELIVERED"}));
}

}  // namespace
}  // namespace ecn::order::test
