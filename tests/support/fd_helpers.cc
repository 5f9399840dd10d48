#include "tests/support/fd_helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace sandtab::test {

SocketPair MakeSocketPair() {
  int fds[2] = {-1, -1};
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return {};
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

UniqueFd MakeMemfd(size_t size, int seals) {
  UniqueFd fd(::memfd_create("sandtab-test", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (!fd) return {};
  if (::ftruncate(fd.get(), static_cast<off_t>(size)) != 0) return {};
  if (seals != 0 && ::fcntl(fd.get(), F_ADD_SEALS, seals) != 0) return {};
  return fd;
}

UniqueFd MakeTempFile(size_t size) {
  char path[] = "/tmp/sandtab-test-XXXXXX";
  UniqueFd fd(::mkostemp(path, O_CLOEXEC));
  if (!fd) return {};
  ::unlink(path);
  if (::ftruncate(fd.get(), static_cast<off_t>(size)) != 0) return {};
  return fd;
}

namespace {

template <typename Visit>
void ForEachOpenFd(Visit visit) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return;
  const int own = ::dirfd(dir);
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    int fd = std::atoi(entry->d_name);
    if (fd != own) visit(fd);
  }
  ::closedir(dir);
}

}  // namespace

std::vector<bool> ResidentPages(int fd, size_t pages) {
  const size_t bytes = pages * 4096;
  void* map = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) return {};
  std::vector<unsigned char> resident(pages);
  const bool known = ::mincore(map, bytes, resident.data()) == 0;
  ::munmap(map, bytes);
  if (!known) return {};
  std::vector<bool> out;
  for (unsigned char r : resident) out.push_back(r & 1);
  return out;
}

bool AnyPageResident(int fd, size_t pages) {
  for (bool page : ResidentPages(fd, pages)) {
    if (page) return true;
  }
  return false;
}

int CountOpenFds() {
  int count = 0;
  ForEachOpenFd([&](int) { ++count; });
  return count;
}

std::string DescribeOpenFds() {
  std::string text;
  ForEachOpenFd([&](int fd) {
    char link[64];
    char target[256];
    std::snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = ::readlink(link, target, sizeof(target) - 1);
    target[n > 0 ? n : 0] = '\0';
    text += std::to_string(fd) + "->" + target + " ";
  });
  return text;
}

int BytesUnread(int socket) {
  int n = -1;
  if (::ioctl(socket, FIONREAD, &n) != 0) return -1;
  return n;
}

bool IsCloseOnExec(int fd) {
  int flags = ::fcntl(fd, F_GETFD);
  return flags >= 0 && (flags & FD_CLOEXEC);
}

bool SameFile(int a, int b) {
  struct stat sa, sb;
  if (::fstat(a, &sa) != 0 || ::fstat(b, &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace sandtab::test
