#include "lessons/counter_race.h"

#include <pthread.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <new>
#include <vector>

#include "base/errno_message.h"
#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"

namespace sandtab::lessons {
namespace {

// The segment's layout. The counter is a plain volatile: the compiler must
// load and store it every time, and nothing makes the three steps one.
struct Shared {
  volatile int64_t counter;
  std::atomic<int64_t> atomic_counter;
  pthread_mutex_t mutex;
  std::atomic<int> ready;
  std::atomic<bool> go;
  std::atomic<int64_t> progress[2];
  std::atomic<bool> saw_other_running[2];
};

int Increment(Shared* shared, int self, CounterRace::Kind kind, int64_t increments) {
  PinToCpu(self);
  shared->ready.fetch_add(1);
  while (!shared->go.load()) {
  }
  const int other = 1 - self;
  for (int64_t i = 0; i < increments; ++i) {
    switch (kind) {
      case CounterRace::Kind::kUnsynchronised:
        shared->counter = shared->counter + 1;
        break;
      case CounterRace::Kind::kMutex:
        pthread_mutex_lock(&shared->mutex);
        shared->counter = shared->counter + 1;
        pthread_mutex_unlock(&shared->mutex);
        break;
      case CounterRace::Kind::kAtomic:
        shared->atomic_counter.fetch_add(1);
        break;
    }
    if ((i & 1023) == 0) {
      shared->progress[self].store(i, std::memory_order_relaxed);
      const int64_t theirs = shared->progress[other].load(std::memory_order_relaxed);
      if (theirs > 0 && theirs < increments - 1024) shared->saw_other_running[self].store(true);
    }
  }
  shared->progress[self].store(increments);
  return 0;
}

}  // namespace

const char* CounterRace::Name(Kind kind) {
  switch (kind) {
    case Kind::kUnsynchronised:
      return "unsynchronised";
    case Kind::kMutex:
      return "process-shared mutex";
    case Kind::kAtomic:
      return "atomic add";
  }
  return "?";
}

Result<CounterRace::Run> CounterRace::RunOnce(Kind kind, int64_t increments) {
  const int id = shmget(IPC_PRIVATE, sizeof(Shared), IPC_CREAT | 0600);
  if (id < 0) return Error{ErrnoMessage("shmget")};
  janitor_.TrackSegment(id);
  void* memory = shmat(id, nullptr, 0);
  // Marked for removal at once: it goes when the last process detaches.
  shmctl(id, IPC_RMID, nullptr);
  janitor_.ForgetSegment(id);
  if (memory == reinterpret_cast<void*>(-1)) return Error{ErrnoMessage("shmat")};
  auto* shared = new (memory) Shared{};
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&shared->mutex, &attributes);
  pthread_mutexattr_destroy(&attributes);

  Result<Run> result = Error{"not run"};
  {
    std::vector<ChildProcess> children;
    for (int self = 0; self < 2; ++self) {
      auto child = ChildProcess::Fork(janitor_, [=] { return Increment(shared, self, kind, increments); });
      if (!child) {
        shmdt(memory);
        return Error{child.error()};
      }
      children.push_back(std::move(*child));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (shared->ready.load() < 2 && std::chrono::steady_clock::now() < deadline) {
    }
    shared->go.store(true);
    bool all_exited = true;
    for (ChildProcess& child : children) {
      auto status = child.Wait(std::chrono::seconds(60));
      all_exited &= status.ok() && WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
    }
    if (all_exited) {
      Run run;
      run.expected = 2 * increments;
      run.actual = kind == Kind::kAtomic ? shared->atomic_counter.load() : shared->counter;
      run.overlapped = shared->saw_other_running[0].load() && shared->saw_other_running[1].load();
      result = run;
    } else {
      result = Error{"a counting child failed"};
    }
  }
  pthread_mutex_destroy(&shared->mutex);
  shmdt(memory);
  return result;
}

}  // namespace sandtab::lessons
