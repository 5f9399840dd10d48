// Filesystem, network, new processes, other processes, System V IPC.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "tests/sandbox/hostile.h"

namespace sandtab::sandbox::hostile {
namespace {

void TryOpen(const std::string& name, const std::string& path, int flags) {
  int fd = open(path.c_str(), flags | O_CLOEXEC, 0600);
  Report(name, fd, errno);  // errno of the call above
  if (fd >= 0) close(fd);
}

void AttemptFilesystem(const std::string& host_pid, const std::string& tmpdir) {
  TryOpen("read-etc-passwd", "/etc/passwd", O_RDONLY);
  TryOpen("read-own-binary-dir", "/usr/lib", O_RDONLY | O_DIRECTORY);
  TryOpen("create-file-in-tmpdir", tmpdir + "/created-by-hostile", O_CREAT | O_WRONLY);
  TryOpen("read-host-proc-status", "/proc/" + host_pid + "/status", O_RDONLY);
  DIR* dir = opendir("/");
  Report("list-root", dir ? 0 : -1, errno);  // errno of the call above
  if (dir) closedir(dir);
  struct stat info;
  HOSTILE_REPORT("stat-etc-passwd", stat("/etc/passwd", &info));
  HOSTILE_REPORT("mkdir-in-tmpdir", mkdir((tmpdir + "/dir-by-hostile").c_str(), 0700));
  char link[256];
  HOSTILE_REPORT("readlink-proc-self-exe", readlink("/proc/self/exe", link, sizeof(link)));
  HOSTILE_REPORT("chdir-up", chdir(".."));
}

void TrySocket(const std::string& name, int family, int type) {
  int fd = socket(family, type | SOCK_CLOEXEC, 0);
  Report(name, fd, errno);  // errno of the call above
  if (fd >= 0) close(fd);
}

// socket() + connect(); the report is the first step that failed.
void TryConnect(const std::string& name, const sockaddr* address, socklen_t length) {
  int fd = socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Report(name, -1, errno);
  int rc = connect(fd, address, length);
  Report(name, rc, errno);  // errno of the call above
  close(fd);
}

void AttemptNetwork(int tcp_port, const std::string& abstract_name) {
  TrySocket("socket-inet", AF_INET, SOCK_STREAM);
  TrySocket("socket-inet6", AF_INET6, SOCK_STREAM);
  TrySocket("socket-unix", AF_UNIX, SOCK_STREAM);
  TrySocket("socket-netlink", AF_NETLINK, SOCK_RAW);
  TrySocket("socket-packet", AF_PACKET, SOCK_RAW);
  TrySocket("socket-vsock", AF_VSOCK, SOCK_STREAM);
  int pair[2];
  HOSTILE_REPORT("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
  sockaddr_in tcp = {};
  tcp.sin_family = AF_INET;
  tcp.sin_port = htons(static_cast<uint16_t>(tcp_port));
  tcp.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  TryConnect("connect-host-tcp-listener", reinterpret_cast<sockaddr*>(&tcp), sizeof(tcp));
  sockaddr_un unix_address = {};
  unix_address.sun_family = AF_UNIX;
  memcpy(unix_address.sun_path + 1, abstract_name.data(), abstract_name.size());
  TryConnect("connect-host-abstract-unix", reinterpret_cast<sockaddr*>(&unix_address),
             static_cast<socklen_t>(sizeof(sa_family_t) + 1 + abstract_name.size()));
  // connect() itself on the one socket we have (fd 3): denied by policy.
  HOSTILE_REPORT("connect-on-fd3", connect(3, reinterpret_cast<sockaddr*>(&tcp), sizeof(tcp)));
}

void AttemptProcesses() {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  Report("fork", pid, errno);  // errno of the call above
  if (pid > 0) waitpid(pid, nullptr, 0);
  long raw = syscall(SYS_clone, SIGCHLD, nullptr, nullptr, nullptr, nullptr);
  if (raw == 0) _exit(0);
  Report("clone-process", raw, errno);  // errno of the call above
  if (raw > 0) waitpid(static_cast<pid_t>(raw), nullptr, 0);
  struct clone_args args = {};
  args.exit_signal = SIGCHLD;
  long raw3 = syscall(SYS_clone3, &args, sizeof(args));
  if (raw3 == 0) _exit(0);
  Report("clone3", raw3, errno);  // errno of the call above
  if (raw3 > 0) waitpid(static_cast<pid_t>(raw3), nullptr, 0);
  // A thread is allowed (positive control: glibc falls back from clone3).
  bool ran = false;
  int thread_errno = 0;
  try {
    std::thread([&ran] { ran = true; }).join();
  } catch (const std::system_error& error) {
    thread_errno = error.code().value();
  }
  Report("thread", ran ? 0 : -1, thread_errno);
}

void AttemptOtherProcesses(pid_t host_pid) {
  // Signal 0 only: checks reachability, never delivers anything.
  HOSTILE_REPORT("signal0-host-pid", kill(host_pid, 0));
  HOSTILE_REPORT("signal0-process-group", kill(0, 0));
  HOSTILE_REPORT("signal0-everyone", kill(-1, 0));
  HOSTILE_REPORT("signal0-self", kill(getpid(), 0));
  HOSTILE_REPORT("tkill-host-pid", syscall(SYS_tkill, host_pid, 0));
}

void AttemptSysV(key_t key) {
  HOSTILE_REPORT("shmget-host-key", shmget(key, 0, 0));
  HOSTILE_REPORT("msgget-host-key", msgget(key, 0));
}

void AttemptExec() {
  // Last: if it were allowed it would replace this process (the test then
  // misses the DONE line and fails).
  char* const argv[] = {const_cast<char*>("/bin/true"), nullptr};
  char* const envp[] = {nullptr};
  HOSTILE_REPORT("execve-bin-true", execve("/bin/true", argv, envp));
}

}  // namespace

int RunAttempts(const std::vector<std::string>& args) {
  pid_t host_pid = static_cast<pid_t>(std::atoi(args[0].c_str()));
  AttemptFilesystem(args[0], args[1]);
  AttemptNetwork(std::atoi(args[2].c_str()), args[3]);
  AttemptProcesses();
  AttemptOtherProcesses(host_pid);
  AttemptSysV(static_cast<key_t>(std::strtol(args[4].c_str(), nullptr, 0)));
  AttemptExec();
  return 0;
}

}  // namespace sandtab::sandbox::hostile
