#include "graphql_http/graphql_http.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>
#include <string>

namespace ecn::gateway::graphql_http {
namespace {

namespace json = boost::json;

constexpr std::string_view kGraphqlResponseJson = "application/graphql-response+json";
constexpr std::string_view kJson = "application/json";

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// One entry of an Accept header.
struct MediaRange {
  std::string type;  // lower case, e.g. "application/json" or "*/*"
  double q = 1.0;
};

std::vector<MediaRange> parse_accept(std::string_view accept) {
  std::vector<MediaRange> ranges;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const auto semicolon = item.find(';');
    MediaRange range{lower(trim(item.substr(0, semicolon))), 1.0};
    if (range.type.empty()) continue;
    std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
    while (!params.empty()) {
      const auto next = params.find(';');
      const auto param = trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        double q = 0;
        const auto text = param.substr(2);
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q);
        if (ec == std::errc() && end == text.data() + text.size())
          range.q = std::clamp(q, 0.0, 1.0);
      }
    }
    ranges.push_back(std::move(range));
  }
  return ranges;
}

// How well `range` names `type`: 3 exact, 2 "application/*", 1 "*/*", 0 not at all.
int specificity(const MediaRange& range, std::string_view type) {
  if (range.type == type) return 3;
  if (range.type == "application/*") return 2;
  if (range.type == "*/*") return 1;
  return 0;
}

// The q of `type` from the most specific range naming it, and that specificity.
std::pair<double, int> quality(const std::vector<MediaRange>& ranges, std::string_view type) {
  int best = 0;
  double q = 0.0;
  for (const auto& range : ranges) {
    const int s = specificity(range, type);
    if (s > best) {
      best = s;
      q = range.q;
    }
  }
  return {q, best};
}

json::object error_body(std::string_view message) {
  return json::object{{"errors", json::array{json::object{{"message", message}}}}};
}

// Checks the optional map parameters (variables, extensions) of a POST body.
bool read_map(const json::object& body, std::string_view name, json::object& out) {
  const auto* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) return true;
  if (!value->is_object()) return false;
  out = value->as_object();
  return true;
}

// Reads a map parameter of a GET request, sent as a JSON text.
bool read_json_map(std::string_view text, json::object& out) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec) return false;
  if (value.is_null()) return true;
  if (!value.is_object()) return false;
  out = std::move(value.as_object());
  return true;
}

}  // namespace

std::string_view content_type(MediaType type) {
  return type == MediaType::kGraphqlResponseJson
             ? "application/graphql-response+json; charset=utf-8"
             : "application/json; charset=utf-8";
}

std::optional<MediaType> negotiate(std::string_view accept) {
  if (trim(accept).empty()) return MediaType::kJson;
  const auto ranges = parse_accept(accept);
  const auto [graphql_q, graphql_s] = quality(ranges, kGraphqlResponseJson);
  const auto [json_q, json_s] = quality(ranges, kJson);
  if (graphql_q <= 0.0 && json_q <= 0.0) return std::nullopt;
  if (graphql_q > json_q) return MediaType::kGraphqlResponseJson;
  if (json_q > graphql_q) return MediaType::kJson;
  // Equal: the new type only when the client named it, since old clients may not know it.
  return graphql_s == 3 ? MediaType::kGraphqlResponseJson : MediaType::kJson;
}

bool wants_html(std::string_view accept) {
  const auto ranges = parse_accept(accept);
  return std::any_of(ranges.begin(), ranges.end(), [](const MediaRange& range) {
    return range.type == "text/html" && range.q > 0;
  });
}

http::HttpResponse request_error(int status, std::string_view message, MediaType media_type) {
  return http::make_response(status, std::string(content_type(media_type)),
                             json::serialize(error_body(message)));
}

ParseOutcome parse_post(const http::HttpRequest& request, MediaType media_type) {
  const auto content = request.header("content-type");
  const auto semicolon = content.find(';');
  if (lower(trim(content.substr(0, semicolon))) != kJson) {
    return request_error(415, "POST requests need Content-Type: application/json", media_type);
  }
  if (semicolon != std::string_view::npos) {
    const auto params = lower(content.substr(semicolon + 1));
    const auto charset = params.find("charset=");
    if (charset != std::string::npos) {
      const auto value = trim(std::string_view(params).substr(charset + 8));
      if (value.substr(0, value.find(';')) != "utf-8") {
        return request_error(415, "only the utf-8 charset is supported", media_type);
      }
    }
  }
  boost::system::error_code ec;
  const auto body = json::parse(request.body, ec);
  if (ec) return request_error(400, "request body is not valid JSON", media_type);
  if (!body.is_object())
    return request_error(400, "request body must be a JSON object", media_type);
  const auto& params = body.as_object();
  GraphqlRequest out;
  const auto* query = params.if_contains("query");
  if (query == nullptr || !query->is_string()) {
    return request_error(400, "query: a string is required", media_type);
  }
  out.query = std::string(query->as_string());
  if (const auto* name = params.if_contains("operationName"); name != nullptr && !name->is_null()) {
    if (!name->is_string())
      return request_error(400, "operationName: must be a string", media_type);
    out.operation_name = std::string(name->as_string());
  }
  if (!read_map(params, "variables", out.variables)) {
    return request_error(400, "variables: must be an object", media_type);
  }
  if (!read_map(params, "extensions", out.extensions)) {
    return request_error(400, "extensions: must be an object", media_type);
  }
  return out;
}

ParseOutcome parse_get(const http::HttpRequest& request, MediaType media_type) {
  const auto url = boost::urls::parse_origin_form(request.target);
  if (!url) return request_error(400, "malformed request target", media_type);
  GraphqlRequest out;
  out.read_only = true;
  bool has_query = false;
  for (const auto& param : url->params()) {
    if (param.key == "query") {
      out.query = param.value;
      has_query = true;
    } else if (param.key == "operationName") {
      if (!param.value.empty()) out.operation_name = param.value;
    } else if (param.key == "variables") {
      if (!read_json_map(param.value, out.variables)) {
        return request_error(400, "variables: must be a JSON object", media_type);
      }
    } else if (param.key == "extensions") {
      if (!read_json_map(param.value, out.extensions)) {
        return request_error(400, "extensions: must be a JSON object", media_type);
      }
    }
  }
  if (!has_query) return request_error(400, "query: a string is required", media_type);
  return out;
}

http::HttpResponse to_http_response(const GraphqlOutcome& outcome, MediaType media_type) {
  int status = 200;
  switch (outcome.kind) {
    case GraphqlOutcome::Kind::kMethodNotAllowed:
      status = 405;
      break;
    case GraphqlOutcome::Kind::kRequestError:
      status = media_type == MediaType::kGraphqlResponseJson ? 400 : 200;
      break;
    case GraphqlOutcome::Kind::kExecuted:
      if (media_type == MediaType::kGraphqlResponseJson && !outcome.json().contains("data")) {
        status = 400;
      }
      break;
  }
  auto response = http::make_response(status, std::string(content_type(media_type)),
                                      json::serialize(outcome.json()));
  if (status == 405) response.set_header("allow", "POST");
  return response;
}

}  // namespace ecn::gateway::graphql_http
