// The threads SpiderMonkey runs its background work on (parallel GC marking
// and sweeping, off-thread Ion compilation, off-thread parsing).
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace sandtab::script {

// SpiderMonkey, once given JS::SetHelperThreadTaskCallback, creates no thread
// of its own: it calls the callback once per task it wants run, and expects
// the embedder to call JS::RunHelperThreadTask() once per call, on some
// thread. Owning the threads is what lets the zygote fork with no engine
// thread alive (a thread does not survive fork(): its queued tasks would
// never finish, and anything waiting for them would hang).
//
// One pool per process (the callback is a plain function pointer).
class HelperThreadPool {
 public:
  static HelperThreadPool& Instance();

  // Registers the pool with SpiderMonkey; call once, after JS_Init.
  void Install(int thread_count);

  // Starts the threads; tasks queued while stopped run now.
  void Start();
  // Runs every queued task, then joins every thread. Before fork().
  void Stop();
  int running_threads() const;

 private:
  HelperThreadPool() = default;
  static void Dispatch(int reason);
  void Enqueue();
  void RunTasks();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  int queued_ = 0;
  bool stopping_ = false;
  int thread_count_ = 1;
  std::vector<std::thread> threads_;
};

}  // namespace sandtab::script
