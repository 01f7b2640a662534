#include "auth/authenticator.hpp"

#include <strings.h>

namespace ecn::gateway::auth {

Authenticator::Authenticator(JwtVerifier verifier, AdminKey admin_key)
    : verifier_(std::move(verifier)), admin_key_(std::move(admin_key)) {}

RequestContext Authenticator::authenticate(const http::HttpRequest& request) const {
  RequestContext context;
  context.request_id = request.request_id;
  context.is_admin = admin_key_.matches(request.header("x-api-key"));
  const std::string_view authorization = request.header("authorization");
  if (authorization.empty()) return context;
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    context.auth_error = "Authorization: expected a Bearer token";
    return context;
  }
  auto claims = verifier_.verify(authorization.substr(kScheme.size()));
  if (claims) {
    context.user_id = std::move(claims->subject);
  } else {
    context.auth_error = claims.error().message;
  }
  return context;
}

}  // namespace ecn::gateway::auth
