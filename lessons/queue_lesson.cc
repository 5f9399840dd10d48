#include "lessons/queue_lesson.h"

#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "base/errno_message.h"
#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"
#include "lessons/narrator.h"

namespace sandtab::lessons {
namespace {

struct Message {
  long type;
  char text[64];
};

int64_t KernelLimit(const char* name) {
  std::ifstream file(std::string("/proc/sys/kernel/") + name);
  int64_t value = -1;
  file >> value;
  return value;
}

int Writer(int queue) {
  const char* texts[] = {"open index.html", "frame 1 ready", "crash report", "open article.html", "frame 2 ready"};
  const long types[] = {1, 2, 3, 1, 2};
  for (int i = 0; i < 5; ++i) {
    Message message = {types[i], {}};
    std::snprintf(message.text, sizeof message.text, "%s", texts[i]);
    if (msgsnd(queue, &message, std::strlen(message.text) + 1, 0) != 0) return 1;
    std::printf("   writer (pid %d): msgsnd type %ld \"%s\"\n", static_cast<int>(getpid()), types[i], texts[i]);
  }
  return 0;
}

// Type 2 first (msgtyp = 2: the frames, whatever came before them), then
// whatever is left in order (msgtyp = 0). Exits with how many it got.
int Reader(int queue) {
  int received = 0;
  for (long wanted : {2L, 2L, 0L, 0L, 0L}) {
    Message message = {};
    if (msgrcv(queue, &message, sizeof message.text, wanted, 0) < 0) break;
    std::printf("   reader (pid %d): msgrcv(type %ld) -> type %ld \"%s\"\n", static_cast<int>(getpid()), wanted,
                message.type, message.text);
    ++received;
  }
  return received;
}

}  // namespace

int QueueLesson::ProbeQueue(key_t key) {
  const int queue = msgget(key, 0);
  if (queue >= 0) {
    std::printf("msgget(0x%08x, 0) = %d: reached the queue\n", static_cast<unsigned>(key), queue);
    return 0;
  }
  std::printf("msgget(0x%08x, 0): %s\n", static_cast<unsigned>(key), std::strerror(errno));
  return 1;
}

Status QueueLesson::Run(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Lesson("queues: System V message queues", "ftok, msgget, msgsnd, msgrcv; message types");
  say.Step("A key from ftok on a file of our own, and a queue: msgget(key, IPC_CREAT | IPC_EXCL | 0600)");
  const std::string path = context.janitor.folder().File("queue");
  const key_t key = ftok(path.c_str(), 'Q');
  if (key == -1) return Error{ErrnoMessage("ftok")};
  const int queue = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
  if (queue < 0) return Error{ErrnoMessage("msgget")};
  context.janitor.TrackQueue(queue);
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(key));
  say.Say(std::string("ftok(\"") + path + "\", 'Q') = " + hex);
  say.Number("queue id", queue);
  TRY(WriterAndReader(context, queue));
  TRY(Limits(context, queue));
  TRY(FromAnotherNamespace(context, key));
  say.Step("The queue removed: msgctl(IPC_RMID)");
  if (msgctl(queue, IPC_RMID, nullptr) != 0) return Error{ErrnoMessage("msgctl IPC_RMID")};
  context.janitor.ForgetQueue(queue);
  return OkStatus();
}

Status QueueLesson::WriterAndReader(LessonContext& context, int queue) {
  Narrator& say = context.narrator;
  say.Step("A writer process sends five messages of types 1-3; a reader takes type 2 first, then the rest");
  ASSIGN_OR_RETURN(ChildProcess writer, ChildProcess::Fork(context.janitor, [queue] { return Writer(queue); }));
  ASSIGN_OR_RETURN(int written, writer.Wait(std::chrono::seconds(10)));
  if (!WIFEXITED(written) || WEXITSTATUS(written) != 0) return Error{"writer " + DescribeWaitStatus(written)};
  msqid_ds status = {};
  msgctl(queue, IPC_STAT, &status);
  say.Number("messages waiting", static_cast<int64_t>(status.msg_qnum));
  ASSIGN_OR_RETURN(ChildProcess reader, ChildProcess::Fork(context.janitor, [queue] { return Reader(queue); }));
  ASSIGN_OR_RETURN(int read, reader.Wait(std::chrono::seconds(10)));
  say.Number("messages received", WIFEXITED(read) ? WEXITSTATUS(read) : -1);
  msgctl(queue, IPC_STAT, &status);
  say.Number("messages left", static_cast<int64_t>(status.msg_qnum));
  return OkStatus();
}

