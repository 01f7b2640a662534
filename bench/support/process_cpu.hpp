#pragma once

#include <sys/types.h>

#include <span>

namespace ecn::bench {

// CPU time (user + system, seconds) a process has used so far, from /proc/<pid>/stat; 0 for a
// process that is gone. On a machine shared with other work, CPU seconds per event are a
// steadier figure than wall time.
double process_cpu_seconds(pid_t pid);
double processes_cpu_seconds(std::span<const pid_t> pids);

}  // namespace ecn::bench
