#include "sandbox/probes.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sandtab::sandbox {
namespace {

// Errors that mean "the sandbox said no" (not "there was nobody there").
bool IsDenial(int error) { return error == EPERM || error == EACCES || error == ENOENT; }

ProbeResult Refused(std::string name, const char* call, int error) {
  return {std::move(name), IsDenial(error), error, std::string(call) + ": " + strerror(error)};
}

ProbeResult Succeeded(std::string name, std::string detail) { return {std::move(name), false, 0, std::move(detail)}; }

ProbeResult ProbeOpen(const std::string& path) {
  std::string name = "open " + path;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Refused(name, "open", errno);
  close(fd);
  return Succeeded(name, "opened");
}

ProbeResult ProbeCreate() {
  const char* path = "/tmp/sandtab-sandbox-probe";
  int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return Refused("create /tmp/sandtab-sandbox-probe", "open", errno);
  close(fd);
  unlink(path);  // leave nothing behind when unsandboxed
  return Succeeded("create /tmp/sandtab-sandbox-probe", "created (and removed)");
}

ProbeResult ProbeSocket(const char* name, int family, int type) {
  int fd = socket(family, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return Refused(name, "socket", errno);
  close(fd);
  return Succeeded(name, "socket created");
}

// socket() then connect(): with no sandbox the connect's own answer
// (usually "refused") is reported, and it is not a denial.
ProbeResult ProbeConnect(const char* name, const sockaddr* address, socklen_t length) {
  int fd = socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Refused(name, "socket", errno);
  int rc = connect(fd, address, length);
  int error = errno;
  close(fd);
  if (rc == 0) return Succeeded(name, "connected");
  ProbeResult result = Refused(name, "connect", error);
  result.denied = error == EPERM || error == EACCES;
  return result;
}

ProbeResult ProbeTcpLoopback() {
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(80);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ProbeConnect("connect tcp 127.0.0.1:80", reinterpret_cast<sockaddr*>(&address), sizeof(address));
}

ProbeResult ProbeUnixSocket() {
  sockaddr_un address = {};
  address.sun_family = AF_UNIX;
  strncpy(address.sun_path, "/run/dbus/system_bus_socket", sizeof(address.sun_path) - 1);
  return ProbeConnect("connect unix /run/dbus/system_bus_socket", reinterpret_cast<sockaddr*>(&address),
                      sizeof(address));
}

ProbeResult ProbeFork() {
  pid_t pid = fork();
  if (pid < 0) return Refused("fork", "fork", errno);
  if (pid == 0) _exit(0);
  waitpid(pid, nullptr, 0);
  return Succeeded("fork", "forked a child");
}

ProbeResult ProbeExec() {
  // A path that does not exist: if execve is allowed it fails with ENOENT
  // (reported as allowed) instead of replacing this process.
  char* const argv[] = {nullptr};
  execve("/nonexistent/sandtab-probe", argv, argv);
  int error = errno;
  ProbeResult result = Refused("execve", "execve", error);
  result.denied = error == EPERM;
  if (!result.denied) result.detail += " (execve itself was allowed)";
  return result;
}

ProbeResult ProbeSignalBrowser(pid_t browser_pid) {
  std::string name = "signal 0 to the browser (pid " + std::to_string(browser_pid) + ")";
  if (kill(browser_pid, 0) == 0) return Succeeded(name, "browser reachable");
  int error = errno;
  ProbeResult result = Refused(name, "kill", error);
  result.denied = error == EPERM || error == ESRCH;  // ESRCH: not in our PID namespace
  return result;
}

// What a JIT does, and what an exploit needs: bytes it wrote, made
// executable. The page is unmapped whatever happens.
ProbeResult ProbeExecutableMemory() {
  const char* name = "mprotect PROT_EXEC";
  void* page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return Refused(name, "mmap", errno);
  const int rc = mprotect(page, 4096, PROT_READ | PROT_EXEC);
  const int error = errno;
  munmap(page, 4096);
  if (rc == 0) return Succeeded(name, "a written page became executable");
  return Refused(name, "mprotect", error);
}

}  // namespace

std::vector<ProbeResult> RunForbiddenProbes(pid_t browser_pid, bool executable_memory_forbidden) {
  std::vector<ProbeResult> probes = {
      ProbeOpen("/etc/passwd"),
      ProbeOpen("/proc/" + std::to_string(browser_pid) + "/status"),
      ProbeCreate(),
      ProbeSocket("socket AF_INET", AF_INET, SOCK_STREAM),
      ProbeSocket("socket AF_UNIX", AF_UNIX, SOCK_STREAM),
      ProbeTcpLoopback(),
      ProbeUnixSocket(),
      ProbeFork(),
      ProbeExec(),
      ProbeSignalBrowser(browser_pid),
  };
  if (executable_memory_forbidden) probes.push_back(ProbeExecutableMemory());
  return probes;
}

}  // namespace sandtab::sandbox
