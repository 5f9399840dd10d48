#include "browser/process/child_process.h"

#include <signal.h>

#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "browser/process/child_reaper.h"
#include "browser/common/terminal_text.h"
#include "ipc/handshake.h"

namespace sandtab::browser {
namespace {

constexpr char kViolationMarker[] = "sandbox violation: ";

ProcessUse DefaultUse(proto::ProcessType type) {
  ProcessUse use;
  use.role = type == proto::PROCESS_TYPE_PLUGIN ? ProcessRole::kPlugin : ProcessRole::kRenderer;
  return use;
}

}  // namespace

std::shared_ptr<ChildProcess> ChildProcess::Create(boost::asio::io_context& io, ChildReaper& reaper,
                                                   ProcessRegistry& registry, LaunchedChild child,
                                                   proto::ProcessType type, bool log_to_stderr,
                                                   DeathCallback on_death) {
  const pid_t pid = child.pid;
  registry.Add(pid, DefaultUse(type), child.sandbox == SandboxMode::kSandboxed);
  std::shared_ptr<ChildProcess> process(new ChildProcess(
      io, registry, pid, std::move(child.pidfd), std::move(child.log), type, log_to_stderr, std::move(on_death)));
  std::weak_ptr<ChildProcess> weak = process;
  // Also when its owner let it go long ago: it is a live child until reaped.
  reaper.Watch(pid, [weak, &registry, pid](int status) {
    registry.Remove(pid);
    if (auto self = weak.lock()) self->OnReaped(status);
  });
  process->ReadLog();
  return process;
}

ChildProcess::ChildProcess(boost::asio::io_context& io, ProcessRegistry& registry, pid_t pid, UniqueFd pidfd,
                           UniqueFd log, proto::ProcessType type, bool log_to_stderr, DeathCallback on_death)
    : io_(io),
      registry_(registry),
      pid_(pid),
      pidfd_(std::move(pidfd)),
      type_(type),
      log_to_stderr_(log_to_stderr),
      log_(io),
      on_death_(std::move(on_death)) {
  if (log) log_.assign(log.Release());
}

ChildProcess::~ChildProcess() { Abandon(); }

void ChildProcess::Kill(proto::DeathRecord::Cause cause, const std::string& detail) {
  if (!alive_) return;
  if (evidence_.recorded == proto::DeathRecord::CAUSE_UNSPECIFIED) {
    evidence_.recorded = cause;
    evidence_.recorded_detail = detail;
  }
  SendKill();
}

// Through the pidfd: the pid of a zygote's child may already name another
// process (the zygote reaped it; the browser hears of it later). ESRCH
// means it is gone, and its exit report is on the way.
void ChildProcess::SendKill() {
  if (!KillThroughPidfd(pidfd_) && errno != ESRCH) {
    std::fprintf(stderr, "sandtab: cannot signal %s %d: %s\n", ipc::ProcessTypeName(type_), pid_, std::strerror(errno));
  }
}

void ChildProcess::Abandon() {
  on_death_ = nullptr;
  if (alive_) registry_.MarkExiting(pid_);
  if (alive_) SendKill();  // the reaper still reaps it
  boost::system::error_code ignored;
  log_.close(ignored);
}

void ChildProcess::SetUse(ProcessUse use) {
  if (alive_) registry_.SetUse(pid_, std::move(use));
}

void ChildProcess::ExpectExit(const std::string& why) {
  if (!alive_) return;
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::seconds(2));
  timer->async_wait([timer, weak = weak_from_this(), why](const boost::system::error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || !self->alive_) return;
    self->Kill(proto::DeathRecord::UNRESPONSIVE, "kept running after its channel closed (" + why + ")");
  });
}

void ChildProcess::Retire(const std::string& why) {
  if (!alive_) return;
  registry_.MarkExiting(pid_);
  ExpectExit(why);
}

void ChildProcess::ReadLog() {
  if (!log_.is_open()) return;
  log_.async_read_some(boost::asio::buffer(log_chunk_),
                       [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                         if (ec) return;  // EOF: the child is gone or closed fd 2
                         self->ConsumeLog(self->log_chunk_.data(), n);
                         self->ReadLog();
                       });
}

void ChildProcess::ConsumeLog(const char* bytes, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (bytes[i] == '\n') {
      OnLogLine(log_line_);
      log_line_.clear();
    } else if (log_line_.size() < kMaxLogLine) {
      log_line_.push_back(bytes[i]);
    }
  }
}

// A child's log is untrusted text: it only ever adds detail (the syscall name
// of a SIGSYS death the kernel confirms), never decides a cause.
void ChildProcess::OnLogLine(const std::string& line) {
  auto at = line.find(kViolationMarker);
  if (at != std::string::npos) {
    auto name_at = line.find("name=", at);
    std::string name =
        name_at == std::string::npos ? line.substr(at + sizeof(kViolationMarker) - 1) : line.substr(name_at + 5);
    evidence_.violation_syscall = name.substr(0, std::min<size_t>(name.find(' '), 64));
  }
  if (log_to_stderr_) {
    std::fprintf(stderr, "[%s %d] %s\n", ipc::ProcessTypeName(type_), pid_, SanitizeForTerminal(line).c_str());
  }
}

void ChildProcess::OnReaped(int wait_status) {
  alive_ = false;
  pidfd_.Reset();
  // Drain what is left in the log pipe first: the violation line is written
  // just before the SIGSYS death, and may still sit unread in the pipe.
  if (log_.is_open()) {
    char chunk[4096];
    boost::system::error_code ec;
    log_.non_blocking(true, ec);
    for (;;) {
      size_t n = log_.read_some(boost::asio::buffer(chunk), ec);
      if (ec || n == 0) break;
      ConsumeLog(chunk, n);
    }
    if (!log_line_.empty()) OnLogLine(log_line_);
    log_.close(ec);
  }
  proto::DeathRecord record;
  record.set_pid(pid_);
  record.set_process_type(type_);
  record.set_time_ms(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  ClassifyDeath(wait_status, evidence_, &record);
  if (auto callback = std::move(on_death_)) callback(std::move(record));
}

}  // namespace sandtab::browser
