#include "renderer/script/event_loop.h"

#include <js/CallAndConstruct.h>
#include <js/Conversions.h>
#include <js/Object.h>
#include <js/PropertyAndElement.h>
#include <js/PropertySpec.h>

#include <boost/asio/post.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

#include "renderer/page/url.h"
#include "renderer/script/prelude.h"

namespace sandtab::script {

namespace {

// The timers' and frames' JavaScript half: callbacks stay in the realm
// (where the GC sees them); C++ keeps only ids and due times.
constexpr char kLoopPrelude[] = R"js((function (native, global) {
'use strict';
const timers = new Map();
let nextTimer = 1;
function setTimer(repeat, callback, delay, args) {
  const id = nextTimer++;
  timers.set(id, { callback, args, repeat });
  native.schedule(id, Number(delay) || 0, repeat);
  return id;
}
function clearTimer(id) {
  id = Number(id);
  if (timers.delete(id)) native.cancel(id);
}
const frames = new Map();
let nextFrame = 1;
Object.assign(global, {
  setTimeout: (callback, delay = 0, ...args) => setTimer(false, callback, delay, args),
  setInterval: (callback, delay = 0, ...args) => setTimer(true, callback, delay, args),
  clearTimeout: clearTimer,
  clearInterval: clearTimer,
  requestAnimationFrame(callback) {
    if (typeof callback !== 'function') throw new TypeError('requestAnimationFrame: the argument is not a function');
    const id = nextFrame++;
    frames.set(id, callback);
    native.requestFrame();
    return id;
  },
  cancelAnimationFrame(id) { frames.delete(Number(id)); },
  queueMicrotask(callback) {
    if (typeof callback !== 'function') throw new TypeError('queueMicrotask: the argument is not a function');
    Promise.resolve().then(() => { try { callback(); } catch (e) { native.reportException(e); } });
  },
});
return {
  runTimer(id) {
    const timer = timers.get(id);
    if (!timer) return;
    if (!timer.repeat) timers.delete(id);
    if (typeof timer.callback === 'function') timer.callback.apply(global, timer.args);
    else (0, eval)(String(timer.callback));
  },
  runFrames(now) {
    const due = [...frames.values()];
    frames.clear();
    for (const callback of due) {
      try { callback(now); } catch (e) { native.reportException(e); }
    }
  },
};
}))js";

const JSClass kLoopNativesClass = {
    "EventLoopNatives", JSCLASS_HAS_RESERVED_SLOTS(1), nullptr, nullptr, nullptr, nullptr};

EventLoop* LoopOf(JSContext* cx, const JS::CallArgs& args) {
  return static_cast<EventLoop*>(PreludeOwner(cx, args, &kLoopNativesClass));
}

bool Schedule(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  EventLoop* loop = LoopOf(cx, args);
  if (!loop) return false;
  double delay = 0;
  if (!JS::ToNumber(cx, args.get(1), &delay)) return false;
  loop->ScheduleTimer(args.get(0).isInt32() ? args.get(0).toInt32() : 0, delay, args.get(2).isTrue());
  args.rval().setUndefined();
  return true;
}

bool Cancel(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  EventLoop* loop = LoopOf(cx, args);
  if (!loop) return false;
  if (args.get(0).isInt32()) loop->CancelTimer(args.get(0).toInt32());
  args.rval().setUndefined();
  return true;
}

bool RequestFrame(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  EventLoop* loop = LoopOf(cx, args);
  if (!loop) return false;
  loop->RequestAnimationFrame();
  args.rval().setUndefined();
  return true;
}

bool ReportException(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  auto* context = static_cast<ScriptContext*>(JS_GetContextPrivate(cx));
  context->ReportException(args.get(0));
  args.rval().setUndefined();
  return true;
}

const JSFunctionSpec kLoopNatives[] = {JS_FN("schedule", Schedule, 3, 0), JS_FN("cancel", Cancel, 1, 0),
                                       JS_FN("requestFrame", RequestFrame, 0, 0),
                                       JS_FN("reportException", ReportException, 1, 0), JS_FS_END};

