// product-service: the catalogue over gRPC; product-created events through the outbox.
#include <memory>

#include "api/product_api.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/service/service.hpp"
#include "embedded_migrations.hpp"
#include "events/product_created.hpp"
#include "storage/product_store.hpp"

namespace {

using namespace ecn::product;

class ProductModule final : public ecn::service::ServiceModule {
 public:
  void declare_settings(ecn::core::ConfigReader& reader) override {
    events_topic_ = ecn::service::declare_topic_setting(
        reader, "PRODUCT_EVENTS_TOPIC", events::kProductEventsTopic,
        "topic of product-created events; notification-service and the gateway read the same "
        "setting");
  }

  void start(ecn::service::Runtime& runtime) override {
    store_ = std::make_unique<storage::ProductStore>(runtime.pool, events_topic_);
    api_ = std::make_unique<api::ProductApi>(*store_, runtime.work);
    runtime.rpc.add_service(*api_);
  }

  std::vector<ecn::kafka::TopicSpec> topics() const override { return {{.name = events_topic_}}; }

 private:
  std::string events_topic_;
  std::unique_ptr<storage::ProductStore> store_;
  std::unique_ptr<api::ProductApi> api_;
};

}  // namespace

int main(int argc, char** argv) {
  ProductModule module;
  return ecn::service::run_service(argc, argv,
                                   {.name = "product-service",
                                    .description = "the catalogue: add, get and list products",
                                    .default_grpc_port = 50052,
                                    .default_ops_port = 9102,
                                    .default_database = "products",
                                    .migrations = ecn::product::migrations()},
                                   module);
}
