#ifndef SANDTAB_BROWSER_WINDOW_TASK_MANAGER_FEED_H_
#define SANDTAB_BROWSER_WINDOW_TASK_MANAGER_FEED_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <vector>

#include "base/weak_anchor.h"
#include "browser/common/blocking_worker.h"
#include "browser/window/task_manager_panel.h"

namespace sandtab::browser {

class ProcessRegistry;

// Keeps the task manager live while it is shown: every interval, which
// processes exist (the registry, on the loop) and what /proc says of each
// (on the blocking worker: /proc of a process stuck in the kernel may
// block, and the window must not), handed to `on_rows` on the loop.
// Nothing runs while it is stopped.
class TaskManagerFeed {
 public:
  using RowsCallback = std::function<void(std::vector<TaskRow>)>;

  TaskManagerFeed(boost::asio::io_context& io, const ProcessRegistry& processes, RowsCallback on_rows,
                  std::chrono::milliseconds interval = std::chrono::milliseconds(1000));

  void Start();  // reads now, then every interval
  void Stop();
  bool running() const { return running_; }

 private:
  void ReadNow();
  void Arm();

  const ProcessRegistry& processes_;
  RowsCallback on_rows_;
  std::chrono::milliseconds interval_;
  boost::asio::steady_timer timer_;
  WeakAnchor anchor_;  // for the timer's handler (Arm)
  BlockingWorker worker_;
  bool running_ = false;
  bool reading_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_TASK_MANAGER_FEED_H_
