#include "ecn/service/service.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "ecn/core/shutdown.hpp"
#include "ecn/kafka/outbox_relay.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/ops/ops_server.hpp"
#include "ecn/pg/migrate_command.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/rpc/work_queue.hpp"

namespace ecn::service {
namespace {

CommonSettings read_common_settings(core::ConfigReader& reader, const ServiceInfo& info) {
  CommonSettings s;
  s.grpc_addr = reader.address("GRPC_ADDR", "0.0.0.0:" + std::to_string(info.default_grpc_port),
                               "where the gRPC API listens");
  s.ops_addr = reader.address("OPS_ADDR", "0.0.0.0:" + std::to_string(info.default_ops_port),
                              "where /healthz, /readyz and /metrics listen");
  s.database_url =
      reader.secret("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + info.default_database,
                    "PostgreSQL URL of this service's own database (may hold a password)");
  s.database_pool_size =
      reader.integer("DATABASE_POOL_SIZE", 16, 1, 500, "PostgreSQL connections at most");
  // As many workers as connections unless told otherwise: more would only wait for one.
  s.rpc_workers = reader.integer("RPC_WORKERS", s.database_pool_size, 1, 1024,
                                 "threads running gRPC calls (database work); default: "
                                 "DATABASE_POOL_SIZE");
  s.rpc_queue_limit = reader.integer(
      "RPC_QUEUE_LIMIT", 4096, 1, 1 << 20,
      "gRPC calls that may wait for a worker (each until its deadline); more get UNAVAILABLE");
  s.kafka_brokers = reader.string("KAFKA_BROKERS", "127.0.0.1:9092",
                                  "Kafka bootstrap servers, comma-separated host:port");
  s.kafka_topic_partitions = reader.integer("KAFKA_TOPIC_PARTITIONS", 6, 1, 1000,
                                            "partitions of the topics this service creates");
  const auto level = reader.choice("LOG_LEVEL", "info",
                                   {"trace", "debug", "info", "warn", "error", "critical", "off"},
                                   "lowest severity logged");
  const auto format = reader.choice("LOG_FORMAT", "json", {"json", "text"},
                                    "json: one object per line; text: for a terminal");
  s.log_level = core::parse_log_level(level).value_or(core::LogLevel::kInfo);
  s.log_format = core::parse_log_format(format).value_or(core::LogFormat::kJson);
  return s;
}

// Creates the service's topics, retrying in the background while Kafka is unreachable at
// start (the outbox keeps every event meanwhile), and samples the outbox backlog for /metrics.
class Housekeeper {
 public:
  Housekeeper(const CommonSettings& settings, std::vector<kafka::TopicSpec> topics,
              kafka::OutboxRelay* relay, ops::Gauge& backlog)
      : settings_(settings), topics_(std::move(topics)), relay_(relay), backlog_(backlog) {
    for (auto& topic : topics_)
      topic.partitions = static_cast<int>(settings_.kafka_topic_partitions);
  }

  // First attempt on the caller's thread, so a healthy start has its topics before serving.
  void start() {
    topics_ready_ = try_create_topics(std::chrono::seconds(15));
    thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
  }

  void stop() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    wake_.notify_all();
    thread_.join();
  }

 private:
  bool try_create_topics(std::chrono::milliseconds timeout) {
    if (topics_.empty()) return true;
    try {
      kafka::ensure_topics(settings_.kafka_brokers, topics_, timeout);
      return true;
    } catch (const std::exception& e) {
      spdlog::warn("topics not created yet (will retry): {}", e.what());
      return false;
    }
  }

  void loop(std::stop_token stop) {
    while (!stop.stop_requested()) {
      if (!topics_ready_) topics_ready_ = try_create_topics(std::chrono::seconds(10));
      if (relay_ != nullptr) {
        try {
          backlog_.set(static_cast<double>(relay_->backlog()));
        } catch (const std::exception& e) {
          spdlog::debug("outbox backlog not sampled: {}", e.what());
        }
      }
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, stop, std::chrono::seconds(5), [] { return false; });
    }
  }

