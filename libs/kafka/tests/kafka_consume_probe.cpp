// A consumer-group member for consumer_commit_itest, run as a child process so the test can
// kill it with SIGKILL. It prints every record it processes ("M <partition> <offset>
// <payload>"), commits each batch ("C") until it has committed <commits> batches, then takes
// one more batch, prints it, says "S" and stalls before committing, waiting to be killed.
//
//   kafka_consume_probe <brokers> <topic> <group> <batch_size> <commits> [<session_timeout_ms>]

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "ecn/kafka/consumer.hpp"

int main(int argc, char** argv) {
  if (argc != 6 && argc != 7) {
    std::fprintf(stderr,
                 "usage: %s <brokers> <topic> <group> <batch_size> <commits> "
                 "[<session_timeout_ms>]\n",
                 argv[0]);
    return 2;
  }
  // stdout carries the protocol; logs go to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("probe"));
  ecn::kafka::ConsumerOptions options;
  options.brokers = argv[1];
  options.topics = {argv[2]};
  options.group_id = argv[3];
  options.session_timeout = std::chrono::milliseconds(argc == 7 ? std::stoi(argv[6]) : 6000);
  const auto batch_size = static_cast<std::size_t>(std::stoul(argv[4]));
  const int commits = std::stoi(argv[5]);

  ecn::kafka::Consumer consumer(options);
  int committed = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto batch = consumer.poll_batch(batch_size, std::chrono::milliseconds(500));
    if (batch.empty()) continue;
    for (const auto& m : batch) {
      std::printf("M %d %lld %s\n", m.partition, static_cast<long long>(m.offset),
                  m.payload.c_str());
    }
    if (committed < commits) {
      consumer.commit(batch);
      ++committed;
      std::printf("C\n");
      std::fflush(stdout);
      continue;
    }
    std::printf("S\n");
    std::fflush(stdout);
    while (true) pause();  // processed, not committed: the test kills us here
  }
  std::fprintf(stderr, "probe: gave up waiting for records\n");
  return 3;
}
