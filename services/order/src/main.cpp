// order-service: orders and their status machine over gRPC; prices from product-service;
// order-status-updated events through the outbox.
#include <memory>

#include "api/order_api.hpp"
#include "clients/grpc_product_catalog.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/service/service.hpp"
#include "embedded_migrations.hpp"
#include "events/order_status_updated.hpp"
#include "storage/order_store.hpp"

namespace {

using namespace ecn::order;

class OrderModule final : public ecn::service::ServiceModule {
 public:
  void declare_settings(ecn::core::ConfigReader& reader) override {
    product_service_ = reader.address("PRODUCT_SERVICE_ADDR", "127.0.0.1:50052",
                                      "product-service's gRPC address (prices of new orders)");
    upstream_timeout_ = reader.duration_ms("UPSTREAM_TIMEOUT_MS", std::chrono::milliseconds(2000),
                                           "deadline of each call to product-service");
    events_topic_ = ecn::service::declare_topic_setting(
        reader, "ORDER_EVENTS_TOPIC", events::kOrderStatusUpdatedTopic,
        "topic of order-status-updated events; notification-service reads the same setting");
  }

  void start(ecn::service::Runtime& runtime) override {
    // ":50052" (any interface) is a listen form; as a destination it means this host.
    auto target = product_service_;
    if (target.host.empty()) target.host = "127.0.0.1";
    catalog_ = std::make_unique<clients::GrpcProductCatalog>(target.to_string(), upstream_timeout_);
    store_ = std::make_unique<storage::OrderStore>(runtime.pool, events_topic_);
    api_ = std::make_unique<api::OrderApi>(*store_, *catalog_, runtime.work);
    runtime.rpc.add_service(*api_);
  }

  std::vector<ecn::kafka::TopicSpec> topics() const override { return {{.name = events_topic_}}; }

 private:
  ecn::core::HostPort product_service_;
  std::chrono::milliseconds upstream_timeout_{2000};
  std::string events_topic_;
  std::unique_ptr<clients::GrpcProductCatalog> catalog_;
  std::unique_ptr<storage::OrderStore> store_;
  std::unique_ptr<api::OrderApi> api_;
};

}  // namespace

int main(int argc, char** argv) {
  OrderModule module;
  return ecn::service::run_service(argc, argv,
                                   {.name = "order-service",
                                    .description = "orders and their status machine",
                                    .default_grpc_port = 50053,
                                    .default_ops_port = 9103,
                                    .default_database = "orders",
                                    .migrations = ecn::order::migrations()},
                                   module);
}
