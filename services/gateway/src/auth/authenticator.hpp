#pragma once

#include "auth/admin_key.hpp"
#include "auth/jwt_verifier.hpp"
#include "auth/request_context.hpp"
#include "http/http_types.hpp"

namespace ecn::gateway::auth {

// Turns a request's Authorization and x-api-key headers into its RequestContext.
class Authenticator {
 public:
  Authenticator(JwtVerifier verifier, AdminKey admin_key);

  RequestContext authenticate(const http::HttpRequest& request) const;

 private:
  JwtVerifier verifier_;
  AdminKey admin_key_;
};

}  // namespace ecn::gateway::auth
