#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "graphql_http/graphql_handler.hpp"
#include "http/http_types.hpp"

// The GraphQL-over-HTTP protocol (graphql-over-http draft): reading the parameters from GET
// and POST, content negotiation, and the status code each outcome gets.
namespace ecn::gateway::graphql_http {

// The two response media types the spec defines.
enum class MediaType { kGraphqlResponseJson, kJson };

std::string_view content_type(MediaType type);

// Picks the response media type from an Accept header: the acceptable one with the highest
// q (application/graphql-response+json on a tie); wildcards and a missing header mean
// application/json; nullopt when neither is acceptable (406).
std::optional<MediaType> negotiate(std::string_view accept);

// True when the Accept header lists text/html (a browser navigating to /graphql).
bool wants_html(std::string_view accept);

// Parameters read from a request, or the HTTP response refusing it (400, 415).
using ParseOutcome = std::variant<GraphqlRequest, http::HttpResponse>;

// POST with an application/json body.
ParseOutcome parse_post(const http::HttpRequest& request, MediaType media_type);
// GET with query, operationName, variables and extensions in the URL query string.
ParseOutcome parse_get(const http::HttpRequest& request, MediaType media_type);

// The HTTP response for an engine outcome, with the spec's status codes: 405 (Allow: POST)
// for a mutation over GET; with application/graphql-response+json, 400 when the request
// failed before execution (no "data"); otherwise 200.
http::HttpResponse to_http_response(const GraphqlOutcome& outcome, MediaType media_type);

// A response refusing the request, with a GraphQL-style error body.
http::HttpResponse request_error(int status, std::string_view message, MediaType media_type);

}  // namespace ecn::gateway::graphql_http
