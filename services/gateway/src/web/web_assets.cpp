#include "web/web_assets.hpp"

#include <sodium.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ecn::gateway::web {
namespace {

constexpr std::string_view kIndex = "/index.html";
constexpr std::string_view kHashedPrefix = "/assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("web app file unreadable: " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string etag_of(std::string_view body) {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  std::array<char, digest.size() * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return "\"" + std::string(hex.data()) + "\"";
}

// The last segment has a dot: a file was asked for, so a miss is a 404, not the app.
bool names_a_file(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

// If-None-Match may list several tags, or be "*".
bool matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  return if_none_match.find(etag) != std::string_view::npos;
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  struct Known {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr std::array<Known, 12> kKnown{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& known : kKnown) {
    if (file_name.ends_with(known.extension)) return known.type;
  }
  return "application/octet-stream";
}

WebAssets::WebAssets(const std::filesystem::path& dir) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (!std::filesystem::is_regular_file(dir / "index.html")) {
    throw std::runtime_error("no index.html in " + dir.string());
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const auto relative = entry.path().lexically_relative(dir).generic_string();
    const auto url = "/" + relative;
    auto body = read_file(entry.path());
    auto etag = etag_of(body);
    const bool hashed = std::string_view(url).starts_with(kHashedPrefix);
    files_.emplace(url, File{std::string(content_type_for(url)),
                             std::string(hashed ? kImmutable : kRevalidate), std::move(body),
                             std::move(etag)});
  }
}

std::optional<http::HttpResponse> WebAssets::respond(std::string_view path,
                                                     std::string_view if_none_match) const {
  auto found = files_.find(path);
  if (found == files_.end()) {
    if (names_a_file(path)) return std::nullopt;
    found = files_.find(kIndex);  // "/", "/inbox", "/orders/<id>": the app's own routes
  }
  const File& file = found->second;
  http::HttpResponse response;
  if (matches(if_none_match, file.etag)) {
    response.status = 304;
  } else {
    response = http::make_response(200, file.content_type, file.body);
  }
  response.set_header("cache-control", file.cache_control);
  response.set_header("etag", file.etag);
  response.set_header("x-content-type-options", "nosniff");
  if (file.content_type.starts_with("text/html")) {
    // The app needs only this origin: scripts, styles, fetch and the WebSocket.
    response.set_header("content-security-policy",
                        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                        "style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    response.set_header("referrer-policy", "no-referrer");
  }
  return response;
}

}  // namespace ecn::gateway::web
