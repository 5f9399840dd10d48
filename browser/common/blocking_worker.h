#ifndef SANDTAB_BROWSER_COMMON_BLOCKING_WORKER_H_
#define SANDTAB_BROWSER_COMMON_BLOCKING_WORKER_H_

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <optional>
#include <utility>

#include "base/weak_anchor.h"

namespace sandtab::browser {

// One thread beside the browser's loop for work that may block for a long
// time: reading /proc for hundreds of processes, encoding and writing a PNG.
// The loop keeps serving every child meanwhile (Chrome's task manager and
// its screenshot encoders work on the same kind of "may block" thread).
// The work gets only what it is handed (no browser state), and its result
// comes back to the loop, which alone touches the browser.
class BlockingWorker {
 public:
  // No thread yet: it starts with the first work. Many owners never give
  // any (a DevTools page session that takes no screenshot, the loader of a
  // browser that reads no file), and a thread is a clone, a stack and an
  // exit for nothing.
  explicit BlockingWorker(boost::asio::io_context& io) : io_(io) {}
  // Waits for the work running now; drops work not started and any result
  // not yet delivered (their callbacks are never called).
  ~BlockingWorker() {
    alive_.Invalidate();
    if (!pool_) return;
    pool_->stop();
    pool_->join();
  }
  BlockingWorker(const BlockingWorker&) = delete;
  BlockingWorker& operator=(const BlockingWorker&) = delete;

  // Runs work() on the worker, then done(result) on the loop. Work is
  // queued and runs one at a time, in order. Called on the loop only.
  template <typename Work, typename Done>
  void Run(Work work, Done done) {
    if (!pool_) {
      pool_.emplace(1);
      // The thread runs at a lower priority (nice 10) than the loop, as
      // Chrome's best-effort thread pool does: on a busy core the loop,
      // which every tab waits on, goes first.
      boost::asio::post(*pool_, [] { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10); });
    }
    boost::asio::post(*pool_, [&io = io_, alive = alive_.token(), work = std::move(work),
                               done = std::move(done)]() mutable {
      auto result = work();
      boost::asio::post(io, [alive = std::move(alive), done = std::move(done), result = std::move(result)]() mutable {
        // On the loop, like the destructor: no race on `alive`.
        if (alive.Alive()) done(std::move(result));
      });
    });
  }

 private:
  boost::asio::io_context& io_;
  WeakAnchor alive_;
  std::optional<boost::asio::thread_pool> pool_;  // one thread, from the first Run
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_BLOCKING_WORKER_H_
