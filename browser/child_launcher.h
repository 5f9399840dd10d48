#ifndef SANDTAB_BROWSER_CHILD_LAUNCHER_H_
#define SANDTAB_BROWSER_CHILD_LAUNCHER_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "ipc/result.h"
#include "ipc/unique_fd.h"

namespace sandtab::browser {

enum class ChildKind { kRenderer, kPlugin };
enum class SandboxMode { kSandboxed, kUnsandboxed };

struct LaunchRequest {
  ChildKind kind = ChildKind::kRenderer;
  std::vector<std::string> argv;  // argv[0]: absolute path of the program
  SandboxMode sandbox = SandboxMode::kSandboxed;
};

// A started child: a direct, waitable child of the browser whose fd 3 is the
// other end of `channel`, and whose fd 2 writes into `log`.
struct LaunchedChild {
  pid_t pid = -1;
  ipc::UniqueFd channel;
  ipc::UniqueFd log;
};

// How children come to life. An interface because there are two ways (DESIGN
// section 7): a cold fork+exec, and (later) a fork from a zygote.
class ChildLauncher {
 public:
  virtual ~ChildLauncher() = default;
  virtual Result<LaunchedChild> Launch(const LaunchRequest& request) = 0;
};

// fork+exec of the program, through the sandbox's launcher.
class ColdLauncher : public ChildLauncher {
 public:
  Result<LaunchedChild> Launch(const LaunchRequest& request) override;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_CHILD_LAUNCHER_H_
