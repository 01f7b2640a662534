#include "kafka_test_support.hpp"

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/outbox.hpp"
#include "ecn/testing/environment.hpp"

namespace ecn::kafka::test {

using Clock = std::chrono::steady_clock;

std::string make_topic(std::string_view prefix, int partitions,
                       std::map<std::string, std::string> config) {
  TopicSpec spec{testing::unique_name(prefix), partitions, 1, std::move(config)};
  ensure_topics(testing::kafka_brokers(), {&spec, 1});
  return spec.name;
}

ConsumerOptions fresh_group(const std::string& topic) {
  ConsumerOptions options;
  options.brokers = testing::kafka_brokers();
  options.group_id = testing::unique_name("group");
  options.topics = {topic};
  options.session_timeout = std::chrono::milliseconds(6000);
  return options;
}

std::vector<Message> consume_until(Consumer& consumer,
                                   const std::function<bool(const std::vector<Message>&)>& done,
                                   std::chrono::milliseconds timeout) {
  std::vector<Message> all;
  const auto deadline = Clock::now() + timeout;
  while (!done(all) && Clock::now() < deadline) {
    for (auto& m : consumer.poll_batch(1000, std::chrono::milliseconds(200))) {
      all.push_back(std::move(m));
    }
  }
  return all;
}

std::vector<Message> read_topic(const std::string& topic, int partitions, std::size_t count,
                                std::chrono::milliseconds timeout) {
  Consumer consumer(fresh_group(topic));
  return consume_until(
      consumer,
      [&](const std::vector<Message>& all) {
        return all.size() >= count &&
               consumer.assignment().size() == static_cast<std::size_t>(partitions) &&
               consumer.lag() == 0;
      },
      timeout);
}

OutboxDatabase::OutboxDatabase() : pool_(pg::PoolOptions{db_.url()}) {
  pool_.transact([](pqxx::work& tx) { tx.exec0(std::string(outbox_migration_sql())); });
}

std::int64_t OutboxDatabase::count(const std::string& where) {
  return pool_.transact([&](pqxx::work& tx) {
    return tx.exec1("SELECT count(*) FROM outbox WHERE " + where)[0].as<std::int64_t>();
  });
}

}  // namespace ecn::kafka::test
