// A child process for the browser's hosts to own while the fuzzer speaks in
// its place: a real, waitable process (so kills, reaping and death records
// are real) whose channel end stays in the fuzzing process. The process is
// a parked clone (parked_process.h: no exec, one syscall), or, where a test
// needs one that exits on its own when the host closes the channel, `cat`
// reading the channel. Neither outlives the process that made it.
#ifndef SANDTAB_TESTS_FUZZ_FAKE_CHILD_H_
#define SANDTAB_TESTS_FUZZ_FAKE_CHILD_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/unique_fd.h"
#include "browser/process/child_launcher.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/parked_process.h"

extern char** environ;

namespace sandtab::fuzz {

struct FakeChild {
  browser::LaunchedChild child;  // for the host: pid, channel, log
  UniqueFd peer;                 // the other end of child.channel, for the fuzzer
};

// `ends_with_channel`: a process that exits (code 0) when the host closes
// its end, as a real child does: `cat` reading the child's end of the
// channel; the fake has no peer then. Otherwise a parked process, killed
// only by SIGKILL (a `cat` whose stdin stays open where there is none).
inline FakeChild SpawnFakeChild(bool ends_with_channel = false) {
  int pair[2], log[2];
  Check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0, "socketpair failed");
  Check(::pipe2(log, O_CLOEXEC) == 0, "pipe2 failed");
  pid_t pid = -1;
  if (ends_with_channel || !kHasParkedProcess) {
    // Never closed: the stdin of a cat that must not end on its own. Its
    // write end is close-on-exec, so only this process holds it.
    static int keepalive[2] = {-1, -1};
    if (keepalive[0] < 0) Check(::pipe2(keepalive, O_CLOEXEC) == 0, "pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ends_with_channel ? pair[1] : keepalive[0], 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, log[1], 2);
    char arg0[] = "cat";
    char* argv[] = {arg0, nullptr};
    const int spawned = ::posix_spawn(&pid, "/bin/cat", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    Check(spawned == 0, "posix_spawn /bin/cat failed");
  } else {
    // It shares this process's fd table, so it writes no log: the host reads
    // EOF from the log pipe at once, as from a child that closed its fd 2.
    pid = SpawnParkedProcess();
    Check(pid > 0, "clone of a parked process failed");
  }
  ::close(log[1]);
  FakeChild fake;
  fake.child.pid = pid;
  fake.child.channel = UniqueFd(pair[0]);
  fake.child.log = UniqueFd(log[0]);
  fake.child.pidfd = browser::OpenPidfd(pid);  // how the browser signals its children
  Check(fake.child.pidfd.valid(), "pidfd_open failed");
  if (ends_with_channel) {
    ::close(pair[1]);
  } else {
    fake.peer = UniqueFd(pair[1]);
  }
  return fake;
}

}  // namespace sandtab::fuzz

#endif  // SANDTAB_TESTS_FUZZ_FAKE_CHILD_H_
