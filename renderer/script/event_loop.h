// The page's event loop, on the renderer's Asio io_context (one thread):
// tasks (scripts, timers, events, animation frames), a microtask checkpoint
// after each, and a request for one frame when the DOM changed.
#pragma once

#include <jsapi.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/weak_anchor.h"
#include "renderer/script/background_throttle.h"
#include "renderer/script/dom_binding.h"
#include "renderer/script/script_context.h"
#include "renderer/script/timer_queue.h"

namespace sandtab::script {

struct PageScript {
  std::string source;
  std::string url;
  unsigned line = 1;
};

// The classic scripts of a parsed document with their text inline, in
// document order.
std::vector<PageScript> InlineScripts(const Document& document, const std::string& url);

// Every classic <script> of a parsed document, in document order: inline
// ones with their text, external ones with their src resolved against `url`.
struct ScriptElement {
  std::string source;  // inline text (empty for an external script)
  std::string src;     // absolute URL of an external script, else empty
  bool async = false;  // external only, as in HTML
  bool defer = false;  // external only, as in HTML
};
std::vector<ScriptElement> ClassicScripts(const Document& document, const std::string& url);

class EventLoop {
 public:
  // `context` and `dom` outlive the loop.
  EventLoop(boost::asio::io_context& io, ScriptContext& context, DomBinding& dom);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Defines setTimeout, setInterval, clearTimeout, clearInterval,
  // requestAnimationFrame, cancelAnimationFrame and queueMicrotask.
  bool Install(std::string* error);

  // A task ended by the watchdog or out of memory: the renderer reports it
  // (and for out of memory ends as such).
  void SetFatalHandler(std::function<void(const ScriptResult&)> handler) { fatal_handler_ = std::move(handler); }
  // The page wants a frame: an animation frame was requested, or the DOM
  // changed. Called once until RunAnimationFrame(); the renderer answers at
  // its frame pace (layout and paint at most once per frame).
  void SetFrameRequestHandler(std::function<void()> handler) { frame_request_handler_ = std::move(handler); }

  // Runs the scripts as tasks in order, then DOMContentLoaded at the
  // document (readyState "interactive").
  void StartPage(std::vector<PageScript> scripts);
  // After StartPage, once the subresources are in: load at the window
  // (readyState "complete").
  void FinishLoad();
  // An event from the user (click, keydown with its `key`) at `target`, as a task.
  void PostEvent(Node* target, std::string type, std::function<void(bool not_canceled)> done = nullptr,
                 std::string key = {});
  // Runs `run` as one task, then the microtask checkpoint.
  void PostTask(std::function<ScriptResult()> run);

  // --virtual-time-budget: from now on, a timer due within `budget` of the
  // page's clock runs at once, the clock jumping to its due time, as
  // Chrome's virtual time does when nothing else is pending. `spent` runs
  // once when no timer is due within what is left; the clock then stands
  // at the budget's end and timers wait in real time again.
  void StartVirtualTime(std::chrono::milliseconds budget, std::function<void()> spent);
  bool in_virtual_time() const { return virtual_deadline_.has_value(); }

  // The frame: requestAnimationFrame callbacks with `now_ms`, as one task.
  // Returns whether the DOM changed since the last frame (lay out, paint).
  bool RunAnimationFrame(double now_ms);

  // The page's tab went to the background (hidden) or came back, as Chrome
  // throttles it: a hidden page's requestAnimationFrame callbacks wait until
  // it is shown, and its timers wake it at most once per second
  // (BackgroundThrottle). Changes its other tasks make still ask for frames.
  void SetHidden(bool hidden);
  bool hidden() const { return throttle_.hidden(); }

  // Internal, for the natives.
  void ScheduleTimer(int id, double delay_ms, bool repeat);
  void CancelTimer(int id);
  void RequestAnimationFrame();  // a callback was registered
  void RequestFrame();           // the DOM changed, or a shown page's callbacks wait

 private:
  void RunTask(const std::function<ScriptResult()>& run);
  ScriptResult CallInternal(const char* name, const JS::HandleValueArray& args);
  void ArmTimer();
  void RunDueTimers();
  TimerQueue::Clock::time_point Now() const { return TimerQueue::Clock::now() + virtual_offset_; }

  boost::asio::io_context& io_;
  ScriptContext& context_;
  DomBinding& dom_;
  TimerQueue timers_;
  boost::asio::steady_timer wake_;
  int nesting_ = 0;  // the running timer task's nesting level
  bool frame_requested_ = false;
  bool animation_frames_pending_ = false;  // requestAnimationFrame callbacks wait for a frame
  BackgroundThrottle throttle_;
  TimerQueue::Clock::duration virtual_offset_{0};  // how far the page's clock ran ahead
  std::optional<TimerQueue::Clock::time_point> virtual_deadline_;
  std::function<void()> virtual_time_spent_;
  uint64_t painted_generation_ = 0;
  std::function<void(const ScriptResult&)> fatal_handler_;
  std::function<void()> frame_request_handler_;
  JS::PersistentRootedObject internal_;
  JS::PersistentRootedObject natives_;
  // Posted handlers check it: the loop may go before the io_context runs them.
  WeakAnchor alive_;  // last
};

}  // namespace sandtab::script
