#include "lessons/shm_lesson.h"

#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <sstream>

#include "base/errno_message.h"
#include "ipc/shared_buffer.h"
#include "lessons/browser_session.h"
#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"
#include "lessons/narrator.h"

namespace sandtab::lessons {
namespace {

constexpr size_t kSegmentBytes = 4096;

int Attachments(int id) {
  shmid_ds status = {};
  return shmctl(id, IPC_STAT, &status) == 0 ? static_cast<int>(status.shm_nattch) : -1;
}

// The lines of `ipcs -m` that name `key` (as ipcs prints it: 0x%08x).
Result<std::string> IpcsLinesFor(IpcJanitor& janitor, key_t key) {
  ASSIGN_OR_RETURN(ChildProcess ipcs, ChildProcess::Run(janitor, {"/usr/bin/ipcs", "-m"}));
  ASSIGN_OR_RETURN(std::string output, ipcs.ReadOutput(std::chrono::seconds(10)));
  TRY(ipcs.Wait(std::chrono::seconds(10)));
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(key));
  std::istringstream lines(output);
  std::string line, found;
  while (std::getline(lines, line)) {
    if (line.rfind(hex, 0) == 0) found += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return found;
}

}  // namespace

Status ShmLesson::Run(LessonContext& context) {
  context.narrator.Lesson("shm: System V shared memory, and the memfd sandtab uses",
                          "shmget, shmat, shmdt, shmctl; leaked segments seen with ipcs -m");
  TRY(SegmentLifecycle(context));
  TRY(LeakedSegment(context));
  return Memfd(context);
}

Status ShmLesson::SegmentLifecycle(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("The browser side makes a segment: shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600)");
  const int id = shmget(IPC_PRIVATE, kSegmentBytes, IPC_CREAT | 0600);
  if (id < 0) return Error{ErrnoMessage("shmget")};
  context.janitor.TrackSegment(id);
  say.Number("segment id", id);
  say.Number("attached processes", Attachments(id));

  say.Step("A child process attaches it (shmat), writes a line, detaches (shmdt) and exits");
  ASSIGN_OR_RETURN(ChildProcess child, ChildProcess::Fork(context.janitor, [id] {
                     void* memory = shmat(id, nullptr, 0);
                     if (memory == reinterpret_cast<void*>(-1)) return 1;
                     std::snprintf(static_cast<char*>(memory), kSegmentBytes, "hello from child %d",
                                   static_cast<int>(getpid()));
                     return shmdt(memory) == 0 ? 0 : 2;
                   }));
  const pid_t child_pid = child.pid();
  ASSIGN_OR_RETURN(int status, child.Wait(std::chrono::seconds(10)));
  say.Say("child " + std::to_string(child_pid) + " " + DescribeWaitStatus(status));
  say.Number("attached processes", Attachments(id));
  say.Say("the segment outlived the child: it belongs to the kernel, not to a process");

  say.Step("The parent attaches it and reads what the child wrote");
  void* memory = shmat(id, nullptr, SHM_RDONLY);
  if (memory == reinterpret_cast<void*>(-1)) return Error{ErrnoMessage("shmat")};
  say.Say(std::string("read: \"") + static_cast<const char*>(memory) + "\"");
  say.Number("attached processes", Attachments(id));
  shmdt(memory);

  say.Step("Detached and destroyed: shmctl(id, IPC_RMID)");
  if (shmctl(id, IPC_RMID, nullptr) != 0) return Error{ErrnoMessage("shmctl IPC_RMID")};
  context.janitor.ForgetSegment(id);
  shmid_ds gone = {};
  const bool still_there = shmctl(id, IPC_STAT, &gone) == 0;
  say.Say(std::string("shmctl(IPC_STAT) afterwards: ") + (still_there ? "still there" : std::strerror(errno)));
  say.Number("segment still listed", still_there ? 1 : 0);
  return OkStatus();
}

Status ShmLesson::LeakedSegment(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("A segment left behind on purpose: the process that made it 'forgets' IPC_RMID");
  ASSIGN_OR_RETURN(BrowserSession browser, BrowserSession::Start(context.janitor, context.bin_dir, {}),
                   "starting sandtab");
  ASSIGN_OR_RETURN(std::string before, browser.Command("stats"));
  const std::string path = context.janitor.folder().File("leak");
  const key_t key = ftok(path.c_str(), 'L');
  if (key == -1) return Error{ErrnoMessage("ftok")};
  // A child makes it and exits without removing it: the course's leak.
  ASSIGN_OR_RETURN(ChildProcess maker, ChildProcess::Fork(context.janitor, [key] {
                     return shmget(key, kSegmentBytes, IPC_CREAT | IPC_EXCL | 0600) >= 0 ? 0 : 1;
                   }));
  ASSIGN_OR_RETURN(int status, maker.Wait(std::chrono::seconds(10)));
  // IPC_EXCL failed: the key is someone else's segment (ftok keys can
  // collide), which a lesson must never touch.
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error{"the child could not make a segment for its key (" + DescribeWaitStatus(status) + ")"};
  }
  const int id = shmget(key, 0, 0);
  if (id < 0) return Error{ErrnoMessage("shmget of the child's key")};
  context.janitor.TrackSegment(id);
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(key));
  say.Say(std::string("ftok(\"") + path + "\", 'L') = " + hex + "; the child that made it has exited");
  ASSIGN_OR_RETURN(std::string listed, IpcsLinesFor(context.janitor, key));
  say.Say("ipcs -m shows it, with no process attached:");
  say.Say(listed.empty() ? "(not listed)" : listed.substr(0, listed.size() - 1));
  say.Number("ipcs -m lines for our key", listed.empty() ? 0 : 1);
  ASSIGN_OR_RETURN(std::string during, browser.Command("stats"));
  say.Say("sandtab's stats counts System V segments as residue: " + JsonField(before, "sysv_shm_segments") +
          " before, " + JsonField(during, "sysv_shm_segments") + " now");
  say.Number("stats sysv_shm_segments before", JsonNumber(before, "sysv_shm_segments"));
  say.Number("stats sysv_shm_segments with the leak", JsonNumber(during, "sysv_shm_segments"));

  say.Step("Removed by hand, as `ipcrm -m ID` would");
  if (shmctl(id, IPC_RMID, nullptr) != 0) return Error{ErrnoMessage("shmctl IPC_RMID")};
  context.janitor.ForgetSegment(id);
  ASSIGN_OR_RETURN(std::string after, browser.Command("stats"));
  ASSIGN_OR_RETURN(std::string relisted, IpcsLinesFor(context.janitor, key));
  say.Number("ipcs -m lines for our key after", relisted.empty() ? 0 : 1);
  say.Number("stats sysv_shm_segments after", JsonNumber(after, "sysv_shm_segments"));
  return OkStatus();
}

