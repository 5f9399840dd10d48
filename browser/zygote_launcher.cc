#include "browser/zygote_launcher.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "browser/child_reaper.h"
#include "ipc/handshake.h"

namespace sandtab::browser {
namespace {

// A zygote that keeps dying is restarted no faster than this.
constexpr std::chrono::milliseconds kZygoteRestartDelay{500};
// Room for thousands of renderers (and a few threads each) in the zygote's
// user namespace; each renderer's seccomp policy forbids it new processes.
constexpr uint64_t kZygoteProcessLimit = 8192;

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// "NSpid:\t4242\t7" -> 7 (the innermost namespace's pid).
// From /proc/PID/status: the parent (in our namespace) and the pid in the
// innermost namespace (the zygote's), or -1s.
struct PidFacts {
  pid_t parent = -1;
  int innermost = -1;
};

PidFacts ReadPidFacts(pid_t pid) {
  PidFacts facts;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("PPid:", 0) == 0) {
      std::istringstream(line.substr(5)) >> facts.parent;
    } else if (line.rfind("NSpid:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      for (int field; fields >> field;) facts.innermost = field;
      break;  // NSpid comes after PPid
    }
  }
  return facts;
}

}  // namespace

ZygoteLauncher::ZygoteLauncher(boost::asio::io_context& io, ChildReaper& reaper, std::string bin_dir,
                               bool log_to_stderr)
    : io_(io),
      reaper_(reaper),
      bin_dir_(std::move(bin_dir)),
      log_to_stderr_(log_to_stderr),
      cold_(io),
      restart_timer_(io) {
  StartZygote();
}

ZygoteLauncher::~ZygoteLauncher() {
  *alive_ = false;
  if (channel_) channel_->Close();
  if (zygote_pid_ > 0) ::kill(zygote_pid_, SIGKILL);  // its renderers go with it; the reaper reaps it
}

void ZygoteLauncher::StartZygote() {
  ++starts_;
  LaunchRequest request;
  request.kind = ChildKind::kRenderer;
  request.sandbox = SandboxMode::kSandboxed;
  request.argv = {bin_dir_ + "/sandtab-renderer", "--zygote"};
  // Every renderer it forks counts against this, in its user namespace.
  request.process_limit = kZygoteProcessLimit;
  // Paid once here instead of in every child's first frame.
  request.bind_now = true;
  auto child = ColdLauncher::LaunchNow(request);
  if (!child) return OnZygoteGone("launch failed: " + child.error());
  zygote_pid_ = child->pid;
  // The zygote's log carries its children's start-up problems only; each
  // renderer gets its own log pipe from the fork request.
  auto log = std::make_shared<ipc::UniqueFd>(std::move(child->log));
  reaper_.Watch(zygote_pid_, [this, alive = std::weak_ptr<bool>(alive_), log](int status) {
    if (!alive.lock()) return;
    OnZygoteGone(WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                     : "exited with code " + std::to_string(WEXITSTATUS(status)));
  });
  channel_ = std::make_unique<Channel>(io_, std::move(child->channel), ipc::FdPolicy::kRejectFds);
  channel_->Start(this);
  auto* hello = channel_->Compose();
  ipc::FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
  channel_->Send(hello);
}

void ZygoteLauncher::Launch(const LaunchRequest& request, Callback callback) {
  // The zygote forks renderers exactly as the browser starts them by
  // default; anything else takes the cold path.
  const bool plain_renderer = request.kind == ChildKind::kRenderer && request.sandbox == SandboxMode::kSandboxed &&
                              request.argv.size() == 1 && request.argv[0] == bin_dir_ + "/sandtab-renderer";
  if (!plain_renderer) return cold_.Launch(request, std::move(callback));
  if (!ready_) {
    waiting_for_zygote_.emplace_back(request, std::move(callback));
    return;
  }
  ForkFromZygote(std::move(callback));
}

void ZygoteLauncher::ForkFromZygote(Callback callback) {
  int pair[2], pipe_fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    boost::asio::post(io_, [callback, error = Errno("socketpair")] { callback(Error{error}); });
    return;
  }
  ipc::UniqueFd browser_end(pair[0]), child_end(pair[1]);
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    boost::asio::post(io_, [callback, error = Errno("pipe2")] { callback(Error{error}); });
    return;
  }
  ipc::UniqueFd log_read(pipe_fds[0]), log_write(pipe_fds[1]);
  const uint64_t request_id = next_request_id_++;
  Pending pending;
  pending.child.channel = std::move(browser_end);
  pending.child.log = std::move(log_read);
  pending.callback = std::move(callback);
  pending_.emplace(request_id, std::move(pending));
  auto* message = channel_->Compose();
  message->mutable_fork_request()->set_request_id(request_id);
  std::vector<ipc::UniqueFd> fds;
  fds.push_back(std::move(child_end));
  fds.push_back(std::move(log_write));
  channel_->Send(message, std::move(fds));
}

