#pragma once

#include <string>

namespace ecn::testing {

// A PostgreSQL database created for one test and dropped (with its connections) at the end,
// so tests never see each other's rows.
class TempDatabase {
 public:
  TempDatabase();
  ~TempDatabase();
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  const std::string& name() const { return name_; }
  // Connection URL of the database, in the postgresql:// form libpq accepts.
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

}  // namespace ecn::testing
