#include "lessons/ftok_folder.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace sandtab::lessons {
namespace {

// What getdents64 writes, one record after another (the kernel's layout).
struct LinuxDirent64 {
  uint64_t inode;
  int64_t offset;
  unsigned short record_length;
  unsigned char type;
  char name[1];
};

}  // namespace

const std::string& FtokFolder::Path() {
  if (path_.empty()) {
    char pattern[] = "/tmp/sandtab-lessons-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    std::strncpy(signal_safe_path_.data(), pattern, signal_safe_path_.size() - 1);
  }
  return path_;
}

std::string FtokFolder::File(const std::string& name) {
  std::string path = Path() + "/" + name;
  int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  return path;
}

void FtokFolder::RemoveAll() {
  if (signal_safe_path_[0] == '\0') return;
  const int folder = ::open(signal_safe_path_.data(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    alignas(LinuxDirent64) char records[4096];
    long length;
    while ((length = ::syscall(SYS_getdents64, folder, records, sizeof records)) > 0) {
      for (long at = 0; at < length;) {
        const auto* entry = reinterpret_cast<const LinuxDirent64*>(records + at);
        const bool dots = std::strcmp(entry->name, ".") == 0 || std::strcmp(entry->name, "..") == 0;
        if (!dots) ::unlinkat(folder, entry->name, 0);
        at += entry->record_length;
      }
    }
    ::close(folder);
  }
  ::rmdir(signal_safe_path_.data());
}

void FtokFolder::Clean() {
  RemoveAll();
  path_.clear();
  signal_safe_path_[0] = '\0';
}

}  // namespace sandtab::lessons
