#include "sandbox/child_plan.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sandbox/resource_limits.h"

namespace sandtab::sandbox {
namespace {

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

std::string RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (realpath(path.c_str(), buffer) == nullptr) return "";
  return buffer;
}

bool IsUnder(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

// A read-only remount of a bind must keep the flags the kernel locked on
// the original mount (nosuid, nodev, noexec, atime) or it fails with EPERM
// inside a user namespace; adding nosuid and nodev is always allowed.
unsigned long RemountFlags(const std::string& path) {
  unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV;
  struct statfs info;
  if (statfs(path.c_str(), &info) != 0) return flags;
  if (info.f_flags & ST_NOEXEC) flags |= MS_NOEXEC;
  if (info.f_flags & ST_NOATIME) flags |= MS_NOATIME;
  if (info.f_flags & ST_NODIRATIME) flags |= MS_NODIRATIME;
  if (info.f_flags & ST_RELATIME) flags |= MS_RELATIME;
  return flags;
}

void AddParents(const std::string& path, std::vector<std::string>* directories) {
  for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    std::string parent = path.substr(0, slash);
    if (std::find(directories->begin(), directories->end(), parent) == directories->end())
      directories->push_back(parent);
  }
}

std::string BuildView(const std::string& program_dir, const std::string& preload_dir,
                      const std::vector<std::string>& extra_dirs, ChildPlan* plan) {
  std::vector<std::string> paths = ViewPaths(program_dir, preload_dir);
  for (const std::string& dir : extra_dirs) {
    const std::string real = RealPath(dir);
    if (!real.empty()) paths.push_back(real);
  }
  // Parents before children, so a directory is never bound over one of its
  // own entries; paths under an already bound directory are visible anyway.
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::vector<std::string> bound;
  for (const std::string& path : paths) {
    if (std::any_of(bound.begin(), bound.end(), [&](const std::string& dir) { return IsUnder(path, dir); })) continue;
    struct stat info;
    if (lstat(path.c_str(), &info) != 0) continue;  // not on this machine: skip
    ViewEntry entry;
    entry.target = path;
    entry.source = std::string(kOldRoot) + path;
    if (S_ISLNK(info.st_mode)) {
      char link[PATH_MAX];
      ssize_t n = readlink(path.c_str(), link, sizeof(link) - 1);
      if (n <= 0) continue;
      entry.kind = ViewEntry::Kind::kSymlink;
      entry.link_text.assign(link, static_cast<size_t>(n));
    } else if (S_ISDIR(info.st_mode)) {
      entry.kind = ViewEntry::Kind::kDirectory;
      entry.remount_flags = RemountFlags(path);
      bound.push_back(path);
      plan->directories.push_back(path);
    } else if (S_ISREG(info.st_mode)) {
      entry.kind = ViewEntry::Kind::kFile;
      entry.remount_flags = RemountFlags(path);
    } else {
      continue;
    }
    AddParents(path, &plan->directories);
    plan->entries.push_back(std::move(entry));
  }
  // mkdir order: parents first.
  std::sort(plan->directories.begin(), plan->directories.end());
  plan->directories.erase(std::unique(plan->directories.begin(), plan->directories.end()), plan->directories.end());
  return "";
}

void AddLimits(Profile profile, uint64_t process_limit, ChildPlan* plan) {
  ProfileLimits limits = LimitsFor(profile);
  if (process_limit > 0) limits.processes = process_limit;
  if (limits.set_address_space) plan->limits.push_back({RLIMIT_AS, limits.address_space});
  plan->limits.push_back({RLIMIT_NOFILE, limits.open_files});
  plan->limits.push_back({RLIMIT_NPROC, limits.processes});
  plan->limits.push_back({RLIMIT_FSIZE, limits.file_size});
  plan->limits.push_back({RLIMIT_CORE, limits.core_size});
}

}  // namespace

std::vector<std::string> ViewPaths(const std::string& program_dir, const std::string& preload_dir) {
  std::vector<std::string> paths = {
      // The dynamic loader and the libraries (Debian's /lib* are symlinks
      // into /usr, recreated as symlinks).
      "/lib",
      "/lib64",
      "/usr/lib",
      "/usr/lib64",
      "/etc/ld.so.cache",
      // Fontconfig: configuration, fonts and their cache, so layer 1
      // start-up can load the faces layer 2 will no longer be able to open.
      "/etc/fonts",
      "/usr/share/fonts",
      "/usr/share/fontconfig",
      "/var/cache/fontconfig",
      "/usr/local/share/fonts",
      program_dir,
  };
  if (!preload_dir.empty()) paths.push_back(preload_dir);
  return paths;
}

std::string BuildChildPlan(const LaunchOptions& options, ChildPlan* plan) {
  if (options.argv.empty() || options.argv[0].empty() || options.argv[0][0] != '/')
    return "argv[0] must be the absolute path of the program";
  plan->exec_path = RealPath(options.argv[0]);
  if (plan->exec_path.empty()) return "cannot find program " + options.argv[0] + ": " + std::strerror(errno);
  if (access(plan->exec_path.c_str(), X_OK) != 0)
    return "program " + options.argv[0] + " is not executable: " + std::strerror(errno);
  plan->sandboxed = options.sandboxed;
  plan->channel_fd = options.channel_fd;
  plan->log_fd = options.log_fd;
  plan->stdin_fd = options.stdin_fd;
  plan->stdout_fd = options.stdout_fd;
  plan->die_with_parent = options.die_with_parent;
  if (options.zygote_children < 0 || options.zygote_children > kMaxZygoteChildren)
    return "zygote_children must be 0.." + std::to_string(kMaxZygoteChildren);
  plan->zygote_children = options.zygote_children;
  plan->argv_storage = options.argv;
  // A clean environment: nothing of the caller's is inherited.
  plan->envp_storage = {"PATH=/usr/bin:/bin"};
  if (options.bind_now) plan->envp_storage.push_back("LD_BIND_NOW=1");
  std::string preload_dir;
  if (options.layer2_before_main && options.sandboxed) {
    std::string preload = options.preload_library;
    if (preload.empty()) preload = DirName(RealPath("/proc/self/exe")) + "/" + kPreloadLibraryName;
    preload = RealPath(preload);
    if (preload.empty()) return std::string("cannot find ") + kPreloadLibraryName;
    preload_dir = DirName(preload);
    plan->envp_storage.push_back("LD_PRELOAD=" + preload);
    plan->envp_storage.push_back(std::string(kPreloadProfileVariable) + "=" +
                                 std::string(ProfileName(options.profile)));
  }
  for (std::string& arg : plan->argv_storage) plan->argv.push_back(arg.data());
  plan->argv.push_back(nullptr);
  for (std::string& env : plan->envp_storage) plan->envp.push_back(env.data());
  plan->envp.push_back(nullptr);
  if (!options.sandboxed) return "";
  plan->uid = kSandboxUid;
  plan->gid = kSandboxGid;
  AddLimits(options.profile, options.process_limit, plan);
  return BuildView(DirName(plan->exec_path), preload_dir, options.extra_view_dirs, plan);
}

}  // namespace sandtab::sandbox
