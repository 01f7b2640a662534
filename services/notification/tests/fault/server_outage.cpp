#include "server_outage.hpp"

#include <spdlog/spdlog.h>

#include "ecn/testing/infra_control.hpp"

namespace ecn::notification::testing {

ServerOutage::ServerOutage(std::string component) : component_(std::move(component)) {
  ecn::testing::infra("stop", component_);
}

ServerOutage::~ServerOutage() {
  if (over_) return;
  try {
    ecn::testing::infra("start", component_);
  } catch (const std::exception& e) {
    spdlog::error("could not start {} again: {}", component_, e.what());
  }
}

void ServerOutage::end() {
  ecn::testing::infra("start", component_);  // throws: the destructor tries once more
  over_ = true;
}

}  // namespace ecn::notification::testing
