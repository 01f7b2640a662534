#include "product_service_process.hpp"

#include <grpcpp/grpcpp.h>

#include <regex>
#include <stdexcept>

#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"

namespace ecn::order::test {

using namespace std::chrono_literals;

std::uint16_t logged_port(const std::string& log, const std::string& label) {
  std::smatch match;
  if (!std::regex_search(log, match, std::regex(label + R"( [^ ]+ \(port (\d+)\))"))) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

ProductServiceProcess::ProductServiceProcess() {
  process_ = std::make_unique<testing::ChildProcess>(
      PRODUCT_SERVICE_BINARY, std::vector<std::string>{},
      std::map<std::string, std::string>{{"DATABASE_URL", database_.url()},
                                         {"KAFKA_BROKERS", testing::kafka_brokers()},
                                         {"GRPC_ADDR", "127.0.0.1:0"},
                                         {"OPS_ADDR", "127.0.0.1:0"}});
  if (!process_->await_stderr("product-service started", 60s)) {
    throw std::runtime_error("product-service did not start:\n" + process_->stderr_text());
  }
  const auto port = logged_port(process_->stderr_text(), "gRPC");
  if (port == 0) throw std::runtime_error("no gRPC port in:\n" + process_->stderr_text());
  address_ = "127.0.0.1:" + std::to_string(port);
  stub_ = ecommerce::product::v1::ProductService::NewStub(rpc::make_channel(address_));
}

ProductServiceProcess::~ProductServiceProcess() = default;

std::string ProductServiceProcess::add_product(const std::string& name, const std::string& amount,
                                               const std::string& currency_code) {
  ecommerce::product::v1::AddProductRequest request;
  request.set_name(name);
  request.mutable_price()->set_amount(amount);
  request.mutable_price()->set_currency_code(currency_code);
  request.set_category("test");
  ecommerce::product::v1::Product product;
  grpc::ClientContext context;
  rpc::prepare_call(context, 10s);
  const auto status = stub_->AddProduct(&context, request, &product);
  if (!status.ok()) throw std::runtime_error("AddProduct failed: " + status.error_message());
  return product.id();
}

ProductServiceProcess& shared_product_service() {
  static ProductServiceProcess process;
  return process;
}

}  // namespace ecn::order::test