Status QueueLesson::Limits(LessonContext& context, int queue) {
  Narrator& say = context.narrator;
  say.Step("The queue's limits, from /proc/sys/kernel, then hit");
  const int64_t msgmax = KernelLimit("msgmax"), msgmnb = KernelLimit("msgmnb");
  say.Number("msgmax (bytes in one message)", msgmax);
  say.Number("msgmnb (bytes in one queue)", msgmnb);
  say.Number("msgmni (queues on the machine)", KernelLimit("msgmni"));
  if (msgmax <= 0 || msgmnb <= 0 || msgmax > (1 << 20)) return Error{"cannot read the queue limits"};
  std::vector<char> message(sizeof(long) + static_cast<size_t>(msgmax) + 1);
  *reinterpret_cast<long*>(message.data()) = 1;
  const bool too_big_refused = msgsnd(queue, message.data(), static_cast<size_t>(msgmax) + 1, IPC_NOWAIT) != 0;
  say.Say(std::string("a message of msgmax + 1 bytes: ") + (too_big_refused ? std::strerror(errno) : "sent!"));
  int sent = 0;
  while (msgsnd(queue, message.data(), static_cast<size_t>(msgmax), IPC_NOWAIT) == 0) ++sent;
  const int full_error = errno;
  say.Say("messages of msgmax bytes until the queue is full: " + std::to_string(sent) + ", then " +
          std::strerror(full_error) + " (a blocking msgsnd would wait here)");
  say.Number("full-size messages that fit", sent);
  say.Number("msgmnb / msgmax", msgmnb / msgmax);
  // Drained, so the next step shows an ordinary queue.
  while (msgrcv(queue, message.data(), static_cast<size_t>(msgmax), 0, IPC_NOWAIT) >= 0) {
  }
  return OkStatus();
}

Status QueueLesson::FromAnotherNamespace(LessonContext& context, key_t key) {
  Narrator& say = context.narrator;
  say.Step("The same key from a new IPC namespace (what every sandboxed renderer lives in)");
  ASSIGN_OR_RETURN(ChildProcess isolated, ChildProcess::Fork(context.janitor, [key] {
                     if (unshare(CLONE_NEWIPC) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) return 2;
                     std::printf("   a child in a new IPC namespace (pid %d): ", static_cast<int>(getpid()));
                     return ProbeQueue(key);
                   }));
  ASSIGN_OR_RETURN(int isolated_status, isolated.Wait(std::chrono::seconds(10)));
  const bool namespace_denied = WIFEXITED(isolated_status) && WEXITSTATUS(isolated_status) == 1;
  say.Number("reached from a new IPC namespace", namespace_denied ? 0 : 1);

  say.Step("And from a sandboxed process: sandtab-exec --profile=renderer -- sandtab-lessons --probe-queue");
  const std::string key_text = std::to_string(key);
  ASSIGN_OR_RETURN(
      ChildProcess sandboxed,
      ChildProcess::Run(context.janitor, {context.bin_dir + "/sandtab-exec", "--profile=renderer", "--",
                                          context.bin_dir + "/sandtab-lessons", "--probe-queue", key_text}));
  ASSIGN_OR_RETURN(std::string said, sandboxed.ReadOutput(std::chrono::seconds(20)));
  ASSIGN_OR_RETURN(int sandboxed_status, sandboxed.Wait(std::chrono::seconds(20)));
  say.Say("sandboxed: " + (said.empty() ? std::string("(nothing)") : said.substr(0, said.find('\n'))) + "; it " +
          DescribeWaitStatus(sandboxed_status));
  say.Say("two walls: the IPC namespace holds no such queue, and seccomp refuses msgget outright (EPERM)");
  // Denied means the probe ran and msgget failed, not that it never started.
  const bool probe_ran = said.find("msgget(") != std::string::npos;
  const bool sandbox_denied = probe_ran && WIFEXITED(sandboxed_status) && WEXITSTATUS(sandboxed_status) == 1;
  say.Number("sandboxed probe ran", probe_ran ? 1 : 0);
  say.Number("reached from the sandbox", sandbox_denied ? 0 : 1);
  return OkStatus();
}

}  // namespace sandtab::lessons
