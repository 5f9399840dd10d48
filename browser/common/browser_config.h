#ifndef SANDTAB_BROWSER_COMMON_BROWSER_CONFIG_H_
#define SANDTAB_BROWSER_COMMON_BROWSER_CONFIG_H_

#include <string>
#include <vector>

#include "base/result.h"

namespace sandtab::browser {

// Everything the command line can set, parsed once in main and passed down
// (no global flags).
struct BrowserConfig {
  bool headless = false;
  bool window = false;          // --window: a real window (DESIGN section 16) beside the shell
  std::string screenshot_path;  // --screenshot=FILE.png (one-shot mode)
  int window_width = 1280;      // --window-size=W,H
  int window_height = 800;
  bool sandbox = true;         // --no-sandbox turns it off, loudly
  bool zygote = true;          // --no-zygote: every renderer a cold fork+exec
  bool spare_renderer = true;  // one warm renderer waits for the next tab (--no-spare-renderer: none)
  // Wrappers before a child's program, split into words, the first one an
  // absolute path (resolved through PATH at start-up: command_prefix.h).
  std::vector<std::string> renderer_cmd_prefix;  // --renderer-cmd-prefix="gdb --args"
  std::vector<std::string> plugin_launcher;      // --plugin-launcher=CMD (Chrome's name)
  std::vector<std::string> zygote_cmd_prefix;    // --zygote-cmd-prefix=CMD
  bool enable_logging = false;                   // --enable-logging: child and browser logs on stderr
  int verbosity = 0;                             // --v=N
  bool json = false;                             // --json: one JSON object per answer
  std::string content_root;                      // --content-root=DIR (default: the repo's pages/)
  std::string user_data_dir;                     // --user-data-dir=DIR: cookies and storage on disk (default: memory)
  bool log_broker = false;                       // --log-broker: every loader decision on stderr
  // --ip-address-space-overrides=HOST:PORT=public|private|local,... (Chrome's
  // flag): kept as given, parsed (and checked) by AddressSpaceOverrides.
  std::string ip_address_space_overrides;
  double wait_timeout_seconds = 10;   // default for `wait ID`
  int hang_timeout_ms = 5000;         // --hang-timeout=SECONDS
  int crash_loop_crashes = 3;         // --crash-loop=N crashes ...
  int crash_loop_window_ms = 30000;   // ... within --crash-window=SECONDS stop restarts
  int restart_delay_ms = 250;         // --restart-delay-ms: backoff base (first restart is immediate)
  int restart_max_ms = 8000;          // --restart-max-ms: backoff cap
  bool enable_plugin_debug = false;   // --enable-plugin-debug: pages may ask plugins to crash, hang, misbehave
  bool unsafe_single_buffer = false;  // --unsafe-single-buffer: no FrameAck double buffering (tearing)
  // --max-surfaces: tabs beyond this, least recently used, release their pixels. One: the
  // shown tab. Chrome keeps saved frames for at most five hidden tabs (FrameEvictionManager);
  // ours are the last frames of the five most recently used released tabs, compressed
  // (TabManager::kSavedFrames); docs/scale.md says what it trades.
  int max_surfaces = 1;
  // --disable-background-timer-throttling (Chrome's flag, which Puppeteer passes): background tabs
  // animate and tick as the foreground one does (renderer/script/README.md, the background rule).
  bool background_throttling = true;
  std::string bin_dir;            // where sandtab-renderer lives (beside this binary)
  std::vector<std::string> urls;  // positional arguments
  // JavaScript (DESIGN section 13), Chrome's flags.
  bool jitless = false;             // --js-flags=--jitless: no JIT, and no executable memory for renderers
  bool disable_javascript = false;  // --disable-javascript
  bool dump_dom = false;            // --dump-dom: one-shot mode prints the DOM after load
  int virtual_time_budget_ms = -1;  // --virtual-time-budget=MS (-1: not given)
  int remote_debugging_port = -1;   // --remote-debugging-port=PORT: CDP on 127.0.0.1 (0: any free port; -1: off)

  // One page rendered, then exit: --screenshot, --dump-dom or both.
  bool one_shot() const { return !screenshot_path.empty() || dump_dom; }
  // What every renderer is told about scripts, in the spellings the
  // renderer accepts: on a cold launch's argv and on the zygote's, whose
  // forked renderers take its configuration.
  std::vector<std::string> RendererScriptFlags() const {
    std::vector<std::string> flags;
    if (jitless) flags.push_back("--js-flags=--jitless");
    if (disable_javascript) flags.push_back("--disable-javascript");
    if (virtual_time_budget_ms >= 0) flags.push_back("--virtual-time-budget=" + std::to_string(virtual_time_budget_ms));
    return flags;
  }
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_BROWSER_CONFIG_H_
