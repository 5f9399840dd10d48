#include "browser/loader/content_root_files.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sandtab::browser {
namespace {

constexpr size_t kReadChunk = 64 * 1024;

int OpenBeneath(int root_fd, const std::string& relative) {
  struct open_how how = {};
  how.flags = O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  const char* path = relative.empty() ? "." : relative.c_str();
  return static_cast<int>(::syscall(SYS_openat2, root_fd, path, &how, sizeof(how)));
}

}  // namespace

ContentRootFiles::ContentRootFiles(const std::string& root)
    : root_(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC)) {
  if (!root_) root_error_ = std::string("cannot open the content root: ") + std::strerror(errno);
}

ContentRootFiles::Read ContentRootFiles::ReadFile(const std::string& relative, size_t max_bytes) const {
  using Outcome = Read::Outcome;
  Read read;
  if (!root_) {
    read.detail = root_error_;
    return read;
  }
  UniqueFd fd(OpenBeneath(root_.get(), relative));
  if (!fd) {
    const int error = errno;
    // EXDEV: the walk would leave the root; ELOOP: a magic link or a loop.
    const bool escape = error == EXDEV || error == ELOOP;
    read.outcome = escape ? Outcome::kRefused : Outcome::kFailed;
    read.detail =
        relative + (escape ? ": a link leads outside the content root" : std::string(": ") + std::strerror(error));
    return read;
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    read.outcome = Outcome::kRefused;
    read.detail = relative + ": not a regular file";
    return read;
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    read.detail = relative + ": larger than the body cap";
    return read;
  }
  read.body.reserve(static_cast<size_t>(st.st_size));
  char chunk[kReadChunk];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof(chunk));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      read.body.clear();
      read.detail = relative + ": " + std::strerror(errno);
      return read;
    }
    if (read.body.size() + static_cast<size_t>(n) > max_bytes) {
      read.body.clear();
      read.detail = relative + ": grew past the body cap while read";
      return read;
    }
    read.body.append(chunk, static_cast<size_t>(n));
  }
  read.outcome = Outcome::kOk;
  return read;
}

}  // namespace sandtab::browser
