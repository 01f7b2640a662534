#include "events/projection_processor.hpp"

#include "ecn/pg/pool.hpp"
#include "events/event_payloads.hpp"
#include "storage/projection_store.hpp"

namespace ecn::notification::events {

std::vector<DeadLetter> ProjectionProcessor::process(std::span<const kafka::Message> batch,
                                                     std::stop_token) {
  std::vector<DeadLetter> dead;
  std::vector<UserUpserted> users;
  std::vector<ProductCreated> products;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& message = batch[i];
    if (message.topic == user_topic_) {
      auto user = parse_user_upserted(message.payload);
      if (user) {
        users.push_back(std::move(*user));
      } else {
        dead.push_back({i, core::to_string(user.error())});
      }
    } else if (message.topic == product_topic_) {
      auto product = parse_product_created(message.payload);
      if (product) {
        products.push_back(std::move(*product));
      } else {
        dead.push_back({i, core::to_string(product.error())});
      }
    } else {
      dead.push_back({i, "unexpected topic " + message.topic});
    }
  }
  pool_.transact([&](pqxx::work& tx) {
    storage::upsert_subscribers(tx, users);
    storage::upsert_products(tx, products);
  });
  return dead;
}

}  // namespace ecn::notification::events
