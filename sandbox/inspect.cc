#include "sandbox/inspect.h"

#include <dirent.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace sandtab::sandbox {
namespace {

// Separate iff the namespace inode differs from ours.
bool Separate(const std::string& proc, const char* ns) {
  struct stat theirs, ours;
  if (stat((proc + "/ns/" + ns).c_str(), &theirs) != 0) return false;
  if (stat((std::string("/proc/self/ns/") + ns).c_str(), &ours) != 0) return false;
  return theirs.st_ino != ours.st_ino || theirs.st_dev != ours.st_dev;
}

void ReadStatus(const std::string& proc, ProcessSandboxStatus* status) {
  std::ifstream file(proc + "/status");
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string key;
    fields >> key;
    if (key == "Seccomp:")
      fields >> status->seccomp_mode;
    else if (key == "Seccomp_filters:")
      fields >> status->seccomp_filters;
    else if (key == "NoNewPrivs:") {
      int v = 0;
      fields >> v;
      status->no_new_privs = v != 0;
    } else if (key == "CapEff:")
      fields >> std::hex >> status->cap_effective;
    else if (key == "CapPrm:")
      fields >> std::hex >> status->cap_permitted;
    else if (key == "Uid:")
      fields >> status->uid;
    else if (key == "Threads:")
      fields >> status->threads;
  }
}

std::optional<uint64_t> ParseLimit(const std::string& text) {
  if (text == "unlimited") return std::nullopt;
  return std::stoull(text);
}

// Lines like "Max open files            128                  128      files".
void ReadLimits(const std::string& proc, ProcessSandboxStatus* status) {
  std::ifstream file(proc + "/limits");
  std::string line;
  auto soft = [&](size_t name_length) {
    std::istringstream rest(line.substr(name_length));
    std::string value;
    rest >> value;
    return ParseLimit(value);
  };
  while (std::getline(file, line)) {
    if (line.rfind("Max address space", 0) == 0)
      status->address_space = soft(17);
    else if (line.rfind("Max open files", 0) == 0)
      status->open_files = soft(14);
    else if (line.rfind("Max processes", 0) == 0)
      status->processes = soft(13);
    else if (line.rfind("Max file size", 0) == 0)
      status->file_size = soft(13);
    else if (line.rfind("Max core file size", 0) == 0)
      status->core_size = soft(18);
  }
}

int CountFds(const std::string& proc) {
  DIR* dir = opendir((proc + "/fd").c_str());
  if (dir == nullptr) return -1;
  int count = 0;
  while (dirent* entry = readdir(dir))
    if (entry->d_name[0] != '.') ++count;
  closedir(dir);
  return count;
}

std::string Limit(const std::optional<uint64_t>& value) { return value ? std::to_string(*value) : "unlimited"; }

}  // namespace

ProcessSandboxStatus InspectProcess(pid_t pid) {
  ProcessSandboxStatus status;
  status.pid = pid;
  std::string proc = "/proc/" + std::to_string(pid);
  struct stat info;
  if (stat(proc.c_str(), &info) != 0) {
    status.error = "no such process";
    return status;
  }
  status.user_ns = Separate(proc, "user");
  status.pid_ns = Separate(proc, "pid");
  status.net_ns = Separate(proc, "net");
  status.ipc_ns = Separate(proc, "ipc");
  status.uts_ns = Separate(proc, "uts");
  status.mnt_ns = Separate(proc, "mnt");
  ReadStatus(proc, &status);
  ReadLimits(proc, &status);
  status.open_fds = CountFds(proc);
  if (status.seccomp_mode < 0) status.error = "cannot read " + proc + "/status";
  return status;
}

bool ProcessSandboxStatus::FullySandboxed() const {
  return error.empty() && user_ns && pid_ns && net_ns && ipc_ns && uts_ns && mnt_ns && seccomp_mode == 2 &&
         no_new_privs && cap_effective == 0 && cap_permitted == 0 && open_files.has_value() && processes.has_value() &&
         file_size == uint64_t{0} && core_size == uint64_t{0} && open_fds >= 0;
}

std::string ProcessSandboxStatus::ToString() const {
  std::ostringstream out;
  out << "pid " << pid << ": ";
  if (!error.empty()) return out.str() + "unknown (" + error + ")";
  out << (FullySandboxed() ? "sandboxed" : "NOT fully sandboxed") << " (ns";
  const char* separator = " ";
  auto ns = [&](bool separate, const char* name) {
    if (!separate) return;
    out << separator << name;
    separator = ",";
  };
  ns(user_ns, "user");
  ns(pid_ns, "pid");
  ns(net_ns, "net");
  ns(ipc_ns, "ipc");
  ns(uts_ns, "uts");
  ns(mnt_ns, "mnt");
  if (*separator == ' ') out << " shared";
  out << "; seccomp "
      << (seccomp_mode == 2   ? "filter"
          : seccomp_mode == 1 ? "strict"
                              : "off")
      << "; nnp " << (no_new_privs ? "on" : "off") << "; caps " << std::hex << cap_effective << std::dec << "; uid "
      << uid << "; fds " << open_fds << "; limits as=" << Limit(address_space) << " nofile=" << Limit(open_files)
      << " nproc=" << Limit(processes) << " fsize=" << Limit(file_size) << " core=" << Limit(core_size) << ")";
  return out.str();
}

}  // namespace sandtab::sandbox
