#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/result.hpp>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ecn/graphql/execution/resolver.hpp"

namespace ecn::graphql::execution {

// Batches the keys that resolvers of one request ask for in the same tick of the executor
// into one call of an asynchronous batch function, and caches every key's result for the rest
// of the request (graphql-js's DataLoader). Make one per request and keep it in the request's
// context; copies share their batches and cache. Not thread-safe: use it from the request's
// strand, which is where the executor runs resolvers.
//
// A tick ends when everything already queued on the strand has run: the first load() of a
// batch posts the batch's dispatch behind the resolvers started with it, so sibling list items
// and sibling fields land in one batch, and the next level of the response in the next one.
template <typename Key, typename Value, typename Hash = std::hash<Key>,
          typename KeyEqual = std::equal_to<Key>>
class DataLoader {
 public:
  // One key's value or its own error; a batch may fail some keys and serve the rest.
  using Result = boost::system::result<Value, FieldError>;
  // Answers distinct keys, one result per key in the same order.
  using BatchFunction =
      std::function<boost::asio::awaitable<std::vector<Result>>(std::span<const Key>)>;

  // `max_batch_size` splits larger batches (0: no limit).
  explicit DataLoader(BatchFunction batch, std::size_t max_batch_size = 0)
      : state_(std::make_shared<State>(std::move(batch), max_batch_size)) {}

  // The value for `key`, from the cache, from the batch being collected, or from a new batch.
  boost::asio::awaitable<Result> load(Key key) {
    const std::shared_ptr<State> state = state_;
    const Slot slot = enqueue(*state, key, co_await boost::asio::this_coro::executor);
    if (!slot.batch->done) co_await wait(slot);
    co_return slot.batch->results[slot.index];
  }

  // The values for `keys`, in order; all of them join the current batch.
  boost::asio::awaitable<std::vector<Result>> load_many(std::span<const Key> keys) {
    // Queue every key before waiting on any, so they share a batch.
    const std::shared_ptr<State> state = state_;
    const auto executor = co_await boost::asio::this_coro::executor;
    std::vector<Slot> slots;
    slots.reserve(keys.size());
    for (const Key& key : keys) slots.push_back(enqueue(*state, key, executor));
    std::vector<Result> out;
    out.reserve(keys.size());
    for (const Slot& slot : slots) {
      if (!slot.batch->done) co_await wait(slot);
      out.push_back(slot.batch->results[slot.index]);
    }
    co_return out;
  }

  // Seeds the cache (for example with objects a list query already returned).
  void prime(Key key, Value value) {
    if (state_->cache.contains(key)) return;
    auto batch = std::make_shared<Batch>();
    batch->results.emplace_back(boost::system::in_place_value, std::move(value));
    batch->done = true;
    state_->cache.emplace(std::move(key), Slot{std::move(batch), 0});
  }

  // Forgets a key (after a mutation changed it), so the next load() fetches it again.
  void clear(const Key& key) { state_->cache.erase(key); }
  void clear_all() { state_->cache.clear(); }

  // Batch calls made so far.
  std::size_t batch_count() const { return state_->batches; }

 private:
  struct Batch {
    Batch() = default;
    explicit Batch(boost::asio::any_io_executor on) : executor(std::move(on)) {}
    boost::asio::any_io_executor executor;
    std::vector<Key> keys;
    std::vector<Result> results;
    bool done = false;
    // Parked load() calls. They are resumed by posts made all at once, so every one of them
    // is queued before anything one of them starts (the next level's batch) can run.
    std::vector<boost::asio::any_completion_handler<void()>> waiters;
  };
  struct Slot {
    std::shared_ptr<Batch> batch;
    std::size_t index = 0;
  };
  struct State : std::enable_shared_from_this<State> {
    State(BatchFunction function, std::size_t max)
        : batch(std::move(function)), max_batch_size(max) {}
    BatchFunction batch;
    std::size_t max_batch_size;
    std::unordered_map<Key, Slot, Hash, KeyEqual> cache;
    std::shared_ptr<Batch> collecting;
    std::size_t batches = 0;
  };

  static Slot enqueue(State& state, const Key& key, const boost::asio::any_io_executor& executor) {
    if (const auto found = state.cache.find(key); found != state.cache.end()) return found->second;
    if (state.collecting == nullptr ||
        (state.max_batch_size != 0 && state.collecting->keys.size() >= state.max_batch_size)) {
      state.collecting = std::make_shared<Batch>(executor);
      schedule(state.shared_from_this(), state.collecting);
    }
    Slot slot{state.collecting, state.collecting->keys.size()};
    state.collecting->keys.push_back(key);
    state.cache.emplace(key, slot);
    return slot;
  }

  static boost::asio::awaitable<void> wait(const Slot& slot) {
    Batch& batch = *slot.batch;
    while (!batch.done) {
      co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
          [&batch](auto handler) { batch.waiters.emplace_back(std::move(handler)); },
          boost::asio::use_awaitable);
    }
  }

  static void schedule(std::shared_ptr<State> state, std::shared_ptr<Batch> batch) {
    auto executor = batch->executor;
    boost::asio::post(executor, [state = std::move(state), batch = std::move(batch), executor] {
      if (state->collecting == batch) state->collecting = nullptr;  // later keys: a new batch
      boost::asio::co_spawn(executor, dispatch(state, batch), boost::asio::detached);
    });
  }

  static boost::asio::awaitable<void> dispatch(std::shared_ptr<State> state,
                                               std::shared_ptr<Batch> batch) {
    ++state->batches;
    std::string failure;
    try {
      batch->results = co_await state->batch(std::span<const Key>(batch->keys));
      if (batch->results.size() != batch->keys.size()) {
        failure = "DataLoader batch function returned " + std::to_string(batch->results.size()) +
                  " results for " + std::to_string(batch->keys.size()) + " keys.";
      }
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (!failure.empty()) {
      // The whole batch failed: every key reports it, and none stays cached, so a later
      // request for it tries again.
      batch->results.assign(batch->keys.size(), Result(FieldError{failure, {}}));
      for (const Key& key : batch->keys) {
        const auto found = state->cache.find(key);
        if (found != state->cache.end() && found->second.batch == batch) state->cache.erase(found);
      }
    }
    batch->done = true;
    auto waiters = std::move(batch->waiters);
    for (auto& waiter : waiters) boost::asio::post(batch->executor, std::move(waiter));
    // Cached results must not pin the request's strand (nor its io_context) any longer.
    batch->executor = {};
  }

  std::shared_ptr<State> state_;
};

}  // namespace ecn::graphql::execution
