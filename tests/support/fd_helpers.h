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

// A close-on-exec duplicate of each fd (invalid where dup fails): to look
// at files after handing the originals over.
std::vector<UniqueFd> DuplicateFds(const std::vector<UniqueFd>& fds);

// Which pages of this process's memory from `start` (rounded down to its
// page) for `bytes` are resident (mincore). Empty if mincore refuses.
std::vector<bool> ResidentPagesAt(const void* start, size_t bytes);
// Which of the first `pages` pages of the file behind `fd` exist: mincore
// on a fresh mapping of a shmem file reports the file's pages, whoever
// touched them. Empty if the file cannot be mapped.
std::vector<bool> ResidentPages(int fd, size_t pages);
// How many of those pages exist, or -1 if it cannot be told (so that
// neither an expectation of none nor of some passes by mistake).
int ResidentPageCount(int fd, size_t pages);
// Leaves memory in the heap that was written and then freed, not given
// back to the kernel: what a process's heap holds after it has run a while,
// and what a new heap block may then be made of.
void LeaveWrittenMemoryInTheHeap();

bool IsCloseOnExec(int fd);
// True when `a` and `b` name the same open file (st_dev and st_ino).
bool SameFile(int a, int b);

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_FD_HELPERS_H_
