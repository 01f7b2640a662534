#pragma once

// The real product-service binary (build/bin/product-service), run as a child process on a
// loopback port against a database of its own: order tests price orders through it.

#include <memory>
#include <string>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/product/v1/product.grpc.pb.h"

namespace ecn::order::test {

class ProductServiceProcess {
 public:
  // Starts the binary and waits for its start line; throws std::runtime_error with its log
  // when it does not come up.
  ProductServiceProcess();
  ~ProductServiceProcess();

  // The running binary, e.g. to freeze it with SIGSTOP.
  testing::ChildProcess& process() { return *process_; }
  // "127.0.0.1:<port>", for PRODUCT_SERVICE_ADDR.
  const std::string& address() const { return address_; }
  // Adds a product through the API and returns its id.
  std::string add_product(const std::string& name, const std::string& amount,
                          const std::string& currency_code = "USD");

 private:
  testing::TempDatabase database_;
  std::unique_ptr<testing::ChildProcess> process_;
  std::string address_;
  std::unique_ptr<ecommerce::product::v1::ProductService::Stub> stub_;
};

// One product-service for the whole test program, started on first use (starting one per test
// would cost seconds each).
ProductServiceProcess& shared_product_service();

// The port after `label` in a service's start line ("gRPC 127.0.0.1:0 (port N), ops ...").
std::uint16_t logged_port(const std::string& log, const std::string& label);

}  // namespace ecn::order::test
