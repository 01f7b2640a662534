#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace ecn::gateway::graphiql {

// GraphiQL served by the gateway itself from the npm packages (graphiql, react, react-dom),
// read into memory at startup, so the page works with no internet: it references only
// /graphiql/... URLs on this server.
class GraphiqlAssets {
 public:
  // Loads the bundles from `node_modules`; throws std::runtime_error naming a missing file.
  explicit GraphiqlAssets(const std::filesystem::path& node_modules);

  // The HTML page (for GET /graphql from a browser), never cached so an upgrade shows at once.
  http::HttpResponse page() const;
  // The asset at `path` ("/graphiql/graphiql.min.js"), with a long cache lifetime and an ETag
  // (304 when `if_none_match` names it); nullopt for an unknown path.
  std::optional<http::HttpResponse> asset(std::string_view path,
                                          std::string_view if_none_match) const;

 private:
  struct Asset {
    std::string content_type;
    std::string body;
    std::string etag;
  };
  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace ecn::gateway::graphiql
