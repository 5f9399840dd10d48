#ifndef SANDTAB_LESSONS_FTOK_FOLDER_H_
#define SANDTAB_LESSONS_FTOK_FOLDER_H_

#include <array>
#include <string>
#include <vector>

namespace sandtab::lessons {

// The lessons' own folder under /tmp (mode 0700, made on first use) and the
// files in it: ftok keys (ftok needs an existing inode, and a file of our
// own means a key nobody else derives), strace summaries, screenshots.
// RemoveAll empties and removes it from a signal handler too: it reads the
// folder with getdents64 and unlinkat (no allocation), and takes every
// entry, including what others wrote there (the browser's half-written
// screenshot.tmp when Ctrl+C killed it mid-write).
class FtokFolder {
 public:
  FtokFolder() = default;
  ~FtokFolder() { RemoveAll(); }
  FtokFolder(const FtokFolder&) = delete;
  FtokFolder& operator=(const FtokFolder&) = delete;

  const std::string& Path();
  // Path()/name, created empty if it is not there.
  std::string File(const std::string& name);
  // Unlinks every entry and the folder. Async-signal-safe.
  void RemoveAll();
  // RemoveAll outside a signal handler; the next File() makes a new folder.
  void Clean();

 private:
  std::string path_;
  std::array<char, 256> signal_safe_path_{};  // path_, for RemoveAll
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_FTOK_FOLDER_H_
