#include "bench/bench_peer.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace sandtab::bench {
namespace {

Placement g_placement = Placement::kSameCore;

bool PinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return ::sched_setaffinity(0, sizeof(set), &set) == 0;
}

bool PinPeerProcess() {
  switch (g_placement) {
    case Placement::kSameCore:
      return PinTo(0);
    case Placement::kCrossCore:
      return PinTo(1);
    case Placement::kUnpinned:
      return true;
  }
  return false;
}

}  // namespace

void SetPlacement(Placement placement) { g_placement = placement; }
Placement placement() { return g_placement; }

std::string DescribePlacement() {
  switch (g_placement) {
    case Placement::kSameCore:
      return "both processes pinned to CPU 0 (sched_setaffinity)";
    case Placement::kCrossCore:
      return "measuring process on CPU 0, peer on CPU 1 (sched_setaffinity)";
    case Placement::kUnpinned:
      return "unpinned (the scheduler places both; expect bimodal latencies)";
  }
  return "?";
}

bool PinMeasuringProcess() {
  if (g_placement == Placement::kUnpinned) {
    cpu_set_t all;
    CPU_ZERO(&all);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) CPU_SET(cpu, &all);
    return ::sched_setaffinity(0, sizeof(all), &all) == 0;
  }
  return PinTo(0);
}

PeerProcess PeerProcess::Start(const std::function<std::string()>& body) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) std::abort();
  pid_t pid = ::fork();
  if (pid < 0) std::abort();
  if (pid == 0) {
    ::close(pipe_fds[0]);
    std::string report = PinPeerProcess() ? body() : "error=pinning failed";
    ssize_t ignored = ::write(pipe_fds[1], report.data(), report.size());
    (void)ignored;
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  return PeerProcess(pid, UniqueFd(pipe_fds[0]));
}

PeerProcess::PeerProcess(pid_t pid, UniqueFd report) : pid_(pid), report_(std::move(report)) {}

PeerProcess::PeerProcess(PeerProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), report_(std::move(other.report_)) {}

PeerProcess::~PeerProcess() {
  if (pid_ > 0) Finish();
}

std::string PeerProcess::Finish() {
  // Bounded: a peer that stopped answering (hung, or blind to the EOF that
  // ends it) is killed after kPeerExitSeconds instead of waited for forever.
  // Finish runs after the samples, so its poll() costs them nothing.
  constexpr int kPeerExitSeconds = 10;
  std::string report;
  char buffer[256];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kPeerExitSeconds);
  while (report_) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd readable{report_.get(), POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&readable, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      if (pid_ > 0) ::kill(pid_, SIGKILL);
      report = "error=peer did not exit within " + std::to_string(kPeerExitSeconds) + " s";
      break;
    }
    const ssize_t n = ::read(report_.get(), buffer, sizeof(buffer));
    if (n <= 0) break;
    report.append(buffer, static_cast<size_t>(n));
  }
  report_.Reset();
  if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  return report;
}

double Latencies::QuantileMicros(double q) {
  if (nanos_.empty()) return 0;
  size_t index = std::min(nanos_.size() - 1, static_cast<size_t>(q * nanos_.size()));
  std::nth_element(nanos_.begin(), nanos_.begin() + index, nanos_.end());
  return nanos_[index] / 1000.0;
}

std::string AllocationReport(uint64_t allocations, uint64_t frames) {
  char text[64];
  std::snprintf(text, sizeof(text), "allocs_per_frame=%.3f", frames ? static_cast<double>(allocations) / frames : -1.0);
  return text;
}

double ReportValue(const std::string& report, const std::string& key) {
  size_t at = report.find(key + "=");
  if (at == std::string::npos) return -1;
  return std::atof(report.c_str() + at + key.size() + 1);
}

}  // namespace sandtab::bench
