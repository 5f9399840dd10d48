#include "bench/e2e_proc_facts.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace sandtab::bench {

MemorySplit ReadMemorySplit(pid_t pid) {
  MemorySplit split;
  std::ifstream smaps("/proc/" + std::to_string(pid) + "/smaps");
  if (!smaps) return split;
  split.exists = true;
  bool memfd = false;
  for (std::string line; std::getline(smaps, line);) {
    const size_t colon = line.find(':');
    // A mapping's header starts with its hex range "start-end perms ...".
    if (colon == std::string::npos || line.find('-') < colon) {
      memfd = line.find("/memfd:") != std::string::npos;
      if (memfd) ++split.memfd_mappings;
      continue;
    }
    const std::string key = line.substr(0, colon);
    const uint64_t kib = std::strtoull(line.c_str() + colon + 1, nullptr, 10);
    if (key == "Private_Clean" || key == "Private_Dirty") {
      split.private_kib += kib;
      if (memfd) split.memfd_private_kib += kib;
    } else if (memfd && (key == "Shared_Clean" || key == "Shared_Dirty")) {
      split.memfd_shared_kib += kib;
    } else if (memfd && key == "Rss") {
      split.memfd_rss_kib += kib;
    } else if (key == "Pss") {
      split.pss_kib += kib;
    }
  }
  return split;
}

int64_t ReadMinorFaults(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(file, stat)) return -1;
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt.
  const size_t close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close_paren + 2));
  std::string skipped;
  for (int i = 0; i < 7; ++i) fields >> skipped;
  int64_t minflt = -1;
  fields >> minflt;
  return fields ? minflt : -1;
}

Descendants CountDescendants(pid_t except) {
  std::map<pid_t, pid_t> parent;
  std::map<pid_t, char> state;
  DIR* dir = ::opendir("/proc");
  if (!dir) return {};
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream file(std::string("/proc/") + entry->d_name + "/stat");
    std::string stat;
    std::getline(file, stat);
    const size_t close_paren = stat.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream fields(stat.substr(close_paren + 2));
    char process_state = '?';
    pid_t ppid = 0;
    fields >> process_state >> ppid;
    const pid_t pid = std::atoi(entry->d_name);
    parent[pid] = ppid;
    state[pid] = process_state;
  }
  ::closedir(dir);
  const pid_t self = ::getpid();
  Descendants counts;
  for (const auto& [pid, ppid] : parent) {
    if (pid == except) continue;
    for (pid_t up = ppid, hops = 0; up > 1 && hops < 64; up = parent.count(up) ? parent[up] : 0, ++hops) {
      if (up != self) continue;
      ++(state[pid] == 'Z' ? counts.zombies : counts.live);
      break;
    }
  }
  return counts;
}

pid_t StartIdle(const std::string& path, bool fonts) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(ready[1], 1);
    ::close(ready[0]);
    ::close(ready[1]);
    const char* argv[] = {path.c_str(), fonts ? "--fonts" : nullptr, nullptr};
    ::execv(path.c_str(), const_cast<char**>(argv));
    ::_exit(127);
  }
  ::close(ready[1]);
  // poll, not select: in the scale run this process is the browser of 500
  // tabs, with 1,500 fds and more, and FD_SET on an fd past FD_SETSIZE
  // (1,024) writes past the fd_set into the stack (it ended two runs of 500
  // scripted tabs with a SIGSEGV at a return address it overwrote).
  pollfd poll_fd{ready[0], POLLIN, 0};
  char byte = 0;
  const bool ok = pid > 0 && ::poll(&poll_fd, 1, 10000) == 1 && ::read(ready[0], &byte, 1) == 1;
  ::close(ready[0]);
  if (!ok && pid > 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
  }
  return pid;
}

IdleFloor::~IdleFloor() {
  for (pid_t pid : pids) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
}

}  // namespace sandtab::bench
