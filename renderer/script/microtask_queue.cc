#include "renderer/script/microtask_queue.h"

#include <js/CallAndConstruct.h>

namespace sandtab::script {

MicrotaskQueue::MicrotaskQueue(JSContext* cx) : jobs_(cx), unhandled_rejections_(cx) {
  JS::SetJobQueue(cx, this);
  JS::SetPromiseRejectionTrackerCallback(cx, TrackRejection, this);
}

MicrotaskQueue::~MicrotaskQueue() = default;

bool MicrotaskQueue::Enqueue(JSContext* cx, JS::HandleObject job) {
  if (!jobs_.append(job)) {
    JS_ReportOutOfMemory(cx);
    return false;
  }
  return true;
}

bool MicrotaskQueue::TakeNext(JS::MutableHandleObject job) {
  if (next_ >= jobs_.length()) {
    Clear();
    return false;
  }
  job.set(jobs_[next_]);
  jobs_[next_].set(nullptr);
  ++next_;
  return true;
}

void MicrotaskQueue::TrackRejection(JSContext* cx, bool, JS::HandleObject promise,
                                    JS::PromiseRejectionHandlingState state, void* self) {
  auto& rejections = static_cast<MicrotaskQueue*>(self)->unhandled_rejections_;
  if (state == JS::PromiseRejectionHandlingState::Unhandled) {
    if (!rejections.append(promise)) JS_ReportOutOfMemory(cx);
    return;
  }
  // Handled after all (a .catch() added later in the same task): forget it.
  for (size_t i = 0; i < rejections.length(); ++i) {
    if (rejections[i] == promise) rejections[i].set(nullptr);
  }
}

bool MicrotaskQueue::TakeUnhandledRejection(JS::MutableHandleObject promise) {
  while (!unhandled_rejections_.empty()) {
    promise.set(unhandled_rejections_[0]);
    unhandled_rejections_.erase(unhandled_rejections_.begin());
    if (promise) return true;
  }
  return false;
}

JSObject* MicrotaskQueue::getIncumbentGlobal(JSContext* cx) { return JS::CurrentGlobalOrNull(cx); }

bool MicrotaskQueue::enqueuePromiseJob(JSContext* cx, JS::HandleObject, JS::HandleObject job, JS::HandleObject,
                                       JS::HandleObject) {
  return Enqueue(cx, job);
}

// Only SpiderMonkey's debugger calls this; sandtab runs its checkpoints
// through ScriptContext::RunMicrotasks(), which reports failures.
void MicrotaskQueue::runJobs(JSContext* cx) {
  JS::RootedObject job(cx);
  JS::RootedValue ignored(cx);
  while (TakeNext(&job)) {
    if (!JS::Call(cx, JS::UndefinedHandleValue, job, JS::HandleValueArray::empty(), &ignored)) {
      JS_ClearPendingException(cx);
    }
  }
}

bool MicrotaskQueue::empty() const { return next_ >= jobs_.length(); }

js::UniquePtr<JS::JobQueue::SavedJobQueue> MicrotaskQueue::saveJobQueue(JSContext* cx) {
  // The debugger is never enabled in a renderer.
  JS_ReportErrorASCII(cx, "saving the job queue is not supported");
  return nullptr;
}

}  // namespace sandtab::script
