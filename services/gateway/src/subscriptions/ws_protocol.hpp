#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

// The graphql-transport-ws protocol (the one npm `graphql-ws` speaks): what a client may send,
// parsed and checked, and the close codes the server answers misbehaviour with.
namespace ecn::gateway::subscriptions {

inline constexpr std::string_view kSubprotocol = "graphql-transport-ws";

// Close codes of the protocol (4xxx), with the reasons graphql-ws sends.
enum class CloseCode : std::uint16_t {
  kBadMessage = 4400,    // "Invalid message received" (or what is wrong with it)
  kUnauthorized = 4401,  // "Unauthorized": subscribe before connection_ack
  kForbidden = 4403,     // "Forbidden": connection_init with a token that is not valid
  kSubprotocolNotAcceptable = 4406,
  kInitTimeout = 4408,          // "Connection initialisation timeout"
  kDuplicateSubscriber = 4409,  // "Subscriber for <id> already exists"
  kTooManyInits = 4429,         // "Too many initialisation requests"
};

struct ConnectionInit {
  boost::json::object payload;  // {} when absent or null
};
struct Ping {
  boost::json::value payload;  // echoed in the pong
};
struct Pong {};
struct Subscribe {
  std::string id;
  std::string query;
  std::optional<std::string> operation_name;
  boost::json::object variables;
  boost::json::object extensions;
};
struct Complete {
  std::string id;
};
using ClientMessage = std::variant<ConnectionInit, Ping, Pong, Subscribe, Complete>;

// Parses one text frame. The error is the close reason for 4400 (what is wrong with it).
boost::system::result<ClientMessage, std::string> parse_client_message(std::string_view text);

// The Authorization value the connection_init payload carries: `{"Authorization": "Bearer
// <jwt>"}` (any letter case of the key) as is, or `{"token": "<jwt>"}` as "Bearer <jwt>";
// empty when there is none.
std::string authorization_of(const boost::json::object& payload);

// The admin key the connection_init payload carries as `{"x-api-key": "<key>"}` (any letter
// case), as the HTTP header would; empty when there is none.
std::string api_key_of(const boost::json::object& payload);

// The `exp` of the JWT in an Authorization value the Authenticator has already accepted (its
// signature is not checked again here), so an open connection can end when its token does;
// nullopt when it cannot be read.
std::optional<std::chrono::system_clock::time_point> token_expiry(std::string_view authorization);

// Whether a Sec-WebSocket-Protocol header offers graphql-transport-ws.
bool offers_subprotocol(std::string_view header);

}  // namespace ecn::gateway::subscriptions