  const CommonSettings& settings_;
  std::vector<kafka::TopicSpec> topics_;
  kafka::OutboxRelay* relay_;
  ops::Gauge& backlog_;
  bool topics_ready_ = false;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

int serve(const ServiceInfo& info, const CommonSettings& settings, ServiceModule& module,
          core::ShutdownSignal& shutdown) {
  try {
    const auto applied = pg::Migrator(settings.database_url, info.migrations).up();
    if (applied > 0) spdlog::info("applied {} migration(s)", applied);
  } catch (const std::exception& e) {
    spdlog::critical("migrations failed: {}", e.what());
    return 1;
  }

  pg::Pool pool({.url = settings.database_url,
                 .max_size = static_cast<std::size_t>(settings.database_pool_size)});
  ops::MetricsRegistry metrics;
  kafka::Producer producer({.brokers = settings.kafka_brokers,
                            .client_id = info.name,
                            .close_timeout = std::chrono::seconds(2)});
  std::optional<kafka::OutboxRelay> relay;
  if (info.outbox_relay) relay.emplace(pool, producer);

  ops::OpsServer ops_server(settings.ops_addr, metrics);
  ops_server.add_readiness_check("postgres", [&pool] { return pool.ping(); });
  // Before the server: calls still queued when it drains finish on these workers.
  rpc::WorkQueue work({.workers = static_cast<std::size_t>(settings.rpc_workers),
                       .capacity = static_cast<std::size_t>(settings.rpc_queue_limit)},
                      metrics);
  rpc::RpcServer rpc_server(
      {.address = settings.grpc_addr, .shutdown_grace = std::chrono::seconds(4)}, metrics);
  auto& backlog = metrics.gauge("outbox_backlog", "outbox rows not yet published to Kafka");
  auto topics = info.topics;
  for (auto& topic : module.topics()) topics.push_back(std::move(topic));
  Housekeeper housekeeper(settings, std::move(topics), relay ? &*relay : nullptr, backlog);

  Runtime runtime{settings, pool, metrics, ops_server, rpc_server, work, producer, shutdown};
  try {
    housekeeper.start();
    module.start(runtime);
    if (relay) relay->start();
    rpc_server.start();
    ops_server.start();
  } catch (const std::exception& e) {
    spdlog::critical("start failed: {}", e.what());
    return 1;
  }
  spdlog::info("{} started: gRPC {} (port {}), ops {} (port {})", info.name,
               settings.grpc_addr.to_string(), rpc_server.port(), settings.ops_addr.to_string(),
               ops_server.port());

  shutdown.wait();
  spdlog::info("shutting down (signal {})", shutdown.signal_number());
  rpc_server.stop();
  module.stop();
  housekeeper.stop();
  if (relay) relay->stop();
  producer.flush(std::chrono::seconds(2));
  ops_server.stop();
  spdlog::info("{} stopped", info.name);
  return 0;
}

}  // namespace

std::string declare_topic_setting(core::ConfigReader& reader, std::string_view name,
                                  std::string_view default_topic, std::string_view help) {
  auto topic = reader.string(name, default_topic, help);
  if (const auto problem = kafka::topic_name_problem(topic)) reader.reject(name, *problem);
  return topic;
}

int run_service(int argc, char** argv, const ServiceInfo& info, ServiceModule& module) {
  core::ShutdownSignal shutdown;  // first: every thread started later inherits its mask
  core::ConfigReader reader(argc, argv, info.name, info.description);
  const CommonSettings settings = read_common_settings(reader, info);
  module.declare_settings(reader);
  reader.finish_or_exit();
  core::init_logging(info.name, settings.log_format, settings.log_level);

  const auto& args = reader.args();
  if (!args.empty()) {
    if (args.front() == "migrate") {
      return pg::run_migrate_command(args, settings.database_url, info.migrations, std::cout,
                                     std::cerr);
    }
    std::cerr << info.name << ": unknown command '" << args.front()
              << "' (commands: migrate; --help lists the settings)\n";
    return 2;
  }
  try {
    return serve(info, settings, module, shutdown);
  } catch (const std::exception& e) {
    spdlog::critical("{} failed: {}", info.name, e.what());
    return 1;
  }
}

}  // namespace ecn::service
