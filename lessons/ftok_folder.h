#ifndef SANDTAB_LESSONS_FTOK_FOLDER_H_
#define SANDTAB_LESSONS_FTOK_FOLDER_H_

#include <array>
#include <atomic>
#include <string>
#include <vector>

namespace sandtab::lessons {

// The lessons' own folder under /tmp (mode 0700, made on first use) and the
// files in it: ftok keys (ftok needs an existing inode, and a file of our
// own means a key nobody else derives), strace summaries, screenshots.
// RemoveAll unlinks them from a signal handler: the paths are kept in
// fixed arrays as well, so it allocates nothing.
class FtokFolder {
 public:
  static constexpr int kMaxFiles = 16;

  FtokFolder() = default;
  ~FtokFolder() { RemoveAll(); }
  FtokFolder(const FtokFolder&) = delete;
  FtokFolder& operator=(const FtokFolder&) = delete;

  const std::string& Path();
  // Path()/name, created empty if it is not there; one file per name.
  std::string File(const std::string& name);
  // Unlinks every file and the folder. Async-signal-safe.
  void RemoveAll();
  // RemoveAll outside a signal handler; the next File() makes a new folder.
  void Clean();

 private:
  std::string path_;
  std::vector<std::string> files_;
  std::array<std::array<char, 256>, kMaxFiles> unlink_paths_{};
  std::atomic<int> unlink_count_{0};
  std::array<char, 256> folder_path_{};
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_FTOK_FOLDER_H_
