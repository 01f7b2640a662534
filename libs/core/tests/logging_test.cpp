#include "ecn/core/logging.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ecn/core/time.hpp"

namespace ecn::core {
namespace {

using ::testing::MatchesRegex;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class LoggingTest : public ::testing::Test {
 protected:
  void TearDown() override {
    // The stream dies with the fixture; give spdlog a logger that does not point at it.
    init_logging("test", LogFormat::kText, LogLevel::kInfo);
  }

  boost::json::object only_json_line() {
    const auto lines = lines_of(out_.str());
    EXPECT_EQ(lines.size(), 1U) << out_.str();
    if (lines.empty()) return {};
    return boost::json::parse(lines.front()).as_object();
  }

  std::ostringstream out_;
};

TEST_F(LoggingTest, JsonLineHasTheDocumentedFieldsInOrder) {
  init_logging("user-service", LogFormat::kJson, LogLevel::kInfo, out_);
  spdlog::info("user {} signed in", 42);
  std::string line = out_.str();
  ASSERT_TRUE(line.ends_with("}\n")) << line;
  line.pop_back();
  EXPECT_THAT(line, MatchesRegex(R"(\{"ts":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})"
                                 R"(\.[0-9]{3}Z","level":"info","service":"user-service",)"
                                 R"("msg":"user 42 signed in"\})"));
  const auto object = boost::json::parse(line).as_object();
  EXPECT_EQ(object.size(), 4U);
  EXPECT_FALSE(object.contains("request_id"));
  const auto ts = parse_rfc3339(std::string(object.at("ts").as_string()));
  ASSERT_TRUE(ts.has_value());
  EXPECT_LT(std::chrono::abs(std::chrono::system_clock::now() - *ts), std::chrono::minutes(1));
}

TEST_F(LoggingTest, MessagesAreJsonEscaped) {
  init_logging("svc", LogFormat::kJson, LogLevel::kInfo, out_);
  const std::string message = "quote \" backslash \\ newline \n tab \t bell \x07 caf\xC3\xA9";
  spdlog::warn("{}", message);
  const auto object = only_json_line();
  EXPECT_EQ(object.at("msg").as_string(), message);
  EXPECT_EQ(object.at("level").as_string(), "warn");
}

TEST_F(LoggingTest, MalformedUtf8StillYieldsValidJson) {
  init_logging("svc", LogFormat::kJson, LogLevel::kInfo, out_);
  spdlog::error("bad \xFF\xC3 bytes \xED\xA0\x80 end");
  const auto object = only_json_line();
  EXPECT_EQ(object.at("msg").as_string(),
            "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end");
  EXPECT_EQ(object.at("level").as_string(), "error");
}

TEST_F(LoggingTest, RequestIdScopeTagsLinesOnItsThreadAndNests) {
  init_logging("gateway", LogFormat::kJson, LogLevel::kInfo, out_);
  spdlog::info("before");
  {
    RequestIdScope outer("req-1");
    spdlog::info("outer");
    {
      RequestIdScope inner("req-2");
      EXPECT_EQ(current_request_id(), "req-2");
      spdlog::info("inner");
      std::thread other([] { spdlog::info("other thread"); });
      other.join();
    }
    spdlog::info("outer again");
  }
  spdlog::info("after");
  EXPECT_EQ(current_request_id(), "");

  const auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 6U);
  const auto request_id = [&](std::size_t i) -> std::string {
    const auto object = boost::json::parse(lines[i]).as_object();
    const auto* id = object.if_contains("request_id");
    return id ? std::string(id->as_string()) : "<none>";
  };
  EXPECT_EQ(request_id(0), "<none>");
  EXPECT_EQ(request_id(1), "req-1");
  EXPECT_EQ(request_id(2), "req-2");
  EXPECT_EQ(request_id(3), "<none>");  // another thread carries no id
  EXPECT_EQ(request_id(4), "req-1");
  EXPECT_EQ(request_id(5), "<none>");
  EXPECT_THAT(lines[2], ::testing::EndsWith(R"("msg":"inner","request_id":"req-2"})"));
}

TEST_F(LoggingTest, LevelFiltersLines) {
  init_logging("svc", LogFormat::kJson, LogLevel::kWarn, out_);
  spdlog::debug("no");
  spdlog::info("no");
  spdlog::warn("yes");
  spdlog::critical("yes");
  const auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(boost::json::parse(lines[1]).as_object().at("level").as_string(), "critical");
}

TEST_F(LoggingTest, TextFormatIsReadable) {
  init_logging("order-service", LogFormat::kText, LogLevel::kDebug, out_);
  spdlog::debug("starting");
  {
    RequestIdScope scope("abc");
    spdlog::info("handling");
  }
  const auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_THAT(lines[0], MatchesRegex(R"([0-9-]{10}T[0-9:]{8}\.[0-9]{3}Z debug    )"
                                     R"(order-service starting)"));
  EXPECT_THAT(lines[1], MatchesRegex(R"(.*Z info     order-service \[abc\] handling)"));
}

TEST(LogParseTest, ParsesLevelsAndFormats) {
  EXPECT_EQ(parse_log_level("trace"), LogLevel::kTrace);
  EXPECT_EQ(parse_log_level("DEBUG"), LogLevel::kDebug);
  EXPECT_EQ(parse_log_level("Info"), LogLevel::kInfo);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::kWarn);
  EXPECT_EQ(parse_log_level("warning"), LogLevel::kWarn);
  EXPECT_EQ(parse_log_level("error"), LogLevel::kError);
  EXPECT_EQ(parse_log_level("critical"), LogLevel::kCritical);
  EXPECT_EQ(parse_log_level("off"), LogLevel::kOff);
  EXPECT_EQ(parse_log_level("verbose"), std::nullopt);
  EXPECT_EQ(parse_log_level(""), std::nullopt);
  EXPECT_EQ(parse_log_format("json"), LogFormat::kJson);
  EXPECT_EQ(parse_log_format("TEXT"), LogFormat::kText);
  EXPECT_EQ(parse_log_format("xml"), std::nullopt);
  EXPECT_EQ(to_string(LogLevel::kWarn), "warn");
  EXPECT_EQ(to_string(LogLevel::kError), "error");
  EXPECT_EQ(to_string(LogLevel::kOff), "off");
}

}  // namespace
}  // namespace ecn::core
