// WebAssets over a temporary build directory: what is served for which path, with which cache
// headers, and the ETag round trip.
#include "web/web_assets.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace {

namespace fs = std::filesystem;
using ecn::gateway::web::WebAssets;

class WebAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("web_assets_test_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "assets");
    write("index.html", "<!doctype html><div id=app></div>");
    write("assets/index-AbC123.js", "console.log(1)");
    write("assets/index-XyZ789.css", "body{}");
    write("robots.txt", "User-agent: *");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(WebAssetsTest, IndexForTheRootAndTheAppsOwnRoutes) {
  const WebAssets assets(dir_);
  EXPECT_EQ(assets.file_count(), 4u);
  for (const char* path : {"/", "/inbox", "/orders/0190-aa", "/index.html"}) {
    const auto response = assets.respond(path, "");
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 200) << path;
    EXPECT_EQ(response->body, "<!doctype html><div id=app></div>") << path;
    EXPECT_EQ(response->header("cache-control"), "no-cache") << path;
    EXPECT_EQ(response->header("content-type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(response->header("content-security-policy"), "") << path;
  }
}

TEST_F(WebAssetsTest, HashedAssetsAreImmutableWithTheirType) {
  const WebAssets assets(dir_);
  const auto script = assets.respond("/assets/index-AbC123.js", "");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->body, "console.log(1)");
  EXPECT_EQ(script->header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(script->header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(assets.respond("/assets/index-XyZ789.css", "")->header("content-type"),
            "text/css; charset=utf-8");
  EXPECT_EQ(assets.respond("/robots.txt", "")->header("cache-control"), "no-cache");
}

TEST_F(WebAssetsTest, MissingFilesAreNotTheApp) {
  const WebAssets assets(dir_);
  EXPECT_FALSE(assets.respond("/assets/index-000000.js", ""));
  EXPECT_FALSE(assets.respond("/favicon.ico", ""));
  EXPECT_FALSE(assets.respond("/../../etc/passwd.txt", ""));
}

TEST_F(WebAssetsTest, EtagGives304AndChangesWithTheContent) {
  const auto etag = std::string(WebAssets(dir_).respond("/", "")->header("etag"));
  ASSERT_FALSE(etag.empty());
  const WebAssets assets(dir_);
  const auto not_modified = assets.respond("/inbox", etag);
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->body.empty());
  EXPECT_EQ(not_modified->header("etag"), etag);
  EXPECT_EQ(assets.respond("/", "W/\"other\"")->status, 200);
  write("index.html", "<!doctype html><p>new build</p>");
  EXPECT_NE(WebAssets(dir_).respond("/", "")->header("etag"), etag);
}

TEST_F(WebAssetsTest, ADirectoryWithoutIndexIsRefused) {
  fs::remove(dir_ / "index.html");
  EXPECT_THROW(WebAssets{dir_}, std::runtime_error);
}

}  // namespace
