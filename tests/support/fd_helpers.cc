#include "tests/support/fd_helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

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

std::vector<UniqueFd> DuplicateFds(const std::vector<UniqueFd>& fds) {
  std::vector<UniqueFd> copies;
  for (const UniqueFd& fd : fds) copies.emplace_back(::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0));
  return copies;
}

std::vector<bool> ResidentPagesAt(const void* start, size_t bytes) {
  const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const uintptr_t first = reinterpret_cast<uintptr_t>(start) / page * page;
  const uintptr_t end = reinterpret_cast<uintptr_t>(start) + bytes;
  std::vector<unsigned char> resident((end - first + page - 1) / page);
  if (::mincore(reinterpret_cast<void*>(first), end - first, resident.data()) != 0) return {};
  std::vector<bool> out;
  for (unsigned char r : resident) out.push_back(r & 1);
  return out;
}

std::vector<bool> ResidentPages(int fd, size_t pages) {
  const size_t bytes = pages * static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  void* map = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) return {};
  std::vector<bool> out = ResidentPagesAt(map, bytes);
  ::munmap(map, bytes);
  return out;
}

void LeaveWrittenMemoryInTheHeap() {
  std::vector<std::unique_ptr<uint8_t[]>> written;
  for (int i = 0; i < 64; ++i) {
    written.push_back(std::make_unique<uint8_t[]>(4096));
    std::memset(written.back().get(), 0x5a, 4096);
  }
}

int ResidentPageCount(int fd, size_t pages) {
  const std::vector<bool> resident = ResidentPages(fd, pages);
  if (resident.empty()) return -1;
  return static_cast<int>(std::count(resident.begin(), resident.end(), true));
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
