#include "ecn/testing/temp_database.hpp"

#include <pqxx/pqxx>

#include "ecn/testing/environment.hpp"

namespace ecn::testing {
namespace {

// Replaces the database path of a postgresql:// URL (the part after the last '/').
std::string with_database(const std::string& url, const std::string& database) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  const auto slash = base.rfind('/');
  const bool has_path = slash != std::string::npos && slash > base.find("//") + 1;
  return (has_path ? base.substr(0, slash) : base) + "/" + database + rest;
}

}  // namespace

TempDatabase::TempDatabase() : name_(unique_name("test")) {
  const std::string admin = pg_admin_url();
  pqxx::connection conn(admin);
  pqxx::nontransaction tx(conn);
  tx.exec0("CREATE DATABASE " + tx.quote_name(name_));
  url_ = with_database(admin, name_);
}

TempDatabase::~TempDatabase() {
  try {
    pqxx::connection conn(pg_admin_url());
    pqxx::nontransaction tx(conn);
    tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
  } catch (...) {
    // A test that stopped PostgreSQL may leave it down; the database dies with .run/ then.
  }
}

}  // namespace ecn::testing
