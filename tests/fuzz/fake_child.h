// A child process for the browser's hosts to own while the fuzzer speaks in
// its place: a real, waitable process (so kills, reaping and death records
// are real) whose channel end stays in the fuzzing process. The process is
// `cat` reading a pipe only this process writes to, so it outlives nothing:
// if the fuzzer dies, cat sees EOF and exits.
#ifndef SANDTAB_TESTS_FUZZ_FAKE_CHILD_H_
#define SANDTAB_TESTS_FUZZ_FAKE_CHILD_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/unique_fd.h"
#include "browser/process/child_launcher.h"
#include "tests/fuzz/fuzz_check.h"

extern char** environ;

namespace sandtab::fuzz {

struct FakeChild {
  browser::LaunchedChild child;  // for the host: pid, channel, log
  UniqueFd peer;                 // the other end of child.channel, for the fuzzer
};

// `ends_with_channel`: cat reads the child's end of the channel instead, so
// it exits (code 0) when the host closes its end, as a real child does; the
// fake has no peer then.
inline FakeChild SpawnFakeChild(bool ends_with_channel = false) {
  // Never closed: every fake child's stdin. Its write end is close-on-exec,
  // so only this process holds it.
  static int keepalive[2] = {-1, -1};
  if (keepalive[0] < 0) Check(::pipe2(keepalive, O_CLOEXEC) == 0, "pipe2 failed");
  int pair[2], log[2];
  Check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0, "socketpair failed");
  Check(::pipe2(log, O_CLOEXEC) == 0, "pipe2 failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, ends_with_channel ? pair[1] : keepalive[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, log[1], 2);
  char arg0[] = "cat";
  char* argv[] = {arg0, nullptr};
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, "/bin/cat", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  Check(spawned == 0, "posix_spawn /bin/cat failed");
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
