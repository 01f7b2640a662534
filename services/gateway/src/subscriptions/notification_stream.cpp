#include "subscriptions/notification_stream.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

namespace ecn::gateway::subscriptions {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;

// Delivered ids remembered for de-duplication: far more than a seam or a resync can overlap.
constexpr std::size_t kRememberedIds = 4096;

std::string string_field(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

std::optional<json::object> notification_from_redis(std::string_view message) {
  boost::system::error_code ec;
  auto parsed = json::parse(message, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const auto& in = parsed.get_object();
  const auto id = string_field(in, "id");
  if (id.empty()) return std::nullopt;
  const auto* data = in.if_contains("data");
  const auto* read_at = in.if_contains("read_at");
  const auto* read = in.if_contains("read");
  return json::object{{"id", id},
                      {"userId", string_field(in, "user_id")},
                      {"type", string_field(in, "type")},
                      {"title", string_field(in, "title")},
                      {"body", string_field(in, "body")},
                      {"data", data != nullptr ? *data : json::value(nullptr)},
                      {"read", read != nullptr && read->is_bool() && read->get_bool()},
                      {"createdAt", string_field(in, "created_at")},
                      {"readAt", read_at != nullptr ? *read_at : json::value(nullptr)},
                      {"cursor", string_field(in, "cursor")}};
}

std::shared_ptr<NotificationStream> NotificationStream::create(asio::any_io_executor executor,
                                                               ReplayFetch fetch,
                                                               std::size_t max_buffered) {
  return std::shared_ptr<NotificationStream>(
      new NotificationStream(std::move(executor), std::move(fetch), max_buffered));
}

NotificationStream::NotificationStream(asio::any_io_executor executor, ReplayFetch fetch,
                                       std::size_t max_buffered)
    : fetch_(std::move(fetch)),
      live_(graphql::execution::EventQueue::create(std::move(executor), max_buffered)) {}

void NotificationStream::push_live(std::string_view message) {
  auto notification = notification_from_redis(message);
  if (!notification) {
    spdlog::warn("subscriptions: ignored a malformed live notification ({} bytes)", message.size());
    return;
  }
  live_->push(std::move(*notification));
}

void NotificationStream::resync() {
  live_->push(nullptr);  // live events are objects: null marks the gap
}

asio::awaitable<std::optional<graphql::execution::FieldError>> NotificationStream::start_replay(
    std::string cursor) {
  replay_cursor_ = cursor;
  last_cursor_ = std::move(cursor);
  auto fetching = fetch_(replay_cursor_);
  auto page = co_await std::move(fetching);
  if (!page) co_return page.error();
  take_page(std::move(*page));
  co_return std::nullopt;
}

void NotificationStream::take_page(ReplayPage page) {
  replay_more_ = page.has_more && !page.notifications.empty();
  if (!page.notifications.empty()) {
    replay_cursor_ = string_field(page.notifications.back(), "cursor");
  }
  for (auto& notification : page.notifications) replay_.push_back(std::move(notification));
}

bool NotificationStream::first_delivery(const json::object& notification) {
  auto id = string_field(notification, "id");
  if (!delivered_ids_.insert(id).second) return false;
  delivered_order_.push_back(std::move(id));
  if (delivered_order_.size() > kRememberedIds) {
    delivered_ids_.erase(delivered_order_.front());
    delivered_order_.pop_front();
  }
  if (auto cursor = string_field(notification, "cursor"); !cursor.empty()) {
    last_cursor_ = std::move(cursor);
  }
  return true;
}

asio::awaitable<std::optional<json::value>> NotificationStream::next() {
  const auto self = shared_from_this();
  for (;;) {
    if (!replay_.empty()) {
      auto notification = std::move(replay_.front());
      replay_.pop_front();
      if (first_delivery(notification)) co_return json::value(std::move(notification));
      continue;
    }
    if (replay_more_) {
      auto fetching = fetch_(replay_cursor_);
      auto page = co_await std::move(fetching);
      if (!page) throw std::runtime_error(page.error().message);
      take_page(std::move(*page));
      continue;
    }
    auto waiting = live_->next();
    auto event = co_await std::move(waiting);
    if (!event) co_return std::nullopt;
    const auto dropped = live_->dropped();
    if (event->is_null() || dropped != dropped_seen_) {
      // A gap: catch up from the source of truth after what the client already has.
      // The replay covers this event too (it was committed before it was published).
      dropped_seen_ = dropped;
      if (!last_cursor_.empty()) {
        replay_cursor_ = last_cursor_;
        replay_more_ = true;
        continue;
      }
      if (event->is_null()) continue;
    }
    if (first_delivery(event->get_object())) co_return std::move(*event);
  }
}

void NotificationStream::close() {
  live_->close();
  handle_.reset();
}

}  // namespace ecn::gateway::subscriptions
