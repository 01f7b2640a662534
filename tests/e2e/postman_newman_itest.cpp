// The Postman collection users get (postman/), run by newman against the whole shop started
// from the real binaries on fresh databases: every request must run and every assertion pass.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "gateway_stack.hpp"

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

const fs::path kRoot = ECN_SOURCE_DIR;
const fs::path kCollection = kRoot / "postman/ecommerce-notifications.postman_collection.json";
const fs::path kEnvironment = kRoot / "postman/local.postman_environment.json";
const fs::path kNewman = kRoot / "node_modules/newman/bin/newman.js";

json::value read_json(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Names of the collection's requests, folders walked depth first.
void collect_requests(const json::array& items, std::set<std::string>& names) {
  for (const auto& item : items) {
    const auto& object = item.as_object();
    if (const auto* children = object.if_contains("item")) {
      collect_requests(children->as_array(), names);
    } else {
      names.emplace(object.at("name").as_string());
    }
  }
}

// One line per failure of a newman report: the request and what failed (the report's own
// entries repeat the whole collection).
std::string failure_lines(const json::object& run) {
  std::string out;
  for (const auto& failure : run.at("failures").as_array()) {
    const auto& object = failure.as_object();
    const auto* source = object.at("source").as_object().if_contains("name");
    const auto& error = object.at("error").as_object();
    out += "  " + (source ? std::string(source->as_string()) : std::string("?")) + ": " +
           std::string(error.at("name").as_string()) + ": " +
           std::string(error.at("message").as_string()) + "\n";
  }
  return out;
}

TEST(PostmanCollection, RunsTopToBottomWithNewmanAgainstTheWholeShop) {
  ASSERT_TRUE(fs::exists(kNewman)) << kNewman << " missing: run `npm ci` (make bootstrap)";
  const ecn::gateway::testing::ServiceStack stack;
  ASSERT_TRUE(stack.started()) << stack.logs();
  const auto gateway = stack.start_gateway();
  ASSERT_TRUE(gateway.started) << gateway.process->stderr_text();
  const std::string gateway_url = "http://127.0.0.1:" + std::to_string(gateway.http_port);
  const auto shop_logs = [&] {
    const auto tail = [](const std::string& text) {
      return text.size() > 3000 ? text.substr(text.size() - 3000) : text;
    };
    return tail(stack.logs()) + "\n---- gateway (tail)\n" + tail(gateway.process->stderr_text());
  };

  const auto report = fs::temp_directory_path() / (ecn::testing::unique_name("newman") + ".json");
  const auto run = ecn::testing::run_program(
      NODE_EXECUTABLE,
      {kNewman.string(), "run", kCollection.string(), "--environment", kEnvironment.string(),
       "--env-var", "baseUrl=" + gateway_url, "--env-var",
       std::string("adminKey=") + ecn::gateway::testing::kStackAdminKey, "--color", "off",
       "--disable-unicode", "--reporters", "cli,json", "--reporter-json-export", report.string()},
      {}, 120s);
  // newman's own account (requests, assertions, failures with their scripts) is part of the
  // test's output whatever happens.
  std::cout << run.out << run.err << std::flush;
  EXPECT_EQ(run.exit_code, 0) << "newman failed; the logs of the shop:\n" << shop_logs();
  ASSERT_TRUE(fs::exists(report)) << "newman wrote no report";

  const auto summary = read_json(report).at("run").as_object();
  fs::remove(report);
  const auto& stats = summary.at("stats").as_object();
  EXPECT_EQ(stats.at("assertions").at("failed").as_int64(), 0);
  EXPECT_EQ(stats.at("requests").at("failed").as_int64(), 0);
  EXPECT_EQ(stats.at("testScripts").at("failed").as_int64(), 0);
  EXPECT_TRUE(summary.at("failures").as_array().empty()) << failure_lines(summary);

  // Every request of the collection ran (none skipped by a broken chain) and each asserted.
  std::set<std::string> expected;
  collect_requests(read_json(kCollection).at("item").as_array(), expected);
  std::set<std::string> executed;
  for (const auto& execution : summary.at("executions").as_array()) {
    const auto& object = execution.as_object();
    executed.emplace(object.at("item").at("name").as_string());
    const auto* assertions = object.if_contains("assertions");
    EXPECT_TRUE(assertions != nullptr && !assertions->as_array().empty())
        << object.at("item").at("name").as_string() << " asserted nothing";
  }
  EXPECT_EQ(executed, expected);
  EXPECT_GE(expected.size(), 30u);  // the schema's 19 operations and the negative examples
}

}  // namespace
