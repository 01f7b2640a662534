#include "bench_database.hpp"

#include <iostream>
#include <pqxx/pqxx>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"

namespace ecn::bench {
namespace {

// The admin URL with its database name replaced.
std::string with_database(const std::string& url, const std::string& database) {
  const auto query = url.find('?');
  const auto path = url.rfind('/', query);
  const auto tail = query == std::string::npos ? std::string() : url.substr(query);
  return url.substr(0, path + 1) + database + tail;
}

}  // namespace

BenchDatabase::BenchDatabase(const std::string& admin_url, const std::string& prefix)
    : admin_url_(admin_url), name_(testing::unique_name(prefix)) {
  pqxx::connection admin(admin_url_);
  pqxx::nontransaction tx(admin);
  tx.exec("CREATE DATABASE " + tx.quote_name(name_));
  url_ = with_database(admin_url_, name_);
}

bool BenchDatabase::migrate_up(const std::string& service_binary) const {
  const auto migrate =
      testing::run_program(service_binary, {"migrate", "up"}, {{"DATABASE_URL", url_}});
  if (migrate.exit_code == 0) return true;
  std::cerr << "migrate up failed:\n" << migrate.err << "\n";
  return false;
}

BenchDatabase::~BenchDatabase() {
  try {
    pqxx::connection admin(admin_url_);
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
  } catch (const std::exception& e) {
    std::cerr << "could not drop database " << name_ << ": " << e.what() << "\n";
  }
}

}  // namespace ecn::bench
