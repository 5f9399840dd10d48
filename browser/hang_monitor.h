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
//
// How often: by default a new ping goes out one timeout after the last. A
// child with nothing to do (a background tab) may be given a longer interval,
// so hundreds of idle tabs cost the browser next to nothing; any work sent
// to it brings the next ping back to one timeout after the last, so a hang
// that work causes is still caught within two timeouts (Chrome goes further
// and watches renderers only while input is outstanding).
class HangMonitor {
 public:
  using SendPing = std::function<void(uint64_t cookie)>;
  using OnHang = std::function<void(std::chrono::milliseconds waited)>;

  HangMonitor(boost::asio::io_context& io, std::chrono::milliseconds timeout, SendPing send_ping,
              OnHang on_hang);
  ~HangMonitor();

  void Start();
  void Stop();
  // Time between an answered ping and the next while no work is sent; never
  // shorter than the timeout.
  void SetIdleInterval(std::chrono::milliseconds interval);
  // The browser sent the child something to do.
  void OnWorkSent();
  // False for a pong nobody asked for (a protocol violation).
  bool OnPong(uint64_t cookie);

 private:
  void Tick();
  void WakeAt(std::chrono::steady_clock::time_point when);

  std::chrono::milliseconds timeout_;
  std::chrono::milliseconds idle_interval_;
  bool started_ = false;
  bool work_since_ping_ = false;
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
