#include "renderer/zygote.h"

#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include "ipc/fd_passing.h"
#include "ipc/frame.h"
#include "ipc/frame_reader.h"
#include "ipc/handshake.h"
#include "proto/zygote.pb.h"
#include "renderer/page/warm_up.h"
#include "renderer/renderer_main.h"
#include "sandbox/embedded_layer2.h"
#include "sandbox/exit_codes.h"
#include "sandbox/process_budget.h"
#include "sandbox/resource_limits.h"

namespace sandtab::renderer {
namespace {

// Writes one frame, blocking (the socket is the zygote's only job).
bool SendFrame(const proto::ZygoteToBrowser& message) {
  Result<std::string> encoded = ipc::EncodeFrame(message);
  if (!encoded) return false;
  const std::string& frame = *encoded;
  size_t sent = 0;
  while (sent < frame.size()) {
    ssize_t n = ::send(kChannelFd, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// A child that cannot set itself up as a renderer must not run one: it
// says what failed on its log (fd 2 by then) and exits.
[[noreturn]] void FailChildSetUp(const char* what) {
  std::fprintf(stderr, "sandtab-zygote: child set-up failed: %s: %s\n", what, std::strerror(errno));
  ::_exit(sandbox::kExitCannotStart);
}

// In the child of a fork: say who it is on the zygote's channel (the browser
// learns its pid from the kernel, see ForkedChild), then become an ordinary
// renderer on the new fds.
[[noreturn]] void BecomeRenderer(uint64_t request_id, UniqueFd channel, UniqueFd log, int signal_fd,
                                 const sigset_t& old_mask, const RendererConfig& config,
                                 const sandbox::PreparedLayer2& layer2) {
  proto::ZygoteToBrowser word;
  word.mutable_forked_child()->set_request_id(request_id);
  word.mutable_forked_child()->set_ns_pid(::getpid());
  if (!SendFrame(word)) FailChildSetUp("saying who it is to the browser");
  ::close(signal_fd);
  ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  if (::dup2(channel.get(), kChannelFd) < 0 || ::dup2(log.get(), STDERR_FILENO) < 0) ::_exit(sandbox::kExitCannotStart);
  // Nothing of the zygote's stays open: not its control socket (now
  // replaced on fd 3), not the fds that came with the request.
  if (::close_range(kChannelFd + 1, ~0u, 0) != 0) FailChildSetUp("close_range");
  channel.Release();
  log.Release();
  // Renderers forked from one zygote share a PID namespace and a uid: no
  // core dumps and no ptrace or /proc/PID/mem access between them (seccomp
  // forbids the calls too).
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) FailChildSetUp("PR_SET_DUMPABLE");
  // Threads and processes of its own, counted apart from its siblings: the
  // zygote's limit (kZygoteProcessLimit in the browser) caps them all
  // together, this one each renderer (process_budget.h says how).
  if (config.sandboxed) {
    if (int error = sandbox::TakeOwnProcessBudget(sandbox::LimitsFor(sandbox::Profile::kRenderer).processes)) {
      errno = error;
      FailChildSetUp("own process budget");
    }
  }
  ::_exit(RunRenderer(config, &layer2));
}

// Pango starts FcInit on a short-lived thread of its own and never joins
// it (its font matches run on the calling thread: font_set.cc). A fork
// copies only the calling thread, so one still exiting could leave a lock
// (GLib's, malloc's) held in every child. The zygote has no /proc to count
// its threads, but the kernel hands out thread ids in increasing order:
// every thread Pango started has an id between this process's and that of
// a thread started now, and tgkill with signal 0 says whether it is still
// alive. Bounded: after a second it forks anyway.
void WaitForOtherThreadsToExit() {
  const pid_t self = ::getpid();
  pid_t newest = 0;
  std::thread([&newest] { newest = ::gettid(); }).join();
  constexpr pid_t kWidestRange = 1 << 16;  // ids wrapped or a busy host: no bound to search
  if (newest <= self || newest - self > kWidestRange) return;
  for (int poll = 0; poll < 1000; ++poll) {  // 1 ms apart
    bool alive = false;
    for (pid_t tid = self + 1; tid < newest && !alive; ++tid) alive = ::syscall(SYS_tgkill, self, tid, 0) == 0;
    if (!alive) return;
    ::usleep(1000);
  }
  std::fprintf(stderr, "sandtab-zygote: font threads still running after 1 s; forking anyway\n");
}

}  // namespace

int RunZygote(const RendererConfig& child_config) {
  // Children inherit what a first paint builds (see warm_up.h); at the
  // browser's default window size, the size most tabs have.
  WarmUpRendering(1280, 800);
  // The warm-up's temporary allocations leave free pages behind: give them
  // back, so a child's malloc gets fresh zero pages there instead of
  // copying the zygote's, and fork copies fewer page-table entries (three
  // A/B pairs of --only=open,crash: first frame 3.0-3.9 -> 2.4-3.1 ms,
  // restored frame 2.85-2.92x -> 2.69-2.87x the floor sampled alongside).
  ::malloc_trim(0);
  WaitForOtherThreadsToExit();
  // Layer 2's filter for every child, compiled when sandtab was built
  // (embedded_layer2.h); each child only patches in its pid.
  const sandbox::PreparedLayer2 layer2 =
      child_config.sandboxed ? sandbox::EmbeddedLayer2(RendererProfile(child_config)) : sandbox::PreparedLayer2{};
  sigset_t child_signal, old_mask;
  sigemptyset(&child_signal);
  sigaddset(&child_signal, SIGCHLD);
  ::sigprocmask(SIG_BLOCK, &child_signal, &old_mask);
  const int signal_fd = ::signalfd(-1, &child_signal, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0) {
    std::fprintf(stderr, "sandtab-zygote: signalfd: %s\n", std::strerror(errno));
    return 1;
  }
  proto::ZygoteToBrowser hello;
  ipc::FillHello(proto::PROCESS_TYPE_ZYGOTE, hello.mutable_hello());
  if (!SendFrame(hello)) return 1;

  ipc::FrameReader reader;
  bool hello_received = false;
  for (;;) {
    pollfd fds[2] = {{kChannelFd, POLLIN, 0}, {signal_fd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    if (fds[1].revents & POLLIN) {
      signalfd_siginfo info;
      while (::read(signal_fd, &info, sizeof(info)) == sizeof(info)) {
      }
      int status = 0;
      for (pid_t pid; (pid = ::waitpid(-1, &status, WNOHANG)) > 0;) {
        proto::ZygoteToBrowser exited;
        exited.mutable_child_exited()->set_ns_pid(pid);
        exited.mutable_child_exited()->set_wait_status(status);
        if (!SendFrame(exited)) return 1;
      }
    }
    if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    std::vector<UniqueFd> received;
    std::span<uint8_t> space = reader.WritableSpace(4096);
    ssize_t n = ipc::ReceiveWithFds(kChannelFd, space, &received);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return 0;  // the browser is gone; our children die with us (PID namespace)
    reader.Commit(static_cast<size_t>(n), std::move(received));
    ipc::FrameReader::Frame frame;
    for (;;) {
      auto status = reader.Next(&frame);
      if (status == ipc::FrameReader::Status::kNeedMore) break;
      if (status == ipc::FrameReader::Status::kError) {
        std::fprintf(stderr, "sandtab-zygote: %s\n", reader.error().c_str());
        return 1;
      }
      proto::BrowserToZygote message;
      if (!message.ParseFromArray(frame.body.data(), static_cast<int>(frame.body.size())) ||
          message.attached_fds() != frame.fds.size()) {
        std::fprintf(stderr, "sandtab-zygote: malformed request\n");
        return 1;
      }
      if (!hello_received) {
        Status checked = ipc::CheckOpeningHello(message, proto::PROCESS_TYPE_BROWSER);
        if (!checked) {
          std::fprintf(stderr, "sandtab-zygote: %s\n", checked.error().c_str());
          return 1;
        }
        hello_received = true;
        continue;
      }
      if (!message.has_fork_request() || frame.fds.size() != 2) {
        std::fprintf(stderr, "sandtab-zygote: expected a ForkRequest with 2 fds\n");
        return 1;
      }
      proto::ZygoteToBrowser reply;
      reply.mutable_forked()->set_request_id(message.fork_request().request_id());
      const pid_t pid = ::fork();
      if (pid == 0)
        BecomeRenderer(message.fork_request().request_id(), std::move(frame.fds[0]), std::move(frame.fds[1]), signal_fd,
                       old_mask, child_config, layer2);
      if (pid < 0) reply.mutable_forked()->set_error(std::string("fork: ") + std::strerror(errno));
      reply.mutable_forked()->set_ns_pid(pid > 0 ? pid : 0);
      frame.fds.clear();  // the child has its own copies
      if (!SendFrame(reply)) return 1;
    }
  }
}

}  // namespace sandtab::renderer