void ZygoteLauncher::OnMessage(const proto::ZygoteToBrowser& message, std::vector<ipc::UniqueFd>) {
  auto violation = [this](const std::string& what) {
    std::fprintf(stderr, "sandtab: zygote %d broke the protocol (%s); restarting it\n", zygote_pid_, what.c_str());
    ::kill(zygote_pid_, SIGKILL);  // the reaper then reports it gone
    channel_->Close();
  };
  if (!ready_) {
    Status hello = message.has_hello() ? ipc::CheckHello(message.hello(), proto::PROCESS_TYPE_ZYGOTE)
                                       : Status(Error{"first message is not Hello"});
    if (!hello) return violation(hello.error());
    ready_ = true;
    auto waiting = std::move(waiting_for_zygote_);
    waiting_for_zygote_.clear();
    for (auto& [request, callback] : waiting) ForkFromZygote(std::move(callback));
    return;
  }
  if (message.has_forked()) return OnForked(message.forked());
  if (message.has_child_exited()) {
    auto it = children_.find(message.child_exited().ns_pid());
    if (it == children_.end()) return;  // a grandchild we never launched (cannot happen: seccomp forbids fork)
    const pid_t host_pid = it->second;
    children_.erase(it);
    reaper_.ReportExit(host_pid, message.child_exited().wait_status());
    return;
  }
  violation("unexpected message");
}

void ZygoteLauncher::OnForked(const proto::Forked& forked) {
  auto it = pending_.find(forked.request_id());
  if (it == pending_.end()) return;
  Pending pending = std::move(it->second);
  pending_.erase(it);
  if (forked.ns_pid() <= 0) return pending.callback(Error{"zygote could not fork: " + forked.error()});
  const pid_t host_pid = FindHostPid(forked.ns_pid());
  if (host_pid <= 0) return pending.callback(Error{"cannot find the forked renderer among the zygote's children"});
  ++forks_;
  children_[forked.ns_pid()] = host_pid;
  pending.child.pid = host_pid;
  pending.callback(std::move(pending.child));
}

// The zygote speaks in pids of its own namespace. The kernel lists its
// children in ours (/proc/PID/task/PID/children); each child's NSpid line
// says which of them has the pid the zygote named. That list can skip a
// child while a sibling exits (proc(5): it is reliable only when the children
// are stopped), as happens when a tab closes and another opens at once; then
// every process in /proc is asked for its parent instead.
pid_t ZygoteLauncher::FindHostPid(int ns_pid) const {
  std::set<pid_t> known;
  for (const auto& [ns, host] : children_) known.insert(host);
  auto is_it = [&](pid_t pid) {
    if (known.count(pid)) return false;
    const PidFacts facts = ReadPidFacts(pid);
    return facts.parent == zygote_pid_ && facts.innermost == ns_pid;
  };
  std::ifstream list("/proc/" + std::to_string(zygote_pid_) + "/task/" + std::to_string(zygote_pid_) + "/children");
  for (pid_t pid; list >> pid;) {
    if (is_it(pid)) return pid;
  }
  // Never throws: the browser must not die of a process vanishing mid-walk.
  std::error_code error;
  for (std::filesystem::directory_iterator it("/proc", error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    char* rest = nullptr;
    const long pid = std::strtol(name.c_str(), &rest, 10);
    if (pid > 0 && *rest == '\0' && is_it(static_cast<pid_t>(pid))) return static_cast<pid_t>(pid);
  }
  return -1;
}

void ZygoteLauncher::OnChannelClosed(ipc::CloseCause, const std::string&) {
  // The zygote's end closed: it is gone or going; make sure, and let the
  // reaper report it.
  if (zygote_pid_ > 0) ::kill(zygote_pid_, SIGKILL);
}

void ZygoteLauncher::OnZygoteGone(const std::string& why) {
  ready_ = false;
  if (channel_) channel_->Close();
  boost::asio::post(io_, [dead = std::shared_ptr<Channel>(std::move(channel_))] {});
  zygote_pid_ = -1;
  // Its PID namespace died with it, and every renderer in it.
  for (const auto& [ns_pid, host_pid] : children_) reaper_.ReportExit(host_pid, SIGKILL);
  children_.clear();
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [id, request] : pending) request.callback(Error{"zygote died (" + why + ")"});
  // Whoever was waiting for it to start does not wait for the next one:
  // those renderers start cold.
  auto waiting = std::move(waiting_for_zygote_);
  waiting_for_zygote_.clear();
  for (auto& [request, callback] : waiting) cold_.Launch(request, std::move(callback));
  restart_timer_.expires_after(kZygoteRestartDelay);
  restart_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
    if (!ec && alive.lock()) StartZygote();
  });
}

}  // namespace sandtab::browser
