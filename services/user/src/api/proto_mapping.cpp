#include "api/proto_mapping.hpp"

namespace ecn::user::api {

namespace pb = ecommerce::user::v1;

void set_timestamp(google::protobuf::Timestamp& out, std::chrono::system_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
  out.set_seconds(seconds.count());
  out.set_nanos(static_cast<std::int32_t>(nanos.count()));
}

pb::User to_proto(const domain::User& user) {
  pb::User out;
  out.set_id(user.id);
  out.set_name(user.name);
  out.set_email(user.email);
  auto& preferences = *out.mutable_preferences();
  preferences.set_order_updates(user.preferences.order_updates);
  preferences.set_promotions(user.preferences.promotions);
  for (const auto& category : user.preferences.categories) preferences.add_categories(category);
  set_timestamp(*out.mutable_created_at(), user.created_at);
  set_timestamp(*out.mutable_updated_at(), user.updated_at);
  return out;
}

pb::AuthResponse to_proto(const app::Session& session) {
  pb::AuthResponse out;
  *out.mutable_user() = to_proto(session.user);
  out.set_token(session.token.token);
  set_timestamp(*out.mutable_expires_at(), session.token.expires_at);
  return out;
}

pb::GetUsersResponse to_proto(const app::UserBatch& batch) {
  pb::GetUsersResponse out;
  for (const auto& user : batch.users) *out.add_users() = to_proto(user);
  for (const auto& id : batch.missing_ids) out.add_missing_ids(id);
  return out;
}

domain::PreferencesPatch from_proto(const pb::PreferencesPatch& patch) {
  domain::PreferencesPatch out;
  if (patch.has_order_updates()) out.order_updates = patch.order_updates();
  if (patch.has_promotions()) out.promotions = patch.promotions();
  if (patch.has_categories()) {
    const auto& values = patch.categories().values();
    out.categories.emplace(values.begin(), values.end());
  }
  return out;
}

}  // namespace ecn::user::api
