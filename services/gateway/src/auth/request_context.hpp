#pragma once

#include <optional>
#include <string>

namespace ecn::gateway::auth {

// Who is asking, decided once per request before any resolver runs. A bad or missing token
// does not fail the request: fields that need a user answer UNAUTHENTICATED on their own.
struct RequestContext {
  std::optional<std::string> user_id;  // the verified JWT's `sub`
  bool is_admin = false;               // x-api-key matched ADMIN_SECRET_KEY
  std::string request_id;
  // Why a presented token was refused ("token expired", ...), for the UNAUTHENTICATED message.
  std::optional<std::string> auth_error;
};

}  // namespace ecn::gateway::auth
