#ifndef SANDTAB_BROWSER_BROWSER_H_
#define SANDTAB_BROWSER_BROWSER_H_

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string>

#include "browser/common/browser_config.h"
#include "browser/process/child_launcher.h"
#include "browser/process/child_reaper.h"
#include "browser/process/death_log.h"
#include "browser/process/process_registry.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/loader/resource_loader.h"
#include "browser/storage/browser_storage.h"
#include "browser/tab/tab_manager.h"
#include "browser/common/trace_recorder.h"
#include "browser/shell/shell_services.h"
#include "ipc/event_loop.h"

namespace sandtab::browser {

class WindowController;

// The trusted process, wired together: one io_context, the reaper, the
// process registry and death log, the launcher, the loader and the tabs.
// main() builds one and runs a mode.
class Browser {
 public:
  // `storage`: the cookies and localStorage (main opens them from
  // --user-data-dir); null: a fresh one in memory.
  explicit Browser(BrowserConfig config, std::unique_ptr<BrowserStorage> storage = nullptr);
  ~Browser();

  // The shell until `quit` or end of input (with --window, also until the
  // window is closed). Returns the exit code.
  int RunShell();
  // One page, then exit: --screenshot=FILE writes it, --dump-dom prints its
  // DOM to stdout (both when both are given). 0 on success, else 1 with
  // the reason on stderr.
  int RunOneShot();

  boost::asio::io_context& io() { return io_; }
  const BrowserConfig& config() const { return config_; }
  TabManager& tabs() { return *tabs_; }
  ResourceLoader& loader() { return loader_; }
  BrowserStorage& storage() { return *storage_; }
  PluginBroker& plugins() { return *plugins_; }
  TraceRecorder& trace() { return trace_; }
  // The spare renderer (--spare-renderer), or null.
  class SpareRenderer* spare() {
    return spare_.get();
  }
  // Which processes exist (the zygote among them once it said Hello).
  const ProcessRegistry& processes() const { return processes_; }
  const DeathLog& deaths() const { return deaths_; }
  // Renderers are forked from a zygote (else they start cold).
  bool UsesZygote() const;
  ChildReaper& reaper() { return reaper_; }
  // What the shell drives (the shell never includes this header).
  ShellServices shell_services();

  // Stops the loop after killing and reaping every child.
  void Shutdown();

 private:
  std::string AboutPage(const std::string& name, int tab_id);
  std::unique_ptr<ChildLauncher> MakeLauncher();
  // What starting a renderer takes (the tabs' and the spare's).
  RendererLaunchContext RendererLaunching();
  void RecordDeath(const proto::DeathRecord& record);
  void RunLoop();
  // --window: the window, which shows every tab opened from now on.
  Status OpenWindow(std::function<void()> on_close);
  // --remote-debugging-port: serves CDP and prints Chrome's line; false
  // (with the reason on stderr) when the port cannot be had.
  bool StartRemoteDebugging();

  BrowserConfig config_;
  // Before the loop: a child process whose handler is still queued when the
  // loop is destroyed marks itself exiting in the registry then.
  ProcessRegistry processes_;
  DeathLog deaths_;
  boost::asio::io_context io_{ipc::kLoopWithPostingThreads};
  TraceRecorder trace_;
  ChildReaper reaper_;
  std::unique_ptr<ChildLauncher> launcher_;
  std::unique_ptr<BrowserStorage> storage_;  // before the loader: its fetches use the cookies
  ResourceLoader loader_;
  std::unique_ptr<PluginBroker> plugins_;
  std::unique_ptr<class SpareRenderer> spare_;  // before tabs_: the tabs go first
  TabContext context_;                          // complete from the start: its parts come first
  std::unique_ptr<TabManager> tabs_;
  std::unique_ptr<WindowController> window_;         // after tabs_: it goes first
  std::unique_ptr<class RemoteDebugging> devtools_;  // --remote-debugging-port
  std::function<void(int)> exit_;                    // ends the running mode with a code
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_BROWSER_H_
