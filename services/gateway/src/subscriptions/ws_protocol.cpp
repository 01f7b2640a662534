#include "subscriptions/ws_protocol.hpp"

#include <sodium.h>
#include <strings.h>

#include <boost/json/parse.hpp>

#include "ecn/core/text.hpp"

namespace ecn::gateway::subscriptions {
namespace {

namespace json = boost::json;
using ParseResult = boost::system::result<ClientMessage, std::string>;

ParseResult bad(std::string why) {
  return ParseResult(boost::system::in_place_error, std::move(why));
}

// `name` as an optional object: absent or null → {}; false when it is something else.
bool optional_object(const json::object& in, std::string_view name, json::object& out) {
  const auto* value = in.if_contains(name);
  if (value == nullptr || value->is_null()) return true;
  if (!value->is_object()) return false;
  out = value->get_object();
  return true;
}

ParseResult parse_subscribe(const json::object& message) {
  const auto* id = message.if_contains("id");
  if (id == nullptr || !id->is_string() || id->get_string().empty()) {
    return bad("Invalid message received: subscribe needs a non-empty string id");
  }
  const auto* payload = message.if_contains("payload");
  if (payload == nullptr || !payload->is_object()) {
    return bad("Invalid message received: subscribe needs an object payload");
  }
  const auto& fields = payload->get_object();
  Subscribe subscribe;
  subscribe.id = std::string(id->get_string());
  const auto* query = fields.if_contains("query");
  if (query == nullptr || !query->is_string()) {
    return bad("Invalid message received: payload.query must be a string");
  }
  subscribe.query = std::string(query->get_string());
  if (const auto* name = fields.if_contains("operationName"); name && !name->is_null()) {
    if (!name->is_string()) {
      return bad("Invalid message received: payload.operationName must be a string");
    }
    subscribe.operation_name = std::string(name->get_string());
  }
  if (!optional_object(fields, "variables", subscribe.variables)) {
    return bad("Invalid message received: payload.variables must be an object");
  }
  if (!optional_object(fields, "extensions", subscribe.extensions)) {
    return bad("Invalid message received: payload.extensions must be an object");
  }
  return subscribe;
}

}  // namespace

ParseResult parse_client_message(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return bad("Invalid message received");
  const auto& message = parsed.get_object();
  const auto* type = message.if_contains("type");
  if (type == nullptr || !type->is_string()) return bad("Invalid message received");
  const std::string_view kind = type->get_string();
  if (kind == "connection_init") {
    ConnectionInit init;
    if (!optional_object(message, "payload", init.payload)) {
      return bad("Invalid message received: connection_init payload must be an object");
    }
    return init;
  }
  if (kind == "ping") {
    const auto* payload = message.if_contains("payload");
    return Ping{payload != nullptr ? *payload : json::value(nullptr)};
  }
  if (kind == "pong") return Pong{};
  if (kind == "subscribe") return parse_subscribe(message);
  if (kind == "complete") {
    const auto* id = message.if_contains("id");
    if (id == nullptr || !id->is_string() || id->get_string().empty()) {
      return bad("Invalid message received: complete needs a non-empty string id");
    }
    return Complete{std::string(id->get_string())};
  }
  return bad("Invalid message received: unknown type");
}

namespace {

// A string field of the payload whose name matches `name` in any letter case.
std::string field_of(const json::object& payload, const char* name) {
  for (const auto& entry : payload) {
    if (strcasecmp(std::string(entry.key()).c_str(), name) == 0 && entry.value().is_string()) {
      return std::string(entry.value().get_string());
    }
  }
  return {};
}

}  // namespace

std::string authorization_of(const json::object& payload) {
  if (auto authorization = field_of(payload, "authorization"); !authorization.empty()) {
    return authorization;
  }
  if (const auto* token = payload.if_contains("token"); token && token->is_string()) {
    return "Bearer " + std::string(token->get_string());
  }
  return {};
}

std::string api_key_of(const json::object& payload) {
  return field_of(payload, "x-api-key");
}

std::optional<std::chrono::system_clock::time_point> token_expiry(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    return std::nullopt;
  }
  const auto token = authorization.substr(kScheme.size());
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto payload = token.substr(first + 1, second - first - 1);
  std::string decoded(payload.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                        payload.data(), payload.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  decoded.resize(length);
  boost::system::error_code ec;
  const auto claims = json::parse(decoded, ec);
  if (ec || !claims.is_object()) return std::nullopt;
  const auto* exp = claims.get_object().if_contains("exp");
  if (exp == nullptr || !exp->is_number()) return std::nullopt;
  const auto seconds =
      exp->is_int64() ? exp->get_int64() : static_cast<std::int64_t>(exp->to_number<double>());
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

bool offers_subprotocol(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto item = core::trim(header.substr(0, comma));
    if (item == kSubprotocol) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace ecn::gateway::subscriptions
