#include "browser/process/process_stats.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace sandtab::browser {
namespace {

uint64_t FieldKib(const std::string& text, const char* name) {
  auto at = text.find(name);
  if (at == std::string::npos) return 0;
  return std::strtoull(text.c_str() + at + std::strlen(name), nullptr, 10);
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

}  // namespace

ProcessUsage ReadProcessUsage(pid_t pid) {
  ProcessUsage usage;
  std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  auto close_paren = stat.rfind(')');
  if (stat.empty() || close_paren == std::string::npos) return usage;
  usage.exists = true;
  std::istringstream fields(stat.substr(close_paren + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 3) usage.state = field[0];
    if (i == 14) utime = std::stoull(field);
    if (i == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  usage.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  std::string rollup = ReadFile("/proc/" + std::to_string(pid) + "/smaps_rollup");
  usage.rss_kib = FieldKib(rollup, "Rss:");
  usage.pss_kib = FieldKib(rollup, "Pss:");
  usage.private_kib = FieldKib(rollup, "Private_Clean:") + FieldKib(rollup, "Private_Dirty:");
  return usage;
}

FdCounts CountOwnFds() {
  FdCounts counts;
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return counts;
  const int dir_fd = ::dirfd(dir);
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    if (std::atoi(entry->d_name) == dir_fd) continue;  // our own listing
    ++counts.total;
    char target[256];
    ssize_t n = ::readlinkat(dir_fd, entry->d_name, target, sizeof(target) - 1);
    if (n > 0) {
      target[n] = '\0';
      if (std::strncmp(target, "/memfd:", 7) == 0) ++counts.memfds;
    }
  }
  ::closedir(dir);
  return counts;
}

int CountDevShmEntries() {
  int count = 0;
  if (DIR* dir = ::opendir("/dev/shm")) {
    while (dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] != '.') ++count;
    }
    ::closedir(dir);
  }
  return count;
}

int CountSysvShmSegments() {
  std::ifstream file("/proc/sysvipc/shm");
  std::string line;
  int count = -1;  // the header line
  while (std::getline(file, line)) ++count;
  return count < 0 ? 0 : count;
}

int CountOwnZombies() {
  int zombies = 0;
  std::string self = std::to_string(::getpid());
  DIR* dir = ::opendir("/proc");
  if (!dir) return 0;
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::string stat = ReadFile(std::string("/proc/") + entry->d_name + "/stat");
    auto close_paren = stat.rfind(')');
    if (close_paren == std::string::npos || close_paren + 4 >= stat.size()) continue;
    std::istringstream fields(stat.substr(close_paren + 2));
    std::string state, ppid;
    fields >> state >> ppid;
    if (state == "Z" && ppid == self) ++zombies;
  }
  ::closedir(dir);
  return zombies;
}

}  // namespace sandtab::browser
