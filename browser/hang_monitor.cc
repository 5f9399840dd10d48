#include "browser/hang_monitor.h"

namespace sandtab::browser {

HangMonitor::HangMonitor(boost::asio::io_context& io, std::chrono::milliseconds timeout, SendPing send_ping,
                         OnHang on_hang)
    : timeout_(timeout), send_ping_(std::move(send_ping)), on_hang_(std::move(on_hang)), timer_(io) {}

HangMonitor::~HangMonitor() { Stop(); }

void HangMonitor::Start() { Tick(); }

void HangMonitor::Stop() {
  *alive_ = false;
  timer_.cancel();
}

bool HangMonitor::OnPong(uint64_t cookie) {
  if (cookie == 0 || cookie != outstanding_) return false;
  outstanding_ = 0;
  return true;
}

// One timer does both jobs: while a ping is outstanding it waits for the
// deadline; otherwise it sends the next ping. A child is pinged once per
// timeout, so hundreds of idle tabs cost the browser almost nothing.
void HangMonitor::Tick() {
  if (!*alive_) return;
  const auto now = std::chrono::steady_clock::now();
  if (outstanding_ != 0) {
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - sent_at_);
    if (waited >= timeout_) {
      auto alive = alive_;
      on_hang_(waited);
      if (!*alive) return;  // the callback stopped us
      outstanding_ = 0;
    } else {
      timer_.expires_after(timeout_ - waited);
      timer_.async_wait([this, alive = alive_](const boost::system::error_code& ec) {
        if (!ec && *alive) Tick();
      });
      return;
    }
  }
  outstanding_ = next_cookie_++;
  sent_at_ = now;
  send_ping_(outstanding_);
  timer_.expires_after(timeout_);
  timer_.async_wait([this, alive = alive_](const boost::system::error_code& ec) {
    if (!ec && *alive) Tick();
  });
}

}  // namespace sandtab::browser
