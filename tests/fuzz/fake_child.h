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

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/unique_fd.h"
#include "browser/process/child_launcher.h"
#include "browser/process/child_reaper.h"
#include "browser/process/process_registry.h"
#include "ipc/message_channel.h"
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

// Runs what is ready on `io` (and what that makes ready) without waiting
// for any timer, 64 rounds at most: a message sent now, and its answers.
inline void Pump(boost::asio::io_context& io) {
  for (int round = 0; round < 64 && io.poll() > 0; ++round) {
  }
}

// Runs `io` until `done` holds, five seconds at most; whether it holds.
inline bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done() && std::chrono::steady_clock::now() < deadline) io.run_one_for(std::chrono::milliseconds(10));
  return done();
}

// Once the hosts are gone: every child reaped within the bound and out of
// the process registry, or the input fails naming `child`.
inline void CheckEveryChildReaped(boost::asio::io_context& io, const browser::ChildReaper& reaper,
                                  const browser::ProcessRegistry& processes, const std::string& child) {
  RunUntil(io, [&] { return reaper.watched() == 0; });
  const std::string unreaped = "a " + child + " process left unreaped after its host was destroyed";
  Check(reaper.watched() == 0, unreaped.c_str());
  const std::string registered = "a reaped " + child + " process still in the process registry";
  Check(processes.live_children() == 0, registered.c_str());
}

// The fuzzer's end of a fake child's channel: it sends what a child would,
// composed or as raw bytes past every check of the sending side, and hears
// what the browser tells the child (OnBrowserMessage).
template <typename FromBrowser, typename ToBrowser>
class FakeChildEnd : private ipc::MessageChannel<FromBrowser, ToBrowser>::Delegate {
 public:
  FakeChildEnd(boost::asio::io_context& io, UniqueFd socket)
      : raw_fd_(socket.get()), channel_(io, std::move(socket), ipc::FdPolicy::kAcceptFds) {
    channel_.Start(this);
  }
  virtual ~FakeChildEnd() = default;

  ToBrowser* Compose() { return channel_.Compose(); }
  void Send(ToBrowser* message) { channel_.Send(message); }
  void SendRaw(const std::string& bytes) {
    (void)!::send(raw_fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  void HangUp() { channel_.Close(); }
  bool open() const { return channel_.is_open(); }

 protected:
  virtual void OnBrowserMessage(const FromBrowser& message) = 0;

 private:
  void OnMessage(const FromBrowser& message, std::vector<UniqueFd>) override { OnBrowserMessage(message); }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override {}

  int raw_fd_;
  ipc::MessageChannel<FromBrowser, ToBrowser> channel_;
};

}  // namespace sandtab::fuzz

#endif  // SANDTAB_TESTS_FUZZ_FAKE_CHILD_H_
