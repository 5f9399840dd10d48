// Promise jobs and queueMicrotask() callbacks, run at each microtask
// checkpoint (after every task of the event loop), in the order queued; and
// the rejected promises nobody handled, reported after the checkpoint
// ("Uncaught (in promise)").
#pragma once

#include <js/GCVector.h>
#include <js/Promise.h>
#include <jsapi.h>

namespace sandtab::script {

class MicrotaskQueue final : public JS::JobQueue {
 public:
  explicit MicrotaskQueue(JSContext* cx);
  ~MicrotaskQueue() override;

  bool Enqueue(JSContext* cx, JS::HandleObject job);
  // Takes the next job, or returns false when there is none. The caller
  // runs it: it knows how to report an exception or an interruption.
  bool TakeNext(JS::MutableHandleObject job);
  void Clear() {
    jobs_.clear();
    next_ = 0;
  }

  // Rejected promises still without a handler since the last call; oldest first.
  bool TakeUnhandledRejection(JS::MutableHandleObject promise);

  // JS::JobQueue
  JSObject* getIncumbentGlobal(JSContext* cx) override;
  bool enqueuePromiseJob(JSContext* cx, JS::HandleObject promise, JS::HandleObject job,
                         JS::HandleObject allocation_site, JS::HandleObject incumbent_global) override;
  void runJobs(JSContext* cx) override;
  bool empty() const override;

 private:
  js::UniquePtr<SavedJobQueue> saveJobQueue(JSContext* cx) override;
  static void TrackRejection(JSContext* cx, bool muted_errors, JS::HandleObject promise,
                             JS::PromiseRejectionHandlingState state, void* self);

  JS::PersistentRooted<JS::GCVector<JSObject*, 0, js::SystemAllocPolicy>> jobs_;
  size_t next_ = 0;
  JS::PersistentRooted<JS::GCVector<JSObject*, 0, js::SystemAllocPolicy>> unhandled_rejections_;
};

}  // namespace sandtab::script
