#ifndef SANDTAB_BROWSER_HANG_MONITOR_H_
#define SANDTAB_BROWSER_HANG_MONITOR_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace sandtab::browser {

// Pings a child on the browser's loop and declares it unresponsive when a
// ping goes unanswered for `timeout` (DESIGN section 6). The child answers
// from its own main loop, so a child stuck in a loop, blocked, or stalled in
// the middle of a frame cannot answer. A merely busy child gets the whole
// timeout: that is the contract, there is no earlier kill.
class HangMonitor {
 public:
  using SendPing = std::function<void(uint64_t cookie)>;
  using OnHang = std::function<void(std::chrono::milliseconds waited)>;

  HangMonitor(boost::asio::io_context& io, std::chrono::milliseconds timeout, SendPing send_ping,
              OnHang on_hang);
  ~HangMonitor();

  void Start();
  void Stop();
  // False for a pong nobody asked for (a protocol violation).
  bool OnPong(uint64_t cookie);

 private:
  void Tick();

  std::chrono::milliseconds timeout_;
  SendPing send_ping_;
  OnHang on_hang_;
  boost::asio::steady_timer timer_;
  uint64_t next_cookie_ = 1;
  uint64_t outstanding_ = 0;  // cookie of the unanswered ping, 0 for none
  std::chrono::steady_clock::time_point sent_at_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_HANG_MONITOR_H_
