#include "browser/process/zygote_launcher.h"

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
#include <fstream>
#include <sstream>

#include "base/delete_soon.h"
#include "base/errno_message.h"
#include "browser/process/child_reaper.h"
#include "browser/process/death_classifier.h"
#include "ipc/fd_passing.h"
#include "ipc/handshake.h"

namespace sandtab::browser {
namespace {

// A zygote that keeps dying is restarted no faster than this.
constexpr std::chrono::milliseconds kZygoteRestartDelay{500};
// The cap of all the zygote's renderers together (their threads included):
// each takes its own budget of sandbox::kProcessLimit (64) in a user
// namespace of its own (sandbox/process_budget.h), and this still counts
// them all, so 128 renderers at their limit fill it. Past it a fork fails
// and the renderer starts cold.
constexpr uint64_t kZygoteProcessLimit = 8192;

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

ZygoteLauncher::ZygoteLauncher(boost::asio::io_context& io, ChildReaper& reaper, ProcessRegistry& registry,
                               std::string bin_dir, std::vector<std::string> cmd_prefix,
                               std::vector<std::string> renderer_flags, bool log_to_stderr,
                               std::chrono::milliseconds hang_timeout, DeathCallback on_death)
    : io_(io),
      reaper_(reaper),
      registry_(registry),
      bin_dir_(std::move(bin_dir)),
      cmd_prefix_(std::move(cmd_prefix)),
      renderer_argv_(1, bin_dir_ + "/sandtab-renderer"),
      log_to_stderr_(log_to_stderr),
      hang_timeout_(hang_timeout),
      on_death_(std::move(on_death)),
      cold_(io),
      restart_timer_(io),
      deadline_timer_(io) {
  renderer_argv_.insert(renderer_argv_.end(), renderer_flags.begin(), renderer_flags.end());
  StartZygote();
}

ZygoteLauncher::~ZygoteLauncher() {
  alive_.Invalidate();
  if (ready_) registry_.Remove(zygote_pid_);
  if (channel_) channel_->Close();
  if (zygote_pid_ > 0) ::kill(zygote_pid_, SIGKILL);  // its renderers go with it; the reaper reaps it
}

void ZygoteLauncher::StartZygote() {
  kill_cause_ = proto::DeathRecord::CAUSE_UNSPECIFIED;
  kill_detail_.clear();
  LaunchRequest request;
  request.kind = ChildKind::kRenderer;
  request.sandbox = SandboxMode::kSandboxed;
  SetProgram(request, cmd_prefix_, bin_dir_, renderer_argv_[0]);
  request.argv.push_back("--zygote");
  request.argv.insert(request.argv.end(), renderer_argv_.begin() + 1, renderer_argv_.end());
  // Every renderer it forks counts against this too, in the level above its own.
  request.process_limit = kZygoteProcessLimit;
  // Paid once here instead of in every child's first frame.
  request.bind_now = true;
  auto child = ColdLauncher::LaunchNow(request);
  if (!child) {
    proto::DeathRecord record;
    record.set_process_type(proto::PROCESS_TYPE_ZYGOTE);
    record.set_cause(proto::DeathRecord::LAUNCH_FAILED);
    record.set_detail(child.error());
    record.set_exit_code(-1);
    return OnZygoteGone(std::move(record));
  }
  zygote_pid_ = child->pid;
  started_at_ = std::chrono::steady_clock::now();
  // The zygote's log carries its children's start-up problems only; each
  // renderer gets its own log pipe from the fork request.
  auto log = std::make_shared<UniqueFd>(std::move(child->log));
  reaper_.Watch(zygote_pid_, [this, alive = alive_.token(), log, pid = zygote_pid_](int status) {
    if (!alive.Alive()) return;
    proto::DeathRecord record;
    record.set_pid(pid);
    record.set_process_type(proto::PROCESS_TYPE_ZYGOTE);
    DeathEvidence evidence;
    evidence.recorded = kill_cause_;
    evidence.recorded_detail = kill_detail_;
    ClassifyDeath(status, evidence, &record);
    OnZygoteGone(std::move(record));
  });
  // Before any fork request: each forked child's first word then carries its
  // pid as the kernel names it for us (ForkedChild in zygote.proto).
  if (!ipc::ReportSenders(child->channel.get())) {
    std::fprintf(stderr, "sandtab: %s; the zygote's children will not be recognised\n",
                 ErrnoMessage("SO_PASSCRED on the zygote's channel").c_str());
  }
  channel_ = std::make_unique<Channel>(io_, std::move(child->channel), ipc::FdPolicy::kRejectFds);
  channel_->Start(this);
  auto* hello = channel_->Compose();
  ipc::FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
  channel_->Send(hello);
  WatchDeadline();
}

void ZygoteLauncher::KillZygote(proto::DeathRecord::Cause cause, const std::string& detail) {
  if (zygote_pid_ <= 0 || kill_cause_ != proto::DeathRecord::CAUSE_UNSPECIFIED) return;
  std::fprintf(stderr, "sandtab: zygote %d %s (%s); its launches start cold, and a new zygote starts\n", zygote_pid_,
               cause == proto::DeathRecord::UNRESPONSIVE ? "is unresponsive" : "broke the protocol", detail.c_str());
  kill_cause_ = cause;
  kill_detail_ = detail;
  deadline_timer_.cancel();
  ::kill(zygote_pid_, SIGKILL);  // the reaper then reports it gone
  if (channel_) channel_->Close();
}

void ZygoteLauncher::WatchDeadline() {
  if (zygote_pid_ <= 0 || kill_cause_ != proto::DeathRecord::CAUSE_UNSPECIFIED) return;
  std::chrono::steady_clock::time_point due;
  std::string detail;
  const auto deadline = hang_timeout_;
  const std::string timeout = std::to_string(deadline.count()) + " ms (--hang-timeout)";
  if (!ready_) {
    due = started_at_ + deadline;
    detail = "no Hello within " + timeout + ": the handshake never completed";
  } else if (!pending_.empty()) {
    // A zygote forking a burst of thirty answers them one by one: it is
    // hung when it answers nothing for the whole deadline while it owes.
    due = std::max(pending_.begin()->second.sent_at, last_answer_at_) + deadline;
    detail = "no answer to a fork request within " + timeout;
  } else {
    deadline_timer_.cancel();
    return;
  }
  deadline_timer_.expires_at(due);
  deadline_timer_.async_wait([this, alive = alive_.token(), detail](const boost::system::error_code& ec) {
    if (ec || !alive.Alive()) return;
    KillZygote(proto::DeathRecord::UNRESPONSIVE, detail);
  });
}

void ZygoteLauncher::Launch(const LaunchRequest& request, Callback callback) {
  // The zygote forks renderers exactly as the browser starts them by
  // default; anything else takes the cold path.
  const bool plain_renderer = request.kind == ChildKind::kRenderer && request.sandbox == SandboxMode::kSandboxed &&
                              request.argv == renderer_argv_;
  if (!plain_renderer) return cold_.Launch(request, std::move(callback));
  if (!ready_) {
    waiting_for_zygote_.emplace_back(request, std::move(callback));
    return;
  }
  ForkFromZygote(request, std::move(callback));
}

void ZygoteLauncher::ForkFromZygote(LaunchRequest request, Callback callback) {
  int pair[2], pipe_fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    boost::asio::post(io_, [callback, error = ErrnoMessage("socketpair")] { callback(Error{error}); });
    return;
  }
  UniqueFd browser_end(pair[0]), child_end(pair[1]);
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    boost::asio::post(io_, [callback, error = ErrnoMessage("pipe2")] { callback(Error{error}); });
    return;
  }
  UniqueFd log_read(pipe_fds[0]), log_write(pipe_fds[1]);
  const uint64_t request_id = next_request_id_++;
  Pending pending;
  pending.request = std::move(request);
  pending.sent_at = std::chrono::steady_clock::now();
  pending.child.channel = std::move(browser_end);
  pending.child.log = std::move(log_read);
  pending.callback = std::move(callback);
  pending_.emplace(request_id, std::move(pending));
  auto* message = channel_->Compose();
  message->mutable_fork_request()->set_request_id(request_id);
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(child_end));
  fds.push_back(std::move(log_write));
  channel_->Send(message, std::move(fds));
  if (pending_.size() == 1) WatchDeadline();
}

