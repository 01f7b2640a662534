#include "product_test_server.hpp"

#include <grpcpp/grpcpp.h>

#include <pqxx/pqxx>

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "embedded_migrations.hpp"
#include "events/product_created.hpp"

namespace ecn::product::test {
namespace {

using namespace std::chrono_literals;

// Migrates before the pool opens, as the runtime does.
std::string migrated(const std::string& url) {
  pg::Migrator(url, product::migrations()).up();
  return url;
}

}  // namespace

ProductTestServer::ProductTestServer()
    : pool_({.url = migrated(database_.url()), .max_size = 24}),
      store_(pool_),
      api_(store_, work_),
      server_({.address = {"127.0.0.1", 0}}, metrics_) {
  server_.add_service(api_);
  server_.start();
  stub_ = ecommerce::product::v1::ProductService::NewStub(
      rpc::make_channel("127.0.0.1:" + std::to_string(server_.port())));
}

ProductTestServer::~ProductTestServer() {
  server_.stop();
  if (relay_) relay_->stop();
}

std::int64_t ProductTestServer::count(const std::string& table, const std::string& where) {
  return pool_.transact([&](pqxx::work& tx) {
    return tx.exec1("SELECT count(*) FROM " + table + " WHERE " + where)[0].as<std::int64_t>();
  });
}

void ProductTestServer::start_relay() {
  const kafka::TopicSpec topic{.name = std::string(events::kProductEventsTopic)};
  kafka::ensure_topics(testing::kafka_brokers(), {&topic, 1});
  producer_.emplace(kafka::ProducerOptions{.brokers = testing::kafka_brokers()});
  relay_.emplace(pool_, *producer_, kafka::RelayOptions{.idle_poll = 200ms});
  relay_->start();
}

bool ProductTestServer::await_outbox_drained() {
  return testing::wait_until([&] { return relay_->backlog() == 0; }, 60s, 50ms);
}

std::unique_ptr<grpc::ClientContext> call_context() {
  auto context = std::make_unique<grpc::ClientContext>();
  rpc::prepare_call(*context, 10s);
  return context;
}

}  // namespace ecn::product::test
