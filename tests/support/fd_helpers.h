#ifndef SANDTAB_TESTS_SUPPORT_FD_HELPERS_H_
#define SANDTAB_TESTS_SUPPORT_FD_HELPERS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "base/unique_fd.h"

namespace sandtab::test {

// Both ends of an AF_UNIX SOCK_STREAM socketpair (blocking, close-on-exec),
// the kind the browser creates per child.
struct SocketPair {
  UniqueFd a;
  UniqueFd b;
};
SocketPair MakeSocketPair();

// A memfd of `size` bytes carrying `seals` (0 for none, else F_SEAL_* bits).
// Invalid fd on failure.
UniqueFd MakeMemfd(size_t size, int seals);

// A plain, non-memfd file of `size` bytes (unlinked temporary file).
UniqueFd MakeTempFile(size_t size);

// Bytes queued for reading on a socket (FIONREAD).
int BytesUnread(int socket);

// Number of entries in /proc/self/fd (the directory's own fd excluded).
int CountOpenFds();
// Every open fd and what it points to ("3->socket:[123] ..."), for
// failure messages.
std::string DescribeOpenFds();

// Which of the first `pages` pages of the file behind `fd` exist: mincore
// on a fresh mapping of a shmem file reports the file's pages, whoever
// touched them. Empty if the file cannot be mapped.
std::vector<bool> ResidentPages(int fd, size_t pages);
bool AnyPageResident(int fd, size_t pages);

bool IsCloseOnExec(int fd);
// True when `a` and `b` name the same open file (st_dev and st_ino).
bool SameFile(int a, int b);

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_FD_HELPERS_H_