bool IsClassicScript(const Element& script) {
  const std::string* type = script.GetAttribute("type");
  if (!type || type->empty()) return true;
  const std::string lower = AsciiLower(*type);
  return lower == "text/javascript" || lower == "application/javascript" || lower == "text/ecmascript";
}

}  // namespace

std::vector<ScriptElement> ClassicScripts(const Document& document, const std::string& url) {
  std::vector<ScriptElement> scripts;
  std::vector<const Node*> pending{&document};
  while (!pending.empty()) {
    const Node* node = pending.back();
    pending.pop_back();
    const Element* element = node->AsElement();
    if (element && element->tag() == "script" && IsClassicScript(*element)) {
      ScriptElement script;
      if (const std::string* src = element->GetAttribute("src")) {
        if (src->empty()) goto next;  // HTML: an empty src fires error and runs nothing
        script.src = renderer::ResolveUrl(url, *src);
        script.async = element->GetAttribute("async") != nullptr;
        script.defer = element->GetAttribute("defer") != nullptr;
      } else {
        script.source = element->TextContent();
      }
      scripts.push_back(std::move(script));
    }
  next:
    pending.insert(pending.end(), node->children().rbegin(), node->children().rend());
  }
  return scripts;
}

std::vector<PageScript> InlineScripts(const Document& document, const std::string& url) {
  std::vector<PageScript> scripts;
  for (ScriptElement& script : ClassicScripts(document, url)) {
    if (script.src.empty()) scripts.push_back({std::move(script.source), url, 1});
  }
  return scripts;
}

EventLoop::EventLoop(boost::asio::io_context& io, ScriptContext& context, DomBinding& dom)
    : io_(io), context_(context), dom_(dom), wake_(io), internal_(context.cx()), natives_(context.cx()) {}

EventLoop::~EventLoop() { DetachPrelude(natives_); }

bool EventLoop::Install(std::string* error) {
  const bool ok = InstallPrelude(context_, &kLoopNativesClass, kLoopNatives, this, kLoopPrelude,
                                 "sandtab:event-loop.js", &natives_, &internal_, error);
  painted_generation_ = dom_.document().generation();
  return ok;
}

void EventLoop::PostTask(std::function<ScriptResult()> run) {
  boost::asio::post(io_, [this, alive = alive_.token(), run = std::move(run)] {
    if (alive.Alive()) RunTask(run);
  });
}

void EventLoop::RunTask(const std::function<ScriptResult()>& run) {
  ScriptResult result = run();
  if (result.outcome == ScriptOutcome::kException) context_.ReportError(result);
  if (result.outcome == ScriptOutcome::kTimeout || result.outcome == ScriptOutcome::kOutOfMemory) {
    if (fatal_handler_) fatal_handler_(result);
  }
  const ScriptResult checkpoint = context_.RunMicrotasks();
  if (!checkpoint.ok() && fatal_handler_) fatal_handler_(checkpoint);
  if (dom_.document().generation() != painted_generation_) RequestFrame();
}

void EventLoop::StartPage(std::vector<PageScript> scripts) {
  dom_.SetReadyState("loading");
  for (auto& script : scripts) {
    PostTask([this, script = std::move(script)] { return context_.Evaluate(script.source, script.url, script.line); });
  }
  PostTask([this] {
    dom_.SetReadyState("interactive");
    return dom_.DispatchEvent(&dom_.document(), "DOMContentLoaded", true, false);
  });
}

void EventLoop::FinishLoad() {
  PostTask([this] {
    dom_.SetReadyState("complete");
    return dom_.DispatchWindowEvent("load");
  });
}

void EventLoop::PostEvent(Node* target, std::string type, std::function<void(bool)> done, std::string key) {
  PostTask([this, target, type = std::move(type), done = std::move(done), key = std::move(key)] {
    bool not_canceled = true;
    ScriptResult result = dom_.DispatchEvent(target, type, true, true, &not_canceled, key);
    if (done) done(not_canceled);
    return result;
  });
}

