#pragma once

#include <chrono>

#include "app/user_accounts.hpp"
#include "domain/preferences.hpp"
#include "domain/user.hpp"
#include "ecommerce/user/v1/user.pb.h"

// Between the wire types of ecommerce.user.v1 and the domain's.
namespace ecn::user::api {

ecommerce::user::v1::User to_proto(const domain::User& user);
ecommerce::user::v1::AuthResponse to_proto(const app::Session& session);
ecommerce::user::v1::GetUsersResponse to_proto(const app::UserBatch& batch);

// Absent fields stay absent: that is what makes the patch partial.
domain::PreferencesPatch from_proto(const ecommerce::user::v1::PreferencesPatch& patch);

void set_timestamp(google::protobuf::Timestamp& out, std::chrono::system_clock::time_point time);

}  // namespace ecn::user::api
