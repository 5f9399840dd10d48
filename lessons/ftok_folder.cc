#include "lessons/ftok_folder.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sandtab::lessons {
namespace {

void CopyPath(std::array<char, 256>& to, const std::string& from) {
  std::strncpy(to.data(), from.c_str(), to.size() - 1);
  to[to.size() - 1] = '\0';
}

}  // namespace

const std::string& FtokFolder::Path() {
  if (path_.empty()) {
    char pattern[] = "/tmp/sandtab-lessons-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    CopyPath(folder_path_, path_);
  }
  return path_;
}

std::string FtokFolder::File(const std::string& name) {
  std::string path = Path() + "/" + name;
  if (std::find(files_.begin(), files_.end(), path) != files_.end()) return path;
  const int slot = unlink_count_.load();
  if (slot >= kMaxFiles) throw std::length_error("FtokFolder: too many files");
  files_.push_back(path);
  int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  CopyPath(unlink_paths_[slot], path);
  unlink_count_.store(slot + 1);
  return path;
}

void FtokFolder::RemoveAll() {
  const int files = unlink_count_.exchange(0);
  for (int i = 0; i < files; ++i) ::unlink(unlink_paths_[i].data());
  if (folder_path_[0] != '\0') ::rmdir(folder_path_.data());
}

void FtokFolder::Clean() {
  RemoveAll();
  path_.clear();
  folder_path_[0] = '\0';
  files_.clear();
}

}  // namespace sandtab::lessons
