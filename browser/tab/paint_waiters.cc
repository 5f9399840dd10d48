#include "browser/tab/paint_waiters.h"

namespace sandtab::browser {

PaintWaiters::~PaintWaiters() {
  for (auto& waiter : *waiters_) waiter.timer->cancel();
}

void PaintWaiters::Add(std::chrono::milliseconds timeout, Callback callback) {
  auto timer = std::make_shared<boost::asio::steady_timer>(io_);
  timer->expires_after(timeout);
  waiters_->push_back({timer, std::move(callback)});
  timer->async_wait([weak = std::weak_ptr<Waiters>(waiters_), timer](const boost::system::error_code& ec) {
    if (auto waiters = weak.lock(); waiters && !ec) OnDeadline(*waiters, timer);
  });
}

void PaintWaiters::OnDeadline(Waiters& waiters, const std::shared_ptr<boost::asio::steady_timer>& timer) {
  for (auto it = waiters.begin(); it != waiters.end(); ++it) {
    if (it->timer == timer) {
      auto callback = std::move(it->callback);
      waiters.erase(it);
      callback(false);
      return;
    }
  }
}

void PaintWaiters::NotifyAll(bool painted) {
  Waiters notified = std::move(*waiters_);
  waiters_->clear();
  for (auto& waiter : notified) {
    waiter.timer->cancel();
    waiter.callback(painted);
  }
}

}  // namespace sandtab::browser
