#include "renderer/script/helper_thread_pool.h"

#include <jsapi.h>
#include <js/HelperThreadAPI.h>

#include <sys/prctl.h>

namespace sandtab::script {

namespace {
// SpiderMonkey's own helpers use 2 MiB; its tasks (Ion, the GC) assume it.
constexpr size_t kHelperStackBytes = 2 * 1024 * 1024;
}  // namespace

HelperThreadPool& HelperThreadPool::Instance() {
  static HelperThreadPool* pool = new HelperThreadPool();  // never destroyed: helper tasks may outlive statics
  return *pool;
}

void HelperThreadPool::Install(int thread_count) {
  thread_count_ = thread_count < 1 ? 1 : thread_count;
  JS::SetHelperThreadTaskCallback([](JS::DispatchReason reason) { Dispatch(static_cast<int>(reason)); },
                                  static_cast<size_t>(thread_count_), kHelperStackBytes);
}

void HelperThreadPool::Dispatch(int /*reason*/) {
  // NewTask and FinishedTask alike ask for one more RunHelperThreadTask() call.
  Instance().Enqueue();
}

void HelperThreadPool::Enqueue() {
  std::lock_guard lock(mutex_);
  ++queued_;
  wake_.notify_one();
}

void HelperThreadPool::Start() {
  std::lock_guard lock(mutex_);
  if (!threads_.empty()) return;
  stopping_ = false;
  for (int i = 0; i < thread_count_; ++i) threads_.emplace_back([this] { RunTasks(); });
}

void HelperThreadPool::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& thread : threads) thread.join();
}

int HelperThreadPool::running_threads() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(threads_.size());
}

void HelperThreadPool::RunTasks() {
  ::prctl(PR_SET_NAME, "JS Helper");
  std::unique_lock lock(mutex_);
  for (;;) {
    // Stopping drains the queue first: a task left half-done at fork() is
    // exactly the hang this pool exists to prevent.
    wake_.wait(lock, [this] { return queued_ > 0 || stopping_; });
    if (queued_ == 0) return;
    --queued_;
    lock.unlock();
    JS::RunHelperThreadTask();
    lock.lock();
  }
}

}  // namespace sandtab::script
