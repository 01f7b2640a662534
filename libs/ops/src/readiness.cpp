#include "readiness.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <optional>
#include <stdexcept>
#include <thread>

namespace ecn::ops::detail {

namespace asio = boost::asio;

// One registered check. `function` and `name` never change; the rest is touched only on the
// executor's thread, or after it stopped (join()).
struct ReadinessChecks::Check {
  std::string name;
  ReadinessCheck function;
  bool running = false;
  std::optional<bool> last_result;
  // Probes waiting for the run in flight: (round, index of this check in that round).
  std::vector<std::pair<std::shared_ptr<Round>, std::size_t>> waiters;
  std::thread worker;
};

// The checks of one probe, filled in as they finish; `timer` wakes the probe at its deadline
// or as soon as the last check reports.
struct ReadinessChecks::Round {
  Round(const asio::any_io_executor& executor, std::size_t size)
      : timer(executor), results(size), pending(size) {}

  void record(std::size_t index, bool ok) {
    results[index] = ok;
    if (--pending == 0) timer.cancel();
  }

  asio::steady_timer timer;
  std::vector<std::optional<bool>> results;
  std::size_t pending;
};

std::string ReadinessReport::to_json() const {
  boost::json::object checks_object;
  for (const auto& [name, outcome] : checks) {
    switch (outcome) {
      case CheckOutcome::kOk:
        checks_object[name] = "ok";
        break;
      case CheckOutcome::kFailing:
        checks_object[name] = "failing";
        break;
      case CheckOutcome::kTimeout:
        checks_object[name] = "timeout";
        break;
    }
  }
  boost::json::object body;
  body["status"] = ready ? "ready" : "unavailable";
  body["checks"] = std::move(checks_object);
  return boost::json::serialize(body);
}

ReadinessChecks::ReadinessChecks(asio::any_io_executor executor) : executor_(std::move(executor)) {}

ReadinessChecks::~ReadinessChecks() {
  join();
}

void ReadinessChecks::add(std::string name, ReadinessCheck check) {
  const std::lock_guard lock(mutex_);
  for (const auto& existing : checks_) {
    if (existing->name == name) {
      throw std::invalid_argument("readiness check \"" + name + "\" is already registered");
    }
  }
  auto entry = std::make_shared<Check>();
  entry->name = std::move(name);
  entry->function = std::move(check);
  checks_.push_back(std::move(entry));
}

void ReadinessChecks::start(const std::shared_ptr<Check>& check, std::shared_ptr<Round> round,
                            std::size_t index) {
  check->waiters.emplace_back(std::move(round), index);
  if (check->running) return;
  // The previous run has reported, so its thread is at most returning.
  if (check->worker.joinable()) check->worker.join();
  check->running = true;
  check->worker = std::thread([check, executor = executor_] {
    bool ok = false;
    try {
      ok = check->function();
    } catch (const std::exception& e) {
      spdlog::warn("readiness check {} threw: {}", check->name, e.what());
    } catch (...) {
      spdlog::warn("readiness check {} threw a non-standard exception", check->name);
    }
    asio::post(executor, [check, ok] {
      check->running = false;
      if (check->last_result != ok) {
        // Logged on change only: a probe every few seconds must not flood the log.
        if (ok) {
          spdlog::info("readiness check {} is passing", check->name);
        } else {
          spdlog::warn("readiness check {} is failing", check->name);
        }
        check->last_result = ok;
      }
      auto waiters = std::move(check->waiters);
      check->waiters.clear();
      for (auto& [waiting_round, waiting_index] : waiters) waiting_round->record(waiting_index, ok);
    });
  });
}

asio::awaitable<ReadinessReport> ReadinessChecks::probe(std::chrono::milliseconds timeout) {
  std::vector<std::shared_ptr<Check>> checks;
  {
    const std::lock_guard lock(mutex_);
    checks = checks_;
  }
  auto round = std::make_shared<Round>(executor_, checks.size());
  round->timer.expires_after(timeout);
  for (std::size_t i = 0; i < checks.size(); ++i) start(checks[i], round, i);
  // Results arrive through the executor, so none can land before this wait begins.
  if (round->pending > 0) co_await round->timer.async_wait(asio::as_tuple(asio::use_awaitable));

  ReadinessReport report;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto& result = round->results[i];
    const CheckOutcome outcome = !result.has_value() ? CheckOutcome::kTimeout
                                 : *result           ? CheckOutcome::kOk
                                                     : CheckOutcome::kFailing;
    if (outcome != CheckOutcome::kOk) report.ready = false;
    report.checks.emplace_back(checks[i]->name, outcome);
  }
  co_return report;
}

void ReadinessChecks::join() {
  std::vector<std::shared_ptr<Check>> checks;
  {
    const std::lock_guard lock(mutex_);
    checks = checks_;
  }
  for (const auto& check : checks) {
    if (check->worker.joinable()) check->worker.join();
    check->waiters.clear();
    check->running = false;
  }
}

}  // namespace ecn::ops::detail
