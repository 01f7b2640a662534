#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecn::testing {

// A real program started by a test (a service binary), with its stdout and stderr captured in
// files so the test can await a log line; killed with SIGKILL if still running at the end.
class ChildProcess {
 public:
  // `environment` is added to (and overrides) the test's own environment.
  ChildProcess(std::string program, std::vector<std::string> arguments,
               std::map<std::string, std::string> environment = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int signal_number);  // e.g. SIGTERM for a graceful stop, SIGKILL for a crash
  // The exit code (128 + signal when killed by one), or nullopt when still running at timeout.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  bool running();

  std::string stdout_text() const;
  std::string stderr_text() const;
  // Waits until stderr contains `needle`; false at timeout or when the process exited first.
  bool await_stderr(const std::string& needle, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::string stdout_path_;
  std::string stderr_path_;
};

// Runs a program to completion (at most `timeout`, then SIGKILL) and returns its exit code and
// output: for commands such as `--help` or `migrate up`.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
RunResult run_program(const std::string& program, const std::vector<std::string>& arguments,
                      const std::map<std::string, std::string>& environment = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace ecn::testing
