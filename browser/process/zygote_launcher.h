#ifndef SANDTAB_BROWSER_PROCESS_ZYGOTE_LAUNCHER_H_
#define SANDTAB_BROWSER_PROCESS_ZYGOTE_LAUNCHER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <map>
#include <memory>
#include <vector>

#include "base/weak_anchor.h"
#include "browser/process/child_launcher.h"
#include "browser/process/forked_child_pids.h"
#include "browser/process/process_registry.h"
#include "ipc/message_channel.h"
#include "proto/death_record.pb.h"
#include "proto/zygote.pb.h"

namespace sandtab::browser {

class ChildReaper;

// Launches renderers by forking them from a zygote (DESIGN section 7): one
// `sandtab-renderer --zygote`, started with the browser inside the sandbox's
// layer-1 namespaces and already initialised, so a new renderer costs a fork
// and layer 2 instead of an exec, a namespace set-up and a start-up.
//
// The zygote is the renderers' parent (pid 1 of their PID namespace): it
// reaps them and reports each end, which this launcher hands to the
// ChildReaper as if waitpid had seen it. If the zygote dies, its renderers
// die with it (that is what a PID namespace does); they are reported killed,
// their tabs restart, and a new zygote is started. Anything the zygote cannot
// do (plugins, --renderer-cmd-prefix, a zygote that is down) goes cold.
//
// A zygote must say its Hello, and answer each fork request, within the hang
// timeout; one that does not is hung: it is killed and recorded as
// unresponsive (a death record naming what it never did), every launch
// waiting for it starts cold, and a new zygote is started.
class ZygoteLauncher : public ChildLauncher,
                       private ipc::MessageChannel<proto::ZygoteToBrowser, proto::BrowserToZygote>::Delegate {
 public:
  using DeathCallback = std::function<void(const proto::DeathRecord&)>;
  // `cmd_prefix`: --zygote-cmd-prefix, words before the zygote's program.
  // `renderer_flags`: the flags every renderer is started with (the script
  // flags): the zygote is started with them, its renderers take its
  // configuration, and only a launch with exactly these is forked.
  // The zygote is in `registry` from its Hello until it is gone; each of its
  // ends, as a death record, goes to `on_death` (the `deaths` list).
  ZygoteLauncher(boost::asio::io_context& io, ChildReaper& reaper, ProcessRegistry& registry, std::string bin_dir,
                 std::vector<std::string> cmd_prefix, std::vector<std::string> renderer_flags, bool log_to_stderr,
                 std::chrono::milliseconds hang_timeout, DeathCallback on_death);
  ~ZygoteLauncher() override;

  void Launch(const LaunchRequest& request, Callback callback) override;

 private:
  struct Pending {
    LaunchRequest request;  // to start it cold if the zygote dies first or cannot fork
    LaunchedChild child;    // channel and log ends; pid filled in on Forked
    Callback callback;
    std::chrono::steady_clock::time_point sent_at;
  };
  using Channel = ipc::MessageChannel<proto::ZygoteToBrowser, proto::BrowserToZygote>;

  void StartZygote();
  void ForkFromZygote(LaunchRequest request, Callback callback);
  // Kills a zygote that broke the protocol or stopped answering; the reaper
  // then reports it gone, with `cause` and `detail` as its death record's.
  void KillZygote(proto::DeathRecord::Cause cause, const std::string& detail);
  // Arms the watchdog for the next thing the zygote owes: its Hello, or the
  // answer to the oldest fork request.
  void WatchDeadline();
  void OnMessage(const proto::ZygoteToBrowser& message, std::vector<UniqueFd> fds) override;
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override;
  void OnForked(const proto::Forked& forked);
  void OnForkedChild(const proto::ForkedChild& word, pid_t sender);
  void Adopt(const ForkedChildPids::Match& match);
  void FailForked(uint64_t request_id, const std::string& why);
  void OnZygoteGone(proto::DeathRecord record);

  boost::asio::io_context& io_;
  ChildReaper& reaper_;
  ProcessRegistry& registry_;
  std::string bin_dir_;
  std::vector<std::string> cmd_prefix_;
  std::vector<std::string> renderer_argv_;  // the program and its flags, as a plain renderer's launch has them
  bool log_to_stderr_;
  std::chrono::milliseconds hang_timeout_;
  DeathCallback on_death_;
  // Why we killed the current zygote (cause unset: we did not).
  proto::DeathRecord::Cause kill_cause_ = proto::DeathRecord::CAUSE_UNSPECIFIED;
  std::string kill_detail_;
  std::chrono::steady_clock::time_point started_at_;
  std::chrono::steady_clock::time_point last_answer_at_;  // the last Forked
  ColdLauncher cold_;
  std::unique_ptr<Channel> channel_;
  pid_t zygote_pid_ = -1;
  bool ready_ = false;
  uint64_t next_request_id_ = 1;
  std::map<uint64_t, Pending> pending_;  // fork requests the zygote has not answered
  std::map<uint64_t, Pending> forked_;   // answered, waiting for the child's own word
  ForkedChildPids pids_;
  std::vector<std::pair<LaunchRequest, Callback>> waiting_for_zygote_;
  std::map<int, pid_t> children_;  // pid in the zygote's namespace -> pid as the browser sees it
  boost::asio::steady_timer restart_timer_;
  boost::asio::steady_timer deadline_timer_;
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_ZYGOTE_LAUNCHER_H_
