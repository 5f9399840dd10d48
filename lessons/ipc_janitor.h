#ifndef SANDTAB_LESSONS_IPC_JANITOR_H_
#define SANDTAB_LESSONS_IPC_JANITOR_H_

#include <sys/types.h>

#include <array>
#include <atomic>
#include <string>
#include <vector>

#include "lessons/ftok_folder.h"

namespace sandtab::lessons {

// Everything a lesson makes that outlives it unless removed: System V
// segments and queues (they stay in the kernel after every process is gone:
// the course's `ipcs -m` leak), the processes it starts, and its folder
// of ftok files (FtokFolder). The janitor removes what is still there at
// the end, and from a SIGINT/SIGTERM handler too, which is why it keeps
// plain arrays of ids and does only async-signal-safe calls there. It only
// ever removes ids it was given: never a segment or queue of anyone else.
class IpcJanitor {
 public:
  static constexpr int kCapacity = 64;

  IpcJanitor();
  ~IpcJanitor();  // RemoveAll
  IpcJanitor(const IpcJanitor&) = delete;
  IpcJanitor& operator=(const IpcJanitor&) = delete;

  // Ctrl+C and SIGTERM end the lessons through RemoveAll, then the signal's
  // default action. One janitor at a time may be installed.
  void InstallInterruptHandlers();

  void TrackSegment(int shm_id);
  void TrackQueue(int msq_id);
  void TrackProcess(pid_t pid) { Add(processes_, pid); }
  // Their owner removed or reaped them itself.
  void ForgetSegment(int shm_id) { Remove(segments_, shm_id); }
  void ForgetQueue(int msq_id) { Remove(queues_, msq_id); }
  void ForgetProcess(pid_t pid) { Remove(processes_, pid); }

  // The lessons' files (ftok keys, summaries, screenshots).
  FtokFolder& folder() { return folder_; }

  // Kills and reaps tracked processes, removes tracked segments and queues,
  // unlinks the folder's files and the folder. Async-signal-safe.
  void RemoveAll();
  // RemoveAll outside a signal handler; the folder is made anew when used.
  void Clean();

  // Every id ever tracked that /proc/sysvipc still lists (0 after RemoveAll).
  int SegmentsLeft() const;
  int QueuesLeft() const;
  // Children of this process still alive or unreaped (from /proc).
  static int ChildrenLeft();

 private:
  // Slots hold an id or kFree (ids and pids are never negative).
  static constexpr int kFree = -1;
  using IdSet = std::array<std::atomic<int>, kCapacity>;
  static void Add(IdSet& set, int id);
  static void Remove(IdSet& set, int id);
  static int CountListed(const char* proc_file, const std::vector<int>& ids);

  IdSet segments_, queues_, processes_;
  std::vector<int> segments_ever_, queues_ever_;
  FtokFolder folder_;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_IPC_JANITOR_H_
