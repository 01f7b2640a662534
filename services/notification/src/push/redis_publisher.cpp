#include "push/redis_publisher.hpp"

#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "ecn/ops/metrics.hpp"
#include "push/notification_json.hpp"

namespace ecn::notification::push {
namespace {

struct ContextDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;

struct ReplyDeleter {
  void operator()(void* reply) const { freeReplyObject(reply); }
};

timeval to_timeval(std::chrono::milliseconds duration) {
  return {.tv_sec = static_cast<time_t>(duration.count() / 1000),
          .tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000)};
}

// redis://host:port[/db] → host, port (the database number does not matter to pub/sub).
std::pair<std::string, int> parse_redis_url(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  std::string_view rest(url);
  if (rest.substr(0, kScheme.size()) != kScheme) {
    throw std::invalid_argument("REDIS_URL: expected redis://host:port");
  }
  rest.remove_prefix(kScheme.size());
  rest = rest.substr(0, rest.find('/'));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  const auto colon = rest.rfind(':');
  if (colon == std::string_view::npos) return {std::string(rest), 6379};
  return {std::string(rest.substr(0, colon)), std::stoi(std::string(rest.substr(colon + 1)))};
}

}  // namespace

RedisPublisher::RedisPublisher(RedisPublisherOptions options, ops::MetricsRegistry& metrics)
    : options_(std::move(options)),
      published_total_(
          metrics.counter("redis_published_total", "notifications published to Redis pub/sub")),
      failures_total_(metrics.counter("redis_publish_failures_total",
                                      "notifications not published to Redis (down or full)")) {
  std::tie(host_, port_) = parse_redis_url(options_.url);
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

RedisPublisher::~RedisPublisher() {
  thread_.request_stop();
  wake_.notify_all();
}

void RedisPublisher::publish(std::span<const domain::Notification> notifications) noexcept {
  if (notifications.empty()) return;
  std::size_t dropped = 0;
  try {
    std::lock_guard lock(mutex_);
    for (const auto& notification : notifications) {
      if (queue_.size() >= options_.max_queue) {
        ++dropped;
        continue;
      }
      queue_.emplace_back(user_channel(notification.user_id), notification_json(notification));
    }
  } catch (const std::exception& e) {
    spdlog::error("live push: could not queue notifications: {}", e.what());
  }
  if (dropped > 0) {
    failures_total_.inc(static_cast<double>(dropped));
    spdlog::warn("live push: queue full, {} notification(s) not published", dropped);
  }
  wake_.notify_one();
}

std::uint64_t RedisPublisher::published() const {
  return static_cast<std::uint64_t>(published_total_.value());
}

std::uint64_t RedisPublisher::failed() const {
  return static_cast<std::uint64_t>(failures_total_.value());
}

void RedisPublisher::run(std::stop_token stop) {
  Context context;
  while (!stop.stop_requested()) {
    std::vector<std::pair<std::string, std::string>> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, stop, [&] { return !queue_.empty(); });
      while (!queue_.empty() && batch.size() < options_.max_pipeline) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (batch.empty()) continue;

    std::string error;
    if (!context) {
      const auto timeout = to_timeval(options_.timeout);
      context.reset(redisConnectWithTimeout(host_.c_str(), port_, timeout));
      if (!context || context->err) {
        error = context ? context->errstr : "cannot allocate a Redis context";
        context.reset();
      } else {
        redisSetTimeout(context.get(), timeout);
      }
    }
    std::size_t delivered = 0;
    if (context) {
      for (const auto& [channel, message] : batch) {
        redisAppendCommand(context.get(), "PUBLISH %b %b", channel.data(), channel.size(),
                           message.data(), message.size());
      }
      for (std::size_t i = 0; i < batch.size(); ++i) {
        void* raw = nullptr;
        if (redisGetReply(context.get(), &raw) != REDIS_OK) {
          error = context->errstr;
          context.reset();  // the connection's state is unknown: start afresh
          break;
        }
        std::unique_ptr<void, ReplyDeleter> reply(raw);
        if (static_cast<redisReply*>(raw)->type == REDIS_REPLY_ERROR) {
          error = static_cast<redisReply*>(raw)->str;
        } else {
          ++delivered;
        }
      }
    }
    published_total_.inc(static_cast<double>(delivered));
    if (delivered < batch.size()) {
      failures_total_.inc(static_cast<double>(batch.size() - delivered));
      spdlog::warn("live push: {} notification(s) not published to Redis: {}",
                   batch.size() - delivered, error);
      std::mutex pause_mutex;
      std::unique_lock pause(pause_mutex);
      std::condition_variable_any().wait_for(pause, stop, options_.retry_backoff,
                                             [] { return false; });
    }
  }
}

}  // namespace ecn::notification::push