bool EventLoop::RunAnimationFrame(double now_ms) {
  frame_requested_ = false;
  // A hidden page's callbacks wait until it is shown (SetHidden); the
  // frame still carries what its other tasks changed.
  if (!throttle_.hidden() && animation_frames_pending_) {
    animation_frames_pending_ = false;
    RunTask([&] {
      JS::RootedValueArray<1> args(context_.cx());
      args[0].setDouble(now_ms);
      return CallInternal("runFrames", args);
    });
  }
  const uint64_t generation = dom_.document().generation();
  const bool changed = generation != painted_generation_;
  painted_generation_ = generation;
  // The frame's callbacks changed the DOM: that change is in this frame.
  return changed;
}

ScriptResult EventLoop::CallInternal(const char* name, const JS::HandleValueArray& args) {
  JS::RootedValue ignored(context_.cx());
  return CallPreludeMethod(context_, internal_, name, args, &ignored);
}

void EventLoop::ScheduleTimer(int id, double delay_ms, bool repeat) {
  if (!std::isfinite(delay_ms) || delay_ms < 0) delay_ms = 0;
  if (delay_ms > 2147483647.0) delay_ms = 0;  // HTML: a delay past 2^31-1 ms wraps to 0, as in browsers
  timers_.Add(id, std::chrono::milliseconds(static_cast<int64_t>(delay_ms)), repeat, nesting_, Now());
  ArmTimer();
}

void EventLoop::CancelTimer(int id) {
  timers_.Cancel(id);
  ArmTimer();
}

void EventLoop::RequestAnimationFrame() {
  animation_frames_pending_ = true;
  if (!throttle_.hidden()) RequestFrame();
}

void EventLoop::SetHidden(bool hidden) {
  if (hidden == throttle_.hidden()) return;
  throttle_.SetHidden(hidden);
  // Shown: the callbacks that waited run in the next frame, and the timers
  // held back for the next wake-up run when due.
  if (!hidden && animation_frames_pending_) RequestFrame();
  ArmTimer();
}

void EventLoop::RequestFrame() {
  if (frame_requested_) return;
  frame_requested_ = true;
  if (frame_request_handler_) frame_request_handler_();
}

void EventLoop::StartVirtualTime(std::chrono::milliseconds budget, std::function<void()> spent) {
  virtual_deadline_ = Now() + budget;
  virtual_time_spent_ = std::move(spent);
  ArmTimer();
}

void EventLoop::ArmTimer() {
  const auto due = timers_.NextDue();
  if (virtual_deadline_) {
    if (due && *due <= *virtual_deadline_) {
      // Jump the clock to the timer, and run it on the next turn of the
      // loop (the channel is still served between two timers).
      virtual_offset_ += std::max(TimerQueue::Clock::duration{0}, *due - Now());
    } else {
      virtual_offset_ += std::max(TimerQueue::Clock::duration{0}, *virtual_deadline_ - Now());
      virtual_deadline_.reset();
      // Posted: the handler may end the page, and ArmTimer runs inside tasks.
      if (auto spent = std::exchange(virtual_time_spent_, nullptr)) {
        boost::asio::post(io_, [alive = alive_.token(), spent = std::move(spent)] {
          if (alive.Alive()) spent();
        });
      }
    }
  }
  if (!due) {
    wake_.cancel();
    return;
  }
  // Virtual time runs every timer at once; otherwise a hidden page's wake-ups
  // come at most once per second (BackgroundThrottle).
  const auto wake = virtual_deadline_ ? *due : throttle_.WakeFor(*due);
  wake_.expires_at(wake - virtual_offset_);
  wake_.async_wait([this, alive = alive_.token()](const boost::system::error_code& error) {
    if (!error && alive.Alive()) RunDueTimers();
  });
}

// One due timer per wake-up: each is its own task (microtasks run between
// two timers), and the io_context serves the browser's messages between
// them, so setInterval(f, 0) cannot starve the channel.
void EventLoop::RunDueTimers() {
  int nesting = 0;
  if (const auto id = timers_.TakeDue(Now(), &nesting)) {
    throttle_.OnTimerRan(Now());
    nesting_ = nesting;
    RunTask([&] {
      JS::RootedValueArray<1> args(context_.cx());
      args[0].setInt32(*id);
      return CallInternal("runTimer", args);
    });
    nesting_ = 0;
  }
  ArmTimer();
}

}  // namespace sandtab::script
