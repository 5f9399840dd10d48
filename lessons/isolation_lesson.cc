#include "lessons/isolation_lesson.h"

#include <poll.h>
#include <signal.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "base/errno_message.h"
#include "lessons/browser_session.h"
#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"
#include "lessons/narrator.h"

namespace sandtab::lessons {
namespace {

constexpr int kAdds = 1000;
int private_counter = 0;  // the seed's global: one copy per process after fork

std::string Address(const void* pointer) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", pointer);
  return text;
}

// The tab's renderer pid once it is up (`wait` answers it).
Result<int64_t> RendererPid(BrowserSession& browser, const std::string& id) {
  ASSIGN_OR_RETURN(std::string waited, browser.Command("wait " + id + " 20", std::chrono::seconds(30)));
  return JsonNumber(waited, "pid");
}

}  // namespace

Status IsolationLesson::Run(LessonContext& context) {
  context.narrator.Lesson("isolation: independent and cooperating processes",
                          "process creation with fork; independent vs cooperating processes; Chrome's architecture");
  TRY(PrivateVariable(context));
  TRY(SharedSegment(context));
  return TabsAsProcesses(context);
}

Status IsolationLesson::PrivateVariable(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("Independent: fork, and the child adds 1 to a global " + std::to_string(kAdds) + " times");
  private_counter = 0;
  ASSIGN_OR_RETURN(ChildProcess child, ChildProcess::Fork(context.janitor, [] {
                     for (int i = 0; i < kAdds; ++i) ++private_counter;
                     std::printf("   child  (pid %d): counter at %p = %d\n", static_cast<int>(getpid()),
                                 static_cast<void*>(&private_counter), private_counter);
                     return private_counter == kAdds ? 0 : 1;
                   }));
  ASSIGN_OR_RETURN(int status, child.Wait(std::chrono::seconds(10)));
  say.Say("parent (pid " + std::to_string(getpid()) + "): counter at " + Address(&private_counter) + " = " +
          std::to_string(private_counter) + " (the child " + DescribeWaitStatus(status) + ")");
  say.Say("one address, two memories: fork copied the page (copy-on-write), nothing flows back");
  say.Number("parent's private counter after the child", private_counter);
  return OkStatus();
}

Status IsolationLesson::SharedSegment(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("Cooperating: the same count in a shared segment (shmget, shmat before the fork)");
  const int id = shmget(IPC_PRIVATE, sizeof(int), IPC_CREAT | 0600);
  if (id < 0) return Error{ErrnoMessage("shmget")};
  context.janitor.TrackSegment(id);
  auto* shared = static_cast<volatile int*>(shmat(id, nullptr, 0));
  shmctl(id, IPC_RMID, nullptr);  // gone once both have detached
  context.janitor.ForgetSegment(id);
  if (shared == reinterpret_cast<volatile int*>(-1)) return Error{ErrnoMessage("shmat")};
  *shared = 0;
  ASSIGN_OR_RETURN(ChildProcess child, ChildProcess::Fork(context.janitor, [shared] {
                     for (int i = 0; i < kAdds; ++i) *shared = *shared + 1;
                     return 0;
                   }));
  TRY(child.Wait(std::chrono::seconds(10)));
  const int seen = *shared;
  shmdt(const_cast<int*>(shared));
  say.Say("parent reads the segment: " + std::to_string(seen) + " (the child's adds, seen by the parent)");
  say.Number("parent's shared counter after the child", seen);
  say.Say("cooperation costs isolation: whatever one process writes there, right or wrong, the other reads");
  return OkStatus();
}

Status IsolationLesson::TabsAsProcesses(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("Why each tab is a process: two tabs, one renderer killed from outside (kill -9)");
  ASSIGN_OR_RETURN(BrowserSession browser, BrowserSession::Start(context.janitor, context.bin_dir, {}),
                   "starting sandtab");
  ASSIGN_OR_RETURN(std::string first, browser.Command("open index.html"));
  ASSIGN_OR_RETURN(std::string second, browser.Command("open article.html"));
  const std::string a = JsonField(first, "id"), b = JsonField(second, "id");
  ASSIGN_OR_RETURN(int64_t pid_a, RendererPid(browser, a));
  ASSIGN_OR_RETURN(int64_t pid_b, RendererPid(browser, b));
  say.Say("tab " + a + ": renderer " + std::to_string(pid_a) + "; tab " + b + ": renderer " + std::to_string(pid_b));
  if (pid_a <= 0 || pid_b <= 0) return Error{"the renderers did not come up"};
  ::kill(static_cast<pid_t>(pid_b), SIGKILL);
  say.Say("kill -9 " + std::to_string(pid_b));
  // The browser hears the death and restarts the tab; `wait` answers once
  // a renderer has painted it again (bounded: 100 tries 0.1 s apart).
  int64_t new_pid_b = pid_b;
  for (int tries = 0; tries < 100 && (new_pid_b == pid_b || new_pid_b <= 0); ++tries) {
    if (tries > 0) ::poll(nullptr, 0, 100);  // the death reaches the browser's loop first
    auto pid = RendererPid(browser, b);
    if (pid.ok()) new_pid_b = *pid;
  }
  ASSIGN_OR_RETURN(int64_t still_a, RendererPid(browser, a));
  say.Say("tab " + b + " came back in renderer " + std::to_string(new_pid_b) + "; tab " + a + " still in " +
          std::to_string(still_a));
  say.Number("neighbour's renderer unchanged", still_a == pid_a ? 1 : 0);
  say.Number("killed tab restored in a new renderer", new_pid_b > 0 && new_pid_b != pid_b ? 1 : 0);
  say.Say("one process per tab: a crash, a hang or an exploit takes one tab, never the browser or the others");
  return OkStatus();
}

}  // namespace sandtab::lessons
