#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox::child {
namespace {

int MakeDirectory(const char* path, mode_t mode) {
  if (mkdir(path, mode) == 0 || errno == EEXIST) return 0;
  return errno;
}

int AddEntry(const ViewEntry& entry) {
  if (entry.kind == ViewEntry::Kind::kSymlink)
    return symlink(entry.link_text.c_str(), entry.target.c_str()) == 0 ? 0 : errno;
  if (entry.kind == ViewEntry::Kind::kFile) {
    int fd = open(entry.target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0444);
    if (fd < 0) return errno;
    close(fd);
  }
  // Not MS_REC: mounts below the source stay out of the view (and could
  // not be made read-only by the non-recursive remount below).
  if (mount(entry.source.c_str(), entry.target.c_str(), nullptr, MS_BIND, nullptr) != 0) return errno;
  // A bind inherits the source's writability; read-only needs a remount.
  if (mount(nullptr, entry.target.c_str(), nullptr, entry.remount_flags, nullptr) != 0) return errno;
  return 0;
}

}  // namespace

// A tmpfs becomes the root; only ViewPaths() are bound into it, read-only;
// then the old root is detached and the tmpfs itself made read-only.
int SetUpFilesystemView(const ChildPlan& plan) {
  // 1. Private propagation first: otherwise every mount below would also
  //    appear in the host's (shared) mount namespace.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return errno;
  // 2. The staging tmpfs, made the root with pivot_root *before* the binds:
  //    the old root then stays reachable under /.old for the bind sources
  //    even when a source lies below the staging directory (bubblewrap's
  //    order).
  if (mount("tmpfs", kStagingDir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755,size=64k,nr_inodes=256") != 0)
    return errno;
  if (chdir(kStagingDir) != 0) return errno;
  if (int error = MakeDirectory(kOldRoot + 1, 0700)) return error;
  if (syscall(SYS_pivot_root, ".", kOldRoot + 1) != 0) return errno;
  if (chdir("/") != 0) return errno;
  // 3. The view: directories (parents first), then each entry.
  for (const std::string& directory : plan.directories)
    if (int error = MakeDirectory(directory.c_str(), 0755)) return error;
  for (const ViewEntry& entry : plan.entries)
    if (int error = AddEntry(entry)) return error;
  // 4. The empty directory layer 2 will chroot into, created now because
  //    the root becomes read-only in step 6.
  if (int error = MakeDirectory(kLayer2RootDir, 0555)) return error;
  // 5. Detach the old root: nothing of the host is reachable past this.
  if (umount2(kOldRoot, MNT_DETACH) != 0) return errno;
  if (rmdir(kOldRoot) != 0) return errno;
  // 6. The root tmpfs itself read-only.
  if (mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    return errno;
  return chdir("/") == 0 ? 0 : errno;
}

}  // namespace sandtab::sandbox::child
