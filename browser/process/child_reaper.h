#ifndef SANDTAB_BROWSER_PROCESS_CHILD_REAPER_H_
#define SANDTAB_BROWSER_PROCESS_CHILD_REAPER_H_

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <functional>
#include <unordered_map>

namespace sandtab::browser {

// Reaps children on the Asio loop through SIGCHLD (DESIGN section 6): no
// zombie, ever. Only registered pids are waited for, so a library's own
// children are left to it.
class ChildReaper {
 public:
  using ExitCallback = std::function<void(int wait_status)>;

  explicit ChildReaper(boost::asio::io_context& io);

  void Watch(pid_t pid, ExitCallback on_exit);
  // The end of a watched process that is not our child (a zygote's child),
  // as its real parent reported it.
  void ReportExit(pid_t pid, int wait_status);
  size_t watched() const { return watched_.size(); }

  // Blocks until every watched child is reaped, after killing them: for
  // shutdown only.
  void KillAndReapAll();
  // Kills every watched child and returns: the start of a shutdown, so that
  // the kernel tears their address spaces down (~2-3 ms for a renderer)
  // while the browser finishes its own last work. KillAndReapAll reaps them.
  void KillAll();

 private:
  void Arm();
  void ReapExited();

  boost::asio::signal_set signals_;
  std::unordered_map<pid_t, ExitCallback> watched_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_CHILD_REAPER_H_
