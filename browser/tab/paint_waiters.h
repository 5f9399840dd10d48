#ifndef SANDTAB_BROWSER_TAB_PAINT_WAITERS_H_
#define SANDTAB_BROWSER_TAB_PAINT_WAITERS_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace sandtab::browser {

// Who waits for one tab to be painted (the shell's `wait`, a screenshot),
// each with its own deadline. The tab says when it is painted or closed
// (NotifyAll); a waiter whose deadline passes first is told false alone.
class PaintWaiters {
 public:
  using Callback = std::function<void(bool painted)>;

  explicit PaintWaiters(boost::asio::io_context& io) : io_(io) {}
  ~PaintWaiters();

  // `callback(false)` after `timeout`, unless NotifyAll comes first.
  void Add(std::chrono::milliseconds timeout, Callback callback);
  // Every waiter, now, with `painted`. A callback may add a new waiter: it
  // waits for the next NotifyAll.
  void NotifyAll(bool painted);
  size_t size() const { return waiters_->size(); }

 private:
  struct Waiter {
    std::shared_ptr<boost::asio::steady_timer> timer;
    Callback callback;
  };
  using Waiters = std::vector<Waiter>;
  static void OnDeadline(Waiters& waiters, const std::shared_ptr<boost::asio::steady_timer>& timer);

  boost::asio::io_context& io_;
  // Shared with the deadlines' handlers, which hold it weakly: a deadline
  // that fires after this object is gone finds nobody to tell.
  std::shared_ptr<Waiters> waiters_ = std::make_shared<Waiters>();
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_PAINT_WAITERS_H_