void ZygoteLauncher::OnMessage(const proto::ZygoteToBrowser& message, std::vector<UniqueFd>) {
  auto violation = [this](const std::string& what) { KillZygote(proto::DeathRecord::BAD_MESSAGE, what); };
  if (!ready_) {
    if (!message.has_hello()) return violation("first message is not Hello");
    Status hello = ipc::CheckHello(message.hello(), proto::PROCESS_TYPE_ZYGOTE);
    if (!hello) return violation("Hello: " + hello.error());
    ready_ = true;
    ProcessUse use;
    use.role = ProcessRole::kZygote;
    use.state = [this] { return std::to_string(children_.size()) + " forked"; };
    registry_.Add(zygote_pid_, std::move(use), /*sandboxed=*/true);
    auto waiting = std::move(waiting_for_zygote_);
    waiting_for_zygote_.clear();
    for (auto& [request, callback] : waiting) ForkFromZygote(std::move(request), std::move(callback));
    WatchDeadline();
    return;
  }
  if (message.has_forked()) return OnForked(message.forked());
  if (message.has_forked_child()) return OnForkedChild(message.forked_child(), channel_->channel().sender_pid());
  if (message.has_child_exited()) {
    auto it = children_.find(message.child_exited().ns_pid());
    if (it == children_.end()) {
      // A child that ended before it said who it is (killed at once from
      // outside): its launch fails; the zygote reaped it.
      if (std::optional<uint64_t> request = pids_.ForgetSilentChild(message.child_exited().ns_pid())) {
        FailForked(*request, "the forked renderer ended before it said who it is (wait status " +
                                 std::to_string(message.child_exited().wait_status()) + ")");
      }
      return;  // or a grandchild we never launched (cannot happen: seccomp forbids fork)
    }
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
  last_answer_at_ = std::chrono::steady_clock::now();
  WatchDeadline();
  if (forked.ns_pid() <= 0) {
    // The zygote's whole budget is in use (kZygoteProcessLimit) or the
    // kernel refused: the renderer still starts, cold, with a budget of
    // its own.
    std::fprintf(stderr, "sandtab: the zygote could not fork (%s); starting the renderer cold\n",
                 forked.error().c_str());
    pids_.Forget(forked.request_id());
    return cold_.Launch(pending.request, std::move(pending.callback));
  }
  const uint64_t request_id = forked.request_id();
  forked_.emplace(request_id, std::move(pending));
  Result<std::optional<ForkedChildPids::Match>> match = pids_.OnZygoteWord(request_id, forked.ns_pid());
  if (!match) return KillZygote(proto::DeathRecord::BAD_MESSAGE, match.error());
  if (*match) Adopt(**match);
}

void ZygoteLauncher::OnForkedChild(const proto::ForkedChild& word, pid_t sender) {
  const uint64_t request_id = word.request_id();
  if (!pending_.count(request_id) && !forked_.count(request_id)) {
    return KillZygote(proto::DeathRecord::BAD_MESSAGE, "ForkedChild for a fork nobody asked for");
  }
  Result<std::optional<ForkedChildPids::Match>> match = pids_.OnChildWord(request_id, word.ns_pid(), sender);
  if (!match) return KillZygote(proto::DeathRecord::BAD_MESSAGE, match.error());
  if (*match) Adopt(**match);
}

// Both words are in: the kernel named the child's pid, the zygote its pid in
// the zygote's namespace. The zygote, not the browser, reaps this child, so
// from here on the browser names it by a pidfd only, opened before the pid
// is checked: if the process behind the pid is still the zygote's child of
// that namespace pid, the pidfd names it.
void ZygoteLauncher::Adopt(const ForkedChildPids::Match& match) {
  auto it = forked_.find(match.request_id);
  if (it == forked_.end()) return;
  Pending pending = std::move(it->second);
  forked_.erase(it);
  pending.child.pidfd = OpenPidfd(match.pid);
  const PidFacts facts = ReadPidFacts(match.pid);
  if (!pending.child.pidfd || facts.parent != zygote_pid_ || facts.innermost != match.ns_pid) {
    return pending.callback(Error{"the forked renderer exited before the browser could hold it"});
  }
  children_[match.ns_pid] = match.pid;
  pending.child.pid = match.pid;
  pending.callback(std::move(pending.child));
}

void ZygoteLauncher::FailForked(uint64_t request_id, const std::string& why) {
  auto it = forked_.find(request_id);
  if (it == forked_.end()) return;
  Pending pending = std::move(it->second);
  forked_.erase(it);
  pending.callback(Error{why});
}

void ZygoteLauncher::OnChannelClosed(ipc::CloseCause, const std::string&) {
  // The zygote's end closed: it is gone or going; make sure, and let the
  // reaper report it.
  if (zygote_pid_ > 0) ::kill(zygote_pid_, SIGKILL);
}

void ZygoteLauncher::OnZygoteGone(proto::DeathRecord record) {
  ready_ = false;
  deadline_timer_.cancel();
  if (channel_) channel_->Close();
  DeleteSoon(io_, std::move(channel_));
  registry_.Remove(zygote_pid_);
  zygote_pid_ = -1;
  // Its PID namespace died with it, and every renderer in it.
  for (const auto& [ns_pid, host_pid] : children_) reaper_.ReportExit(host_pid, SIGKILL);
  children_.clear();
  // Whoever was waiting for it (to start, or to fork) does not wait for the
  // next one: those renderers start cold. A fork it may have done died with
  // its PID namespace.
  auto pending = std::move(pending_);
  pending_.clear();
  pending.merge(forked_);
  forked_.clear();
  pids_.Clear();
  for (auto& [id, request] : pending) cold_.Launch(request.request, std::move(request.callback));
  auto waiting = std::move(waiting_for_zygote_);
  waiting_for_zygote_.clear();
  for (auto& [request, callback] : waiting) cold_.Launch(request, std::move(callback));
  if (on_death_) on_death_(record);
  restart_timer_.expires_after(kZygoteRestartDelay);
  restart_timer_.async_wait([this, alive = alive_.token()](const boost::system::error_code& ec) {
    if (!ec && alive.Alive()) StartZygote();
  });
}

}  // namespace sandtab::browser
