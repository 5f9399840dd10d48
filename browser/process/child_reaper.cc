#include "browser/process/child_reaper.h"

#include <signal.h>
#include <sys/wait.h>

#include <boost/asio/post.hpp>
#include <vector>

namespace sandtab::browser {

ChildReaper::ChildReaper(boost::asio::io_context& io) : signals_(io, SIGCHLD) { Arm(); }

void ChildReaper::Arm() {
  signals_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    ReapExited();
    Arm();
  });
}

void ChildReaper::Watch(pid_t pid, ExitCallback on_exit) {
  watched_[pid] = std::move(on_exit);
  // The child may have died before we watched it; its SIGCHLD is gone.
  boost::asio::post(signals_.get_executor(), [this] { ReapExited(); });
}

void ChildReaper::ReportExit(pid_t pid, int wait_status) {
  auto it = watched_.find(pid);
  if (it == watched_.end()) return;
  ExitCallback callback = std::move(it->second);
  watched_.erase(it);
  callback(wait_status);
}

void ChildReaper::ReapExited() {
  std::vector<std::pair<pid_t, int>> exited;
  for (const auto& [pid, callback] : watched_) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) exited.emplace_back(pid, status);
  }
  // ReportExit skips a pid an earlier callback stopped watching (KillAndReapAll).
  for (auto [pid, status] : exited) ReportExit(pid, status);
}

void ChildReaper::KillAll() {
  // Only our own children, whose pids stay theirs until we reap them. A
  // zygote's children (watched too, reaped by the zygote) may have been
  // reaped and their pids reused: they die with the zygote's PID namespace
  // when the zygote, our child, is killed here.
  for (const auto& [pid, callback] : watched_) {
    siginfo_t info;
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0) ::kill(pid, SIGKILL);
  }
}

void ChildReaper::KillAndReapAll() {
  KillAll();
  for (const auto& [pid, callback] : watched_) {
    int status;
    // ECHILD for a zygote's children: their parent reaps them.
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  watched_.clear();
}

}  // namespace sandtab::browser
