#pragma once

#include <string>

namespace ecn::bench {

// A database of its own for one benchmark run, created from the admin URL and dropped (with
// its connections) at the end.
class BenchDatabase {
 public:
  BenchDatabase(const std::string& admin_url, const std::string& prefix);
  ~BenchDatabase();
  BenchDatabase(const BenchDatabase&) = delete;
  BenchDatabase& operator=(const BenchDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

  // Runs `<service_binary> migrate up` against this database, as an operator would; false (with
  // the program's stderr printed) when it fails.
  bool migrate_up(const std::string& service_binary) const;

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace ecn::bench
