#include "graphiql/graphiql_assets.hpp"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ecn::gateway::graphiql {
namespace {

constexpr std::string_view kPrefix = "/graphiql/";
constexpr std::string_view kAssetCacheControl = "public, max-age=86400";

constexpr std::string_view kPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL - e-commerce gateway</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL...</div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script src="/graphiql/init.js"></script>
</body>
</html>
)";

// Kept out of the page so a strict Content-Security-Policy (script-src 'self') can be added.
constexpr std::string_view kInit = R"(
const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultEditorToolbarTabs: 'headers' }));
)";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("GraphiQL asset missing: " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string etag_of(std::string_view body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return "\"" + std::string(hex) + "\"";
}

}  // namespace

GraphiqlAssets::GraphiqlAssets(const std::filesystem::path& node_modules) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const struct {
    std::string_view name;
    std::filesystem::path file;
    std::string_view type;
  } files[] = {
      {"graphiql.min.js", "graphiql/graphiql.min.js", "text/javascript; charset=utf-8"},
      {"graphiql.min.css", "graphiql/graphiql.min.css", "text/css; charset=utf-8"},
      {"react.production.min.js", "react/umd/react.production.min.js",
       "text/javascript; charset=utf-8"},
      {"react-dom.production.min.js", "react-dom/umd/react-dom.production.min.js",
       "text/javascript; charset=utf-8"},
  };
  for (const auto& file : files) {
    auto body = read_file(node_modules / file.file);
    auto etag = etag_of(body);
    assets_.emplace(std::string(kPrefix) + std::string(file.name),
                    Asset{std::string(file.type), std::move(body), std::move(etag)});
  }
  assets_.emplace(std::string(kPrefix) + "init.js",
                  Asset{"text/javascript; charset=utf-8", std::string(kInit), etag_of(kInit)});
}

http::HttpResponse GraphiqlAssets::page() const {
  auto response = http::make_response(200, "text/html; charset=utf-8", std::string(kPage));
  response.set_header("cache-control", "no-cache");
  response.set_header("x-content-type-options", "nosniff");
  return response;
}

std::optional<http::HttpResponse> GraphiqlAssets::asset(std::string_view path,
                                                        std::string_view if_none_match) const {
  const auto found = assets_.find(path);
  if (found == assets_.end()) return std::nullopt;
  const Asset& asset = found->second;
  http::HttpResponse response;
  if (!if_none_match.empty() && if_none_match == asset.etag) {
    response.status = 304;
  } else {
    response = http::make_response(200, asset.content_type, asset.body);
  }
  response.set_header("cache-control", std::string(kAssetCacheControl));
  response.set_header("etag", asset.etag);
  response.set_header("x-content-type-options", "nosniff");
  return response;
}

}  // namespace ecn::gateway::graphiql
