#ifndef SANDTAB_TESTS_BROWSER_TEST_UTIL_H_
#define SANDTAB_TESTS_BROWSER_TEST_UTIL_H_

#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace sandtab::browser::testing {

// A fresh directory under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sandtab-bt-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  bool ok() const { return !path_.empty(); }

 private:
  std::string path_;
};

// A content root for the loader's tests: `root()` holds index.html and
// sub/page.html, and secret.txt lies beside it, outside, where a path that
// escapes the root would land.
class ContentRootDir {
 public:
  ContentRootDir() {
    if (!dir_.ok()) return;
    root_ = dir_.path() + "/root";
    std::filesystem::create_directories(root_ + "/sub");
    Write(root_ + "/index.html", "<p>hi</p>");
    Write(root_ + "/sub/page.html", "<p>sub</p>");
    Write(dir_.path() + "/secret.txt", "secret");
  }
  static void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

  bool ok() const { return dir_.ok() && std::filesystem::is_regular_file(root_ + "/sub/page.html"); }
  const std::string& root() const { return root_; }
  const std::string& outside() const { return dir_.path(); }  // the root's parent

 private:
  TempDir dir_;
  std::string root_;
};

// waitpid with a bound: polls for `limit`, then SIGKILLs and reaps the child
// so a test that fails never leaves it behind. Returns true and the status
// when the child ended by itself within the limit.
inline bool WaitPidFor(pid_t pid, int* status, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t r = ::waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, status, 0);
  return false;
}

}  // namespace sandtab::browser::testing

#endif  // SANDTAB_TESTS_BROWSER_TEST_UTIL_H_
