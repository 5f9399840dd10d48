#ifndef SANDTAB_BROWSER_LOADER_CONTENT_ROOT_FILES_H_
#define SANDTAB_BROWSER_LOADER_CONTENT_ROOT_FILES_H_

#include <cstddef>
#include <string>

#include "base/unique_fd.h"

namespace sandtab::browser {

// Reads files under the content root and nowhere else. The root is opened
// once; every path is resolved beneath that descriptor by the kernel
// (openat2 RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS), so a "..", a symlink
// (absolute, or relative and leaving the root) or a /proc magic link is
// refused during the walk itself: a component swapped for a link after a
// check cannot lead outside (no TOCTOU). The opened file must be a regular
// file (fstat on the descriptor, so a FIFO or /dev/zero is refused, and
// O_NONBLOCK keeps a FIFO's open from waiting for a writer) and at most
// `max_bytes`, also while it is read (a file growing meanwhile fails).
//
// Read() may block (a hung network mount): the loader calls it on its
// BlockingWorker, never on the browser's loop. Const and thread-safe.
class ContentRootFiles {
 public:
  explicit ContentRootFiles(const std::string& root);

  struct Read {
    enum class Outcome { kOk, kRefused, kFailed };
    Outcome outcome = Outcome::kFailed;
    std::string detail;  // for the broker log and the user: never sent to a renderer
    std::string body;
  };
  Read ReadFile(const std::string& root_relative_path, size_t max_bytes) const;

 private:
  UniqueFd root_;
  std::string root_error_;  // why the root could not be opened, or empty
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_CONTENT_ROOT_FILES_H_
