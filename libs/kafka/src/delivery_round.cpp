#include "delivery_round.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <set>
#include <string>
#include <utility>

#include "ecn/kafka/error.hpp"
#include "ecn/kafka/producer.hpp"

namespace ecn::kafka::detail {

DeliveryRound::DeliveryRound(Producer& producer, std::span<const OutboxRow> rows)
    : state_(std::make_shared<State>()) {
  state_->status.assign(rows.size(), Status::kPending);
  std::set<std::pair<std::string_view, std::string_view>> blocked;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ids_.push_back(row.id);
    rows_.push_back(&row);
    if (blocked.contains({row.topic, row.key})) {
      std::lock_guard lock(state_->mutex);
      state_->status[i] = Status::kHeldBack;
      continue;
    }
    {
      // Counted before produce(): the report may arrive before produce() returns.
      std::lock_guard lock(state_->mutex);
      ++state_->outstanding;
    }
    try {
      producer.produce(row.topic, row.key, row.payload, row.headers,
                       [state = state_, i](const DeliveryReport& report) {
                         std::lock_guard lock(state->mutex);
                         state->status[i] = report.ok() ? Status::kDelivered : Status::kFailed;
                         if (!report.ok()) {
                           spdlog::warn("outbox relay: delivery to {} failed: {}", report.topic,
                                        report.error);
                         }
                         if (--state->outstanding == 0) state->done.notify_all();
                       });
    } catch (const KafkaError& e) {
      spdlog::warn("outbox relay: row {} refused, holding back key {} of {}: {}", row.id, row.key,
                   row.topic, e.what());
      blocked.insert({row.topic, row.key});
      std::lock_guard lock(state_->mutex);
      state_->status[i] = Status::kFailed;
      --state_->outstanding;
    }
  }
}

bool DeliveryRound::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->mutex);
  return state_->done.wait_for(lock, timeout, [&] { return state_->outstanding == 0; });
}

std::size_t DeliveryRound::outstanding() const {
  std::lock_guard lock(state_->mutex);
  return state_->outstanding;
}

RoundResult DeliveryRound::result() const {
  std::lock_guard lock(state_->mutex);
  RoundResult result;
  // Only a producer that gives up on records (finite delivery timeout) or a broker rejecting
  // one record can fail a row while a later row of its key gets through; say so loudly.
  std::map<std::pair<std::string_view, std::string_view>, std::int64_t> first_failure;
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const auto key = std::pair<std::string_view, std::string_view>(rows_[i]->topic, rows_[i]->key);
    switch (state_->status[i]) {
      case Status::kDelivered:
        result.delivered.push_back(ids_[i]);
        if (auto it = first_failure.find(key); it != first_failure.end()) {
          spdlog::error(
              "outbox relay: row {} of key {} was delivered although row {} before it "
              "failed: that key is out of order in {}",
              ids_[i], rows_[i]->key, it->second, rows_[i]->topic);
        }
        break;
      case Status::kFailed:
        ++result.failed;
        first_failure.emplace(key, ids_[i]);
        break;
      case Status::kHeldBack:
        ++result.held_back;
        break;
      case Status::kPending:
        ++result.unconfirmed;
        first_failure.emplace(key, ids_[i]);
        break;
    }
  }
  return result;
}

}  // namespace ecn::kafka::detail
