// The ProductService API through a real gRPC channel, against the real PostgreSQL and Kafka of
// `make test`: every RPC's success path, each kind of bad input, pagination, and the event.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "ecn/core/time.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/testing/environment.hpp"
#include "product_test_server.hpp"

namespace ecn::product::test {
namespace {

namespace pb = ecommerce::product::v1;
using namespace std::chrono_literals;

pb::AddProductRequest lamp_request() {
  pb::AddProductRequest request;
  request.set_name("Desk lamp");
  request.set_description("Warm light");
  request.mutable_price()->set_amount("19.99");
  request.mutable_price()->set_currency_code("EUR");
  request.set_category("Lighting");
  request.set_image_url("https://img.example.com/lamp.png");
  return request;
}

class ProductApiTest : public ::testing::Test {
 protected:
  grpc::Status add(const pb::AddProductRequest& request, pb::Product* out) {
    return server_.stub().AddProduct(call_context().get(), request, out);
  }
  pb::Product add_ok(const std::string& name, const std::string& category = "misc") {
    auto request = lamp_request();
    request.set_name(name);
    request.set_category(category);
    pb::Product product;
    const auto status = add(request, &product);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return product;
  }
  grpc::Status list(const pb::ListProductsRequest& request, pb::ListProductsResponse* out) {
    return server_.stub().ListProducts(call_context().get(), request, out);
  }
  // Every product id of a listing, following end_cursor page by page.
  std::vector<std::string> list_all(int first, std::optional<std::string> category = {}) {
    std::vector<std::string> ids;
    pb::ListProductsRequest request;
    request.mutable_page()->set_first(first);
    if (category) request.set_category(*category);
    for (int pages = 0; pages < 1000; ++pages) {
      pb::ListProductsResponse page;
      const auto status = list(request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(page.products_size(), first);
      for (const auto& product : page.products()) ids.push_back(product.id());
      if (!page.page_info().has_next_page()) break;
      request.mutable_page()->set_after(page.page_info().end_cursor());
    }
    return ids;
  }

  ProductTestServer server_;
};

TEST_F(ProductApiTest, AddProductStoresANormalizedProductAndGetProductReturnsIt) {
  auto request = lamp_request();
  request.set_name("  Desk lamp ");
  request.mutable_price()->set_amount("19.9");
  request.set_category(" Home Lighting ");
  pb::Product added;
  ASSERT_TRUE(add(request, &added).ok());
  EXPECT_TRUE(core::is_uuid(added.id())) << added.id();
  EXPECT_EQ(added.id()[14], '7') << "UUIDv7 expected: " << added.id();
  EXPECT_EQ(added.name(), "Desk lamp");
  EXPECT_EQ(added.description(), "Warm light");
  EXPECT_EQ(added.price().amount(), "19.90");
  EXPECT_EQ(added.price().currency_code(), "EUR");
  EXPECT_EQ(added.category(), "home lighting");
  EXPECT_EQ(added.image_url(), "https://img.example.com/lamp.png");
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  EXPECT_NEAR(static_cast<double>(added.created_at().seconds()),
              static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(now).count()),
              60);

  pb::GetProductRequest get;
  get.set_id(added.id());
  pb::Product fetched;
  ASSERT_TRUE(server_.stub().GetProduct(call_context().get(), get, &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), added.SerializeAsString());

