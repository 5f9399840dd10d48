#include "tests/support/proc_facts.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace sandtab::test {
namespace {

std::string ProcPath(pid_t pid, const std::string& rest) { return "/proc/" + std::to_string(pid) + "/" + rest; }

// Fields of /proc/PID/stat after the command name (which may hold spaces
// and parentheses): element 0 is field 3, the state.
std::optional<std::vector<std::string>> StatFieldsAfterComm(pid_t pid) {
  std::ifstream in(ProcPath(pid, "stat"));
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  if (fields.size() < 20) return std::nullopt;
  return fields;
}

std::optional<std::string> ReadLink(const std::string& path) {
  char target[4096];
  ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
  if (n < 0) return std::nullopt;
  return std::string(target, static_cast<size_t>(n));
}

}  // namespace

std::optional<char> ProcessState(pid_t pid) {
  auto fields = StatFieldsAfterComm(pid);
  if (!fields || (*fields)[0].empty()) return std::nullopt;
  return (*fields)[0][0];
}

bool IsAlive(pid_t pid) {
  auto state = ProcessState(pid);
  return state && *state != 'Z' && *state != 'X';
}

bool IsZombie(pid_t pid) {
  auto state = ProcessState(pid);
  return state && *state == 'Z';
}

bool IsGone(pid_t pid) { return access(ProcPath(pid, "").c_str(), F_OK) != 0; }

std::optional<unsigned long long> StartTime(pid_t pid) {
  auto fields = StatFieldsAfterComm(pid);
  if (!fields) return std::nullopt;
  return std::stoull((*fields)[19]);  // field 22
}

std::optional<pid_t> ParentPid(pid_t pid) {
  auto fields = StatFieldsAfterComm(pid);
  if (!fields) return std::nullopt;
  return static_cast<pid_t>(std::stol((*fields)[1]));  // field 4
}

std::vector<std::string> FdTargets(pid_t pid) {
  std::vector<std::string> targets;
  std::string dir = ProcPath(pid, "fd");
  for (const std::string& name : DirEntries(dir)) {
    targets.push_back(name + " -> " + ReadLink(dir + "/" + name).value_or("?"));
  }
  return targets;
}

int FdCount(pid_t pid) {
  DIR* dir = opendir(ProcPath(pid, "fd").c_str());
  if (!dir) return -1;
  int count = 0;
  while (dirent* entry = readdir(dir)) count += entry->d_name[0] == '.' ? 0 : 1;
  closedir(dir);
  return count;
}

int MemfdCount(pid_t pid) {
  std::string dir = ProcPath(pid, "fd");
  if (access(dir.c_str(), F_OK) != 0) return -1;
  int count = 0;
  for (const std::string& name : DirEntries(dir)) {
    auto target = ReadLink(dir + "/" + name);
    if (target && target->rfind("/memfd:", 0) == 0) ++count;
  }
  return count;
}

std::vector<pid_t> Children(pid_t pid) {
  std::vector<pid_t> children;
  std::string tasks = ProcPath(pid, "task");
  for (const std::string& tid : DirEntries(tasks)) {
    std::ifstream in(tasks + "/" + tid + "/children");
    for (pid_t child; in >> child;) children.push_back(child);
  }
  std::sort(children.begin(), children.end());
  children.erase(std::unique(children.begin(), children.end()), children.end());
  return children;
}

std::string ReadProcFile(pid_t pid, const std::string& name) {
  std::ifstream in(ProcPath(pid, name));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

long SmapsKb(pid_t pid, const std::string& mapping, const std::string& field) {
  std::istringstream smaps(ReadProcFile(pid, "smaps"));
  long total = 0;
  bool in_mapping = false;
  for (std::string line; std::getline(smaps, line);) {
    const std::string first = line.substr(0, line.find(' '));
    if (first.empty() || first.back() != ':') {  // a mapping's header line
      in_mapping = line.find(mapping) != std::string::npos;
    } else if (in_mapping && first == field) {
      total += std::stol(line.substr(field.size()));
    }
  }
  return total;
}

std::vector<pid_t> RendererDescendants(pid_t pid) {
  std::vector<pid_t> result;
  for (pid_t child : Children(pid)) {
    if (ReadProcFile(child, "cmdline").find("--zygote") == std::string::npos) {
      result.push_back(child);
      continue;
    }
    for (pid_t grandchild : Children(child)) result.push_back(grandchild);
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> SysvSegmentsOfTree(pid_t root) {
  std::set<pid_t> tree = {root};
  for (std::vector<pid_t> level = {root}; !level.empty();) {
    std::vector<pid_t> next;
    for (pid_t pid : level) {
      for (pid_t child : Children(pid)) {
        if (tree.insert(child).second) next.push_back(child);
      }
    }
    level = std::move(next);
  }
  std::vector<std::string> segments;
  std::ifstream in("/proc/sysvipc/shm");
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string key, shmid, perms, size;
    pid_t creator = -1;
    if (!(fields >> key >> shmid >> perms >> size >> creator)) continue;
    if (tree.count(creator) > 0 || !IsAlive(creator)) segments.push_back(key + " " + shmid);
  }
  std::sort(segments.begin(), segments.end());
  return segments;
}

std::optional<std::string> StatusField(pid_t pid, const std::string& key) {
  std::ifstream in(ProcPath(pid, "status"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::string value = line.substr(key.size() + 1);
    size_t first = value.find_first_not_of(" \t");
    size_t last = value.find_last_not_of(" \t");
    return first == std::string::npos ? "" : value.substr(first, last - first + 1);
  }
  return std::nullopt;
}

std::optional<std::string> Namespace(pid_t pid, const std::string& name) {
  return ReadLink(ProcPath(pid, "ns/" + name));
}

std::vector<std::string> DirEntries(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = opendir(path.c_str());
  if (!dir) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sandtab::test
