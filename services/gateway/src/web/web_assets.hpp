#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace ecn::gateway::web {

// The shop's built web app (Vite output: index.html and hashed files under assets/), read into
// memory at startup and served at `/`. Hashed assets are immutable for a year; index.html and
// other unhashed files are revalidated on every load (no-cache) by their ETag, so a new build
// shows at once. Paths without a file extension get index.html: the app routes them itself.
class WebAssets {
 public:
  // Loads every regular file under `dir`; throws std::runtime_error when there is no
  // index.html or a file cannot be read.
  explicit WebAssets(const std::filesystem::path& dir);

  // The answer for GET/HEAD `path` (no query string); 304 when `if_none_match` names the
  // current ETag; nullopt when nothing matches (a missing file with an extension).
  std::optional<http::HttpResponse> respond(std::string_view path,
                                            std::string_view if_none_match) const;

  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string cache_control;
    std::string body;
    std::string etag;
  };
  std::map<std::string, File, std::less<>> files_;  // keyed by URL path: "/assets/x-1a2b.js"
};

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);

}  // namespace ecn::gateway::web
