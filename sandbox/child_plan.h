// Everything the launched child needs, computed by the parent *before*
// clone(): after clone() the child only makes system calls
// (async-signal-safe), because the caller may be multi-threaded and another
// thread may hold the malloc lock at the moment of the clone.
#ifndef SANDTAB_SANDBOX_CHILD_PLAN_H_
#define SANDTAB_SANDBOX_CHILD_PLAN_H_

#include <sys/resource.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "sandbox/launcher.h"

namespace sandtab::sandbox {

// One path of the host made visible, read-only, in the new root.
struct ViewEntry {
  enum class Kind { kDirectory, kFile, kSymlink };
  Kind kind = Kind::kDirectory;
  std::string target;               // path in the new root, e.g. "/usr/lib"
  std::string source;               // same path under the old root, e.g. "/.old/usr/lib"
  std::string link_text;            // kSymlink: what the link points to
  unsigned long remount_flags = 0;  // MS_* for the read-only remount
};

struct ResourceLimit {
  int resource;
  rlim_t value;
};

struct ChildPlan {
  bool sandboxed = true;
  // Executable and its arguments, NUL-terminated arrays into owned strings.
  std::string exec_path;
  std::vector<std::string> argv_storage;
  std::vector<std::string> envp_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
  int channel_fd = -1;
  int log_fd = -1;
  int stdin_fd = -1;
  int stdout_fd = -1;
  // Namespaces: joined with setns() (-1: none) then unshare()d by the child,
  // or all created by clone() when the caller cannot create a network
  // namespace to share (not root).
  int net_ns_fd = -1;
  int clone_flags = 0;
  int unshare_flags = 0;
  int sync_fd = -1;         // child's end of the id-map handshake
  int parent_sync_fd = -1;  // parent's end, closed by the child at once
  // Filesystem view.
  std::vector<std::string> directories;  // created in the new root, parents first
  std::vector<ViewEntry> entries;
  std::vector<ResourceLimit> limits;
  uid_t uid = 65534;
  gid_t gid = 65534;
  bool die_with_parent = false;
  int zygote_children = 0;  // LaunchOptions::zygote_children
};

// Where the staging tmpfs is mounted before it becomes the root; the old
// root is moved under it at kOldRootName and detached afterwards.
inline constexpr char kStagingDir[] = "/tmp";
inline constexpr char kOldRoot[] = "/.old";
// The empty directory layer 2 chroots into; created read-only by layer 1.
inline constexpr char kLayer2RootDir[] = "/.layer2-root";
inline constexpr uid_t kSandboxUid = 65534;  // nobody, inside and outside
inline constexpr gid_t kSandboxGid = 65534;  // nogroup

// Fills |plan| from |options|; returns an error message or "".
std::string BuildChildPlan(const LaunchOptions& options, ChildPlan* plan);

// The paths the dynamic loader, fontconfig and the program need.
std::vector<std::string> ViewPaths(const std::string& program_dir, const std::string& preload_dir);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_CHILD_PLAN_H_