Status ShmLesson::Memfd(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("What sandtab uses for pixels instead: a sealed memfd (ipc::SharedBuffer)");
  ASSIGN_OR_RETURN(ipc::SharedBuffer buffer,
                   ipc::SharedBuffer::Create(640 * 480 * 4, "lesson-surface", ipc::Access::kReadWrite));
  char link[256] = {};
  const std::string fd_path = "/proc/self/fd/" + std::to_string(buffer.fd());
  const ssize_t length = readlink(fd_path.c_str(), link, sizeof link - 1);
  say.Say("fd " + std::to_string(buffer.fd()) + " -> " + std::string(link, length > 0 ? length : 0));
  const int seals = fcntl(buffer.fd(), F_GET_SEALS);
  say.Say(std::string("seals:") + (seals & F_SEAL_SHRINK ? " F_SEAL_SHRINK" : "") +
          (seals & F_SEAL_GROW ? " F_SEAL_GROW" : "") + (seals & F_SEAL_SEAL ? " F_SEAL_SEAL" : ""));
  say.Number("memfd seals", seals);
  const bool shrink_refused = ftruncate(buffer.fd(), 4096) != 0;
  say.Say(std::string("ftruncate to 4096 (what a hostile peer would do to make us fault): ") +
          (shrink_refused ? std::strerror(errno) : "allowed!"));
  say.Number("memfd shrink refused", shrink_refused ? 1 : 0);
  say.Say("no key: nobody can shmget it; only a holder of the fd (sent with SCM_RIGHTS) can map it,");
  say.Say("and it is gone with its last fd and mapping: no ipcs, no leak when a renderer crashes.");
  return OkStatus();
}

}  // namespace sandtab::lessons
