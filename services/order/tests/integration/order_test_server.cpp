#include "order_test_server.hpp"

#include <grpcpp/grpcpp.h>

#include <pqxx/pqxx>

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "embedded_migrations.hpp"
#include "events/order_status_updated.hpp"

namespace ecn::order::test {
namespace {

using namespace std::chrono_literals;

// Migrates before the pool opens, as the runtime does.
std::string migrated(const std::string& url) {
  pg::Migrator(url, order::migrations()).up();
  return url;
}

}  // namespace

OrderTestServer::OrderTestServer(const std::string& product_service_address,
                                 std::chrono::milliseconds upstream_timeout)
    : pool_({.url = migrated(database_.url()), .max_size = 24}),
      catalog_(product_service_address, upstream_timeout),
      store_(pool_),
      api_(store_, catalog_, work_),
      server_({.address = {"127.0.0.1", 0}}, metrics_) {
  server_.add_service(api_);
  server_.start();
  stub_ = ecommerce::order::v1::OrderService::NewStub(
      rpc::make_channel("127.0.0.1:" + std::to_string(server_.port())));
}

OrderTestServer::~OrderTestServer() {
  server_.stop();
  if (relay_) relay_->stop();
}

std::int64_t OrderTestServer::count(const std::string& table, const std::string& where) {
  return pool_.transact([&](pqxx::work& tx) {
    return tx.exec1("SELECT count(*) FROM " + table + " WHERE " + where)[0].as<std::int64_t>();
  });
}

void OrderTestServer::create_topic() {
  if (topic_created_) return;
  const kafka::TopicSpec topic{.name = std::string(events::kOrderStatusUpdatedTopic)};
  kafka::ensure_topics(testing::kafka_brokers(), {&topic, 1});
  topic_created_ = true;
}

void OrderTestServer::start_relay(kafka::RelayOptions options) {
  create_topic();
  producer_.emplace(kafka::ProducerOptions{.brokers = testing::kafka_brokers()});
  relay_.emplace(pool_, *producer_, options);
  relay_->start();
}

bool OrderTestServer::await_outbox_drained(std::chrono::milliseconds timeout) {
  return testing::wait_until([&] { return relay_->backlog() == 0; }, timeout, 50ms);
}

std::unique_ptr<grpc::ClientContext> call_context() {
  auto context = std::make_unique<grpc::ClientContext>();
  rpc::prepare_call(*context, 10s);
  return context;
}

}  // namespace ecn::order::test
