#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/core/config.hpp"
#include "ecn/core/host_port.hpp"
#include "ecn/core/logging.hpp"
#include "ecn/kafka/admin.hpp"
#include "ecn/pg/migrations.hpp"

namespace ecn::core {
class ShutdownSignal;
}
namespace ecn::kafka {
class Producer;
}
namespace ecn::ops {
class MetricsRegistry;
class OpsServer;
}  // namespace ecn::ops
namespace ecn::pg {
class Pool;
}
namespace ecn::rpc {
class RpcServer;
class WorkQueue;
}  // namespace ecn::rpc

namespace ecn::service {

// What a service binary is, for the runtime: its name, defaults and the shared parts it needs.
struct ServiceInfo {
  std::string name;         // "user-service": logs, --help, metrics
  std::string description;  // one line for --help
  std::uint16_t default_grpc_port = 0;
  std::uint16_t default_ops_port = 0;
  std::string default_database;           // "users": the database in the default DATABASE_URL
  std::vector<pg::Migration> migrations;  // embedded with ecn_embed_migrations
  std::vector<kafka::TopicSpec> topics;   // created at start when missing
  bool outbox_relay = true;               // publish the outbox table to Kafka
};

// The settings every service reads (see --help of any service).
struct CommonSettings {
  core::HostPort grpc_addr;
  core::HostPort ops_addr;
  std::string database_url;
  std::int64_t database_pool_size = 16;
  std::int64_t rpc_workers = 16;        // threads running gRPC calls' work
  std::int64_t rpc_queue_limit = 4096;  // calls waiting for one of them at most
  std::string kafka_brokers;
  std::int64_t kafka_topic_partitions = 6;
  core::LogLevel log_level = core::LogLevel::kInfo;
  core::LogFormat log_format = core::LogFormat::kJson;
};

// The shared parts, up and running, handed to a service's module.
struct Runtime {
  const CommonSettings& settings;
  pg::Pool& pool;
  ops::MetricsRegistry& metrics;
  ops::OpsServer& ops;        // add readiness checks
  rpc::RpcServer& rpc;        // add gRPC services (in start(); the server starts after it)
  rpc::WorkQueue& work;       // where the services' calls run (rpc::serve)
  kafka::Producer& producer;  // for direct publishing; state changes go through the outbox
  core::ShutdownSignal& shutdown;
};

// The part of a service that is its own: its settings, components and gRPC services.
class ServiceModule {
 public:
  virtual ~ServiceModule() = default;
  // Declares the service's own settings; called before the reader finishes, so --help lists
  // them and bad values are reported with the common ones.
  virtual void declare_settings(core::ConfigReader& reader) { (void)reader; }
  // Builds components and registers gRPC services; migrations have run, the pool is open.
  virtual void start(Runtime& runtime) = 0;
  // Stops background work; called after the gRPC server drained, before the pool closes.
  virtual void stop() {}
  // Topics created at start when missing besides ServiceInfo::topics: those named by settings
  // (declare_settings has run).
  virtual std::vector<kafka::TopicSpec> topics() const { return {}; }
};

// Declares a topic-name setting (ORDER_EVENTS_TOPIC, ...) and returns its value; a name Kafka
// would refuse is reported like any bad value (exit 2). Every service reading or writing a
// topic names it with the same setting, so one value moves producer and consumers together.
std::string declare_topic_setting(core::ConfigReader& reader, std::string_view name,
                                  std::string_view default_topic, std::string_view help);

// The whole life of a service binary, so every main() is three lines:
//   <binary> [--help]          serve (or list every setting)
//   <binary> migrate up|down N|version|force V
// Serving: configuration (exit 2 on a bad value), JSON logging, migrations under the advisory
// lock (refusing a dirty database), connection pool, topics, producer and outbox relay, the
// ops endpoint (/healthz, /readyz with a PostgreSQL check, /metrics with the outbox backlog),
// the module, the gRPC server; then on SIGINT/SIGTERM the reverse: stop accepting, drain,
// module.stop(), relay, producer flush, exit 0. Returns the process exit code.
int run_service(int argc, char** argv, const ServiceInfo& info, ServiceModule& module);

}  // namespace ecn::service