  // Upper-case ids name the same product.
  std::string upper = added.id();
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  get.set_id(upper);
  ASSERT_TRUE(server_.stub().GetProduct(call_context().get(), get, &fetched).ok());
  EXPECT_EQ(fetched.id(), added.id());
}

TEST_F(ProductApiTest, PriceIsStoredExactlyAndDefaultsToUsd) {
  auto request = lamp_request();
  request.mutable_price()->set_amount("0.1");
  request.mutable_price()->clear_currency_code();
  request.clear_image_url();
  pb::Product added;
  ASSERT_TRUE(add(request, &added).ok());
  EXPECT_EQ(added.price().amount(), "0.10");
  EXPECT_EQ(added.price().currency_code(), "USD");
  EXPECT_FALSE(added.has_image_url());
  EXPECT_EQ(
      server_.count("products", "price_minor = 10 AND currency_code = 'USD' AND image_url IS NULL"),
      1);
}

TEST_F(ProductApiTest, EachKindOfBadInputIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  struct Case {
    std::string field;
    std::function<void(pb::AddProductRequest&)> spoil;
  };
  const std::vector<Case> cases = {
      {"name", [](auto& r) { r.set_name(""); }},
      {"name", [](auto& r) { r.set_name(std::string(201, 'n')); }},
      {"description", [](auto& r) { r.set_description(std::string(5001, 'd')); }},
      {"price", [](auto& r) { r.clear_price(); }},
      {"price.amount", [](auto& r) { r.mutable_price()->set_amount("-1"); }},
      {"price.amount", [](auto& r) { r.mutable_price()->set_amount("1.999"); }},
      {"price.amount", [](auto& r) { r.mutable_price()->set_amount("1e3"); }},
      {"price.amount", [](auto& r) { r.mutable_price()->set_amount(""); }},
      {"price.currency_code", [](auto& r) { r.mutable_price()->set_currency_code("EURO"); }},
      {"price.currency_code", [](auto& r) { r.mutable_price()->set_currency_code("eur"); }},
      {"category", [](auto& r) { r.set_category(" "); }},
      {"category", [](auto& r) { r.set_category(std::string(51, 'c')); }},
      {"image_url", [](auto& r) { r.set_image_url("ftp://example.com/x.png"); }},
      {"image_url", [](auto& r) { r.set_image_url("not a url"); }},
      {"image_url",
       [](auto& r) { r.set_image_url("https://example.com/" + std::string(2048, 'x')); }},
  };
  for (const auto& c : cases) {
    auto request = lamp_request();
    c.spoil(request);
    pb::Product out;
    const auto status = add(request, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_TRUE(status.error_message().starts_with(c.field + ": "))
        << c.field << " → " << status.error_message();
  }
  EXPECT_EQ(server_.count("products"), 0);
  EXPECT_EQ(server_.count("outbox"), 0);
}

TEST_F(ProductApiTest, GetProductRefusesABadIdAndReportsAMissingOne) {
  pb::GetProductRequest request;
  pb::Product out;
  request.set_id("42");
  auto status = server_.stub().GetProduct(call_context().get(), request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "id: must be a UUID");

  const auto missing = core::new_uuid_v7();
  request.set_id(missing);
  status = server_.stub().GetProduct(call_context().get(), request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "product " + missing + " does not exist");
}

TEST_F(ProductApiTest, GetProductsKeepsRequestOrderAndReportsMissingIds) {
  const auto a = add_ok("a");
  const auto b = add_ok("b");
  const auto c = add_ok("c");
  const auto missing = core::new_uuid_v7();
  pb::GetProductsRequest request;
  for (const auto& id : {c.id(), missing, a.id(), c.id(), b.id()}) request.add_ids(id);
  pb::GetProductsResponse out;
  ASSERT_TRUE(server_.stub().GetProducts(call_context().get(), request, &out).ok());
  ASSERT_EQ(out.products_size(), 3);
  EXPECT_EQ(out.products(0).id(), c.id());
  EXPECT_EQ(out.products(1).id(), a.id());
  EXPECT_EQ(out.products(2).id(), b.id());
  EXPECT_EQ(out.products(2).SerializeAsString(), b.SerializeAsString());
  ASSERT_EQ(out.missing_ids_size(), 1);
  EXPECT_EQ(out.missing_ids(0), missing);

  pb::GetProductsRequest empty;
  ASSERT_TRUE(server_.stub().GetProducts(call_context().get(), empty, &out).ok());
  EXPECT_EQ(out.products_size(), 0);
  EXPECT_EQ(out.missing_ids_size(), 0);
}

TEST_F(ProductApiTest, GetProductsAnswersFiveHundredIdsAndRefusesMore) {
  const auto known = add_ok("known");
  pb::GetProductsRequest request;
  request.add_ids(known.id());
  for (int i = 1; i < 500; ++i) request.add_ids(core::new_uuid_v7());
  pb::GetProductsResponse out;
  ASSERT_TRUE(server_.stub().GetProducts(call_context().get(), request, &out).ok());
  EXPECT_EQ(out.products_size(), 1);
  EXPECT_EQ(out.missing_ids_size(), 499);

  request.add_ids(core::new_uuid_v7());
  const auto status = server_.stub().GetProducts(call_context().get(), request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "ids: at most 500 ids per call, got 501");

  pb::GetProductsRequest bad;
  bad.add_ids(known.id());
  bad.add_ids("nope");
  const auto bad_status = server_.stub().GetProducts(call_context().get(), bad, &out);
  EXPECT_EQ(bad_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad_status.error_message(), "ids[1]: must be a UUID");
}

TEST_F(ProductApiTest, ListProductsIsNewestFirstFilteredByCategoryAndPaged) {
  std::vector<std::string> books;
  std::vector<std::string> all;
  for (int i = 0; i < 7; ++i) {
    const auto category = i % 2 == 0 ? "Books" : "toys";
    const auto product = add_ok("p" + std::to_string(i), category);
    all.push_back(product.id());
    if (i % 2 == 0) books.push_back(product.id());
  }
  std::reverse(all.begin(), all.end());
  std::reverse(books.begin(), books.end());
  EXPECT_EQ(list_all(3), all);
  EXPECT_EQ(list_all(2, "BOOKS "), books);
  EXPECT_EQ(list_all(100, "garden"), std::vector<std::string>{});

  pb::ListProductsRequest request;
  request.mutable_page()->set_first(3);
  pb::ListProductsResponse page;
  ASSERT_TRUE(list(request, &page).ok());
  ASSERT_EQ(page.cursors_size(), 3);
  EXPECT_EQ(page.page_info().end_cursor(), page.cursors(2));
  EXPECT_TRUE(page.page_info().has_next_page());
  // A cursor from the middle of the page continues right after that product.
  request.mutable_page()->set_after(page.cursors(0));
  request.mutable_page()->set_first(1);
  ASSERT_TRUE(list(request, &page).ok());
  ASSERT_EQ(page.products_size(), 1);
  EXPECT_EQ(page.products(0).id(), all[1]);
}

TEST_F(ProductApiTest, ListProductsDefaultsToTwentyAndCapsAtOneHundred) {
  server_.pool().transact([](pqxx::work& tx) {
    tx.exec0(
        "INSERT INTO products (id, name, price_minor, currency_code, category) "
        "SELECT gen_random_uuid(), 'bulk ' || n, n, 'USD', 'bulk' FROM generate_series(1, 130) n");
  });
  pb::ListProductsRequest request;
  pb::ListProductsResponse page;
  ASSERT_TRUE(list(request, &page).ok());
  EXPECT_EQ(page.products_size(), 20);
  request.mutable_page()->set_first(1000);
  ASSERT_TRUE(list(request, &page).ok());
  EXPECT_EQ(page.products_size(), 100);
  EXPECT_TRUE(page.page_info().has_next_page());
  request.mutable_page()->set_after(page.page_info().end_cursor());
  ASSERT_TRUE(list(request, &page).ok());
  EXPECT_EQ(page.products_size(), 30);
  EXPECT_FALSE(page.page_info().has_next_page());
}

TEST_F(ProductApiTest, ListProductsRefusesBadPagingAndCategory) {
  pb::ListProductsRequest request;
  pb::ListProductsResponse page;
  request.mutable_page()->set_first(-1);
  auto status = list(request, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(status.error_message().starts_with("page.first: ")) << status.error_message();

  request.mutable_page()->set_first(5);
  request.mutable_page()->set_after("not-a-cursor");
  status = list(request, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(status.error_message().starts_with("page.after: ")) << status.error_message();

  request.mutable_page()->clear_after();
  request.set_category("");
  status = list(request, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(status.error_message().starts_with("category: ")) << status.error_message();
}

TEST_F(ProductApiTest, PagesBreakTiesOnIdWhenTimestampsAreEqual) {
  // Twelve products created in the same microsecond: only the id orders them.
  server_.pool().transact([](pqxx::work& tx) {
    tx.exec0(
        "INSERT INTO products (id, name, price_minor, currency_code, category, created_at) "
        "SELECT gen_random_uuid(), 'tie ' || n, n, 'USD', 'tie', "
        "timestamptz '2024-05-01 10:00:00.123457+00' FROM generate_series(1, 12) n");
  });
  const auto expected = server_.pool().transact([](pqxx::work& tx) {
    std::vector<std::string> ids;
    for (const auto& row : tx.exec("SELECT id::text FROM products ORDER BY id DESC")) {
      ids.push_back(row[0].as<std::string>());
    }
    return ids;
  });
  EXPECT_EQ(list_all(5), expected);
  EXPECT_EQ(list_all(1), expected);
}

TEST_F(ProductApiTest, PaginationHasNoGapsOrRepeatsUnderConcurrentInserts) {
  constexpr int kExisting = 60;
  std::vector<std::string> existing;
  for (int i = 0; i < kExisting; ++i) existing.push_back(add_ok("old " + std::to_string(i)).id());

  std::atomic<bool> stop = false;
  std::atomic<int> inserted = 0;
  std::thread writer([&] {
    while (!stop) {
      add_ok("new " + std::to_string(inserted));
      ++inserted;
    }
  });
  // Pages are read while the writer adds products ahead of them.
  std::vector<std::string> seen;
  std::vector<std::pair<std::int64_t, std::string>> positions;  // (created_at ns, id)
  pb::ListProductsRequest request;
  request.mutable_page()->set_first(7);
  for (;;) {
    pb::ListProductsResponse page;
    ASSERT_TRUE(list(request, &page).ok());
    for (const auto& product : page.products()) {
      seen.push_back(product.id());
      positions.emplace_back(
          product.created_at().seconds() * 1'000'000'000 + product.created_at().nanos(),
          product.id());
    }
    if (seen.size() < 14) {
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

  std::vector<std::string> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "a product repeated";
  for (const auto& id : existing) {
    EXPECT_EQ(std::count(seen.begin(), seen.end(), id), 1) << id << " missing";
  }
  // Strictly newest first on (created_at, id) across every page.
  EXPECT_EQ(std::adjacent_find(positions.begin(), positions.end(),
                               [](const auto& a, const auto& b) { return !(a > b); }),
            positions.end())
      << "not newest first";
}

TEST_F(ProductApiTest, AddProductPublishesProductCreatedWithTheExactPayload) {
  server_.start_relay();
  const auto added = add_ok("Evented lamp", "Lighting");
  ASSERT_TRUE(server_.await_outbox_drained());

  const auto messages = read_keys("product-events", {added.id()}, 1, 60s);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].key, added.id());
  const auto event = boost::json::parse(messages[0].payload).as_object();
  ASSERT_EQ(event.size(), 4u) << messages[0].payload;
  EXPECT_TRUE(core::is_uuid(std::string(event.at("event_id").as_string())));
  EXPECT_EQ(event.at("type").as_string(), "product-created");
  const auto created_at = core::to_rfc3339(std::chrono::system_clock::time_point(
      std::chrono::seconds(added.created_at().seconds()) +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(added.created_at().nanos()))));
  EXPECT_EQ(event.at("occurred_at").as_string(), created_at);
  const boost::json::value expected_product = {
      {"id", added.id()},
      {"name", "Evented lamp"},
      {"category", "lighting"},
      {"price", {{"amount", "19.99"}, {"currency_code", "EUR"}}},
      {"created_at", created_at}};
  EXPECT_EQ(event.at("product"), expected_product) << messages[0].payload;
}

}  // namespace
}  // namespace ecn::product::test
