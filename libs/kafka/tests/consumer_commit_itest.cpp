#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "kafka_test_support.hpp"

extern char** environ;

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A child process whose stdout the test reads line by line; killed with SIGKILL at the end
// if still alive.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
  }
  ~Child() {
    kill_hard();
    close(out_);
  }

  // The next line of output, or nullopt at end of output or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
      if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd pfd{out_, POLLIN, 0};
      if (poll(&pfd, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const auto n = read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void kill_hard() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
};

struct Seen {
  std::int32_t partition;
  std::int64_t offset;
  std::string payload;
};

TEST(ConsumerCommit, KilledMemberLosesNothingAfterItsLastCommit) {
  constexpr int kRecords = 300;
  const auto topic = test::make_topic("commit_kill", 3);
  {
    ProducerOptions options;
    options.brokers = testing::kafka_brokers();
    Producer producer(options);
    for (int i = 0; i < kRecords; ++i) {
      producer.produce(topic, "key-" + std::to_string(i), "m" + std::to_string(i));
    }
    ASSERT_TRUE(producer.flush(30s));
  }
  const auto group = testing::unique_name("group");

  std::vector<Seen> committed;
  std::vector<Seen> stalled;
  {
    Child probe({KAFKA_CONSUME_PROBE, testing::kafka_brokers(), topic, group, "10", "5"});
    std::vector<Seen> pending;
    bool stalled_seen = false;
    while (!stalled_seen) {
      const auto line = probe.read_line(60s);
      ASSERT_TRUE(line.has_value()) << "probe ended or went silent";
      std::istringstream in(*line);
      std::string tag;
      in >> tag;
      if (tag == "M") {
        Seen s;
        in >> s.partition >> s.offset >> s.payload;
        pending.push_back(s);
      } else if (tag == "C") {
        committed.insert(committed.end(), pending.begin(), pending.end());
        pending.clear();
      } else if (tag == "S") {
        stalled = pending;
        stalled_seen = true;
      }
    }
    probe.kill_hard();  // mid-batch: processed, never committed
  }
  ASSERT_FALSE(committed.empty());
  ASSERT_FALSE(stalled.empty());

  std::map<std::int32_t, std::int64_t> committed_position;
  for (const auto& s : committed) {
    committed_position[s.partition] = std::max(committed_position[s.partition], s.offset + 1);
  }

  // Same group: it resumes from the commits of the killed member.
  auto options = test::fresh_group(topic);
  options.group_id = group;
  Consumer successor(options);
  std::set<std::string> payloads;
  for (const auto& s : committed) payloads.insert(s.payload);
  const auto rest = test::consume_until(
      successor,
      [&](const std::vector<Message>& all) {
        std::set<std::string> have = payloads;
        for (const auto& m : all) have.insert(m.payload);
        return have.size() >= static_cast<std::size_t>(kRecords);
      },
      90s);

  std::map<std::int32_t, std::int64_t> first_offset;
  std::set<std::string> redelivered;
  for (const auto& m : rest) {
    if (!first_offset.contains(m.partition)) first_offset[m.partition] = m.offset;
    redelivered.insert(m.payload);
    payloads.insert(m.payload);
  }
  EXPECT_EQ(payloads.size(), static_cast<std::size_t>(kRecords)) << "records were skipped";
  for (const auto& [partition, offset] : first_offset) {
    const auto it = committed_position.find(partition);
    EXPECT_EQ(offset, it == committed_position.end() ? 0 : it->second)
        << "partition " << partition << " did not resume at its committed offset";
  }
  for (const auto& s : stalled) {
    EXPECT_TRUE(redelivered.contains(s.payload)) << s.payload << " was processed but not committed";
  }
  for (const auto& s : committed) {
    EXPECT_FALSE(redelivered.contains(s.payload)) << s.payload << " was committed yet re-read";
  }
}

// After a crash the dead member stays in the group until its session times out, and the
// coordinator holds a newcomer's JoinGroup until then. rd_kafka_consumer_close() of a member
// stopped in that window sends LeaveGroup behind the held JoinGroup and waits for it to time
// out (5 s each: a service with two consumers exceeded its 10 s shutdown after a
// crash-restart). Consumer::close() does not leave a group it has not joined yet.
TEST(ConsumerClose, IsBoundedWhileTheGroupWaitsForACrashedMember) {
  const auto topic = test::make_topic("close_crash", 2);
  {
    Producer producer({.brokers = testing::kafka_brokers()});
    for (int i = 0; i < 20; ++i) producer.produce(topic, "key-" + std::to_string(i), "m");
    ASSERT_TRUE(producer.flush(30s));
  }
  const auto group = testing::unique_name("group");
  constexpr auto kCrashedSession = 25s;
  {
    Child probe({KAFKA_CONSUME_PROBE, testing::kafka_brokers(), topic, group, "5", "1",
                 std::to_string(std::chrono::milliseconds(kCrashedSession).count())});
    for (;;) {
      const auto line = probe.read_line(60s);
      ASSERT_TRUE(line.has_value()) << "probe ended or went silent";
      if (*line == "S") break;
    }
    probe.kill_hard();  // its group membership lives on until kCrashedSession passes
  }

  auto options = test::fresh_group(topic);
  options.group_id = group;
  options.session_timeout = 30s;  // as in services (45 s): a JoinGroup may be held that long
  auto successor = std::make_unique<Consumer>(options);
  // The join is now in flight and held by the coordinator: nothing is assigned yet.
  const auto batch = successor->poll_batch(10, 2s);
  ASSERT_TRUE(batch.empty()) << "the group did not wait for the crashed member";
  ASSERT_TRUE(successor->assignment().empty());

  const auto begin = Clock::now();
  successor->close();
  successor.reset();  // destroying the handle must not wait for the group either
  const auto took = Clock::now() - begin;
  // Leaving, close would wait for its LeaveGroup, queued behind the held JoinGroup, to time out
  // (5 s in librdkafka 2.0; per consumer, and a service closes two).
  EXPECT_LT(took, 2s) << "close took "
                      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                      << " ms";
}

TEST(ConsumerCommit, RevokedPartitionsAreNotCommitted) {
  constexpr int kPartitions = 4;
  const auto topic = test::make_topic("commit_rebalance", kPartitions);
  ProducerOptions producer_options;
  producer_options.brokers = testing::kafka_brokers();
  Producer producer(producer_options);
  auto produce = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      producer.produce(topic, "key-" + std::to_string(i), "m" + std::to_string(i));
    }
    ASSERT_TRUE(producer.flush(30s));
  };
  produce(0, 200);

  auto options = test::fresh_group(topic);
  Consumer first(options);
  auto partitions_in = [](const std::vector<Message>& batch) {
    std::set<std::int32_t> out;
    for (const auto& m : batch) out.insert(m.partition);
    return out;
  };
  const auto processed = test::consume_until(
      first, [&](const auto& all) { return partitions_in(all).size() == kPartitions; }, 30s);
  ASSERT_EQ(partitions_in(processed).size(), static_cast<std::size_t>(kPartitions));

  // A second member joins; the first learns of the rebalance while polling.
  std::atomic<bool> stop{false};
  std::thread second_member([&] {
    Consumer second(options);
    while (!stop) second.poll_batch(100, 100ms);  // reads, never commits
  });
  const bool rebalanced = testing::wait_until(
      [&] {
        first.poll_batch(100, 100ms);  // records discarded: never processed, never committed
        return first.assignment().size() < static_cast<std::size_t>(kPartitions) &&
               !first.assignment().empty();
      },
      60s, 0ms);
  std::vector<TopicPartition> kept;
  std::size_t commits = 0;
  if (rebalanced) {
    kept = first.assignment();
    commits = first.commit(processed);
  }
  stop = true;
  second_member.join();
  first.close();
  ASSERT_TRUE(rebalanced);
  EXPECT_EQ(commits, kept.size());

  std::map<std::int32_t, std::int64_t> committed_position;
  for (const auto& tp : kept) {
    for (const auto& m : processed) {
      if (m.partition == tp.partition) {
        committed_position[m.partition] = std::max(committed_position[m.partition], m.offset + 1);
      }
    }
  }
  produce(200, 300);  // so every partition has records after any commit point

  Consumer third(options);
  const auto all = test::consume_until(
      third,
      [&](const auto& got) {
        return partitions_in(got).size() == kPartitions &&
               third.assignment().size() == static_cast<std::size_t>(kPartitions) &&
               third.lag() == 0;
      },
      60s);
  std::map<std::int32_t, std::int64_t> first_offset;
  for (const auto& m : all) {
    if (!first_offset.contains(m.partition)) first_offset[m.partition] = m.offset;
  }
  ASSERT_EQ(first_offset.size(), static_cast<std::size_t>(kPartitions));
  for (const auto& [partition, offset] : first_offset) {
    const auto it = committed_position.find(partition);
    if (it != committed_position.end()) {
      EXPECT_EQ(offset, it->second) << "kept partition " << partition << " was not committed";
    } else {
      EXPECT_EQ(offset, 0) << "revoked partition " << partition << " was committed";
    }
  }
}

}  // namespace
}  // namespace ecn::kafka
