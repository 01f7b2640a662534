// The smallest service on the runtime: one setting of its own and a readiness check, so the
// runtime's behaviour can be tested on a real process.
#include "ecn/ops/ops_server.hpp"
#include "ecn/service/service.hpp"
#include "embedded_migrations.hpp"

namespace {

class ProbeModule final : public ecn::service::ServiceModule {
 public:
  void declare_settings(ecn::core::ConfigReader& reader) override {
    greeting_ = reader.string("PROBE_GREETING", "hello", "a setting only this probe has");
  }
  void start(ecn::service::Runtime& runtime) override {
    runtime.ops.add_readiness_check("probe", [] { return true; });
  }

 private:
  std::string greeting_;
};

}  // namespace

int main(int argc, char** argv) {
  ProbeModule module;
  return ecn::service::run_service(argc, argv,
                                   {.name = "service-probe",
                                    .description = "test probe of the service runtime",
                                    .default_grpc_port = 0,
                                    .default_ops_port = 0,
                                    .default_database = "probe",
                                    .migrations = ecn::service::probe::migrations(),
                                    .topics = {}},
                                   module);
}
