#include "browser/command_line.h"

#include <limits.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "browser/common/parse_int.h"
#include "browser/loader/address_space.h"
#include "browser/process/command_prefix.h"
#include "proto/limits.h"

namespace sandtab::browser {
namespace {

// --virtual-time-budget: ten minutes of a page's timers at the most.
constexpr int kMaxVirtualTimeBudgetMs = 600000;

// "--name=value" -> value when argument starts with "--name=".
bool TakeValue(const std::string& arg, const char* name, std::string* value) {
  std::string prefix = std::string("--") + name + "=";
  if (arg.rfind(prefix, 0) != 0) return false;
  *value = arg.substr(prefix.size());
  return true;
}

std::string ExecutableDir() {
  char path[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return ".";
  path[n] = '\0';
  return std::filesystem::path(path).parent_path().string();
}

// The repo's pages/: the build puts binaries in <repo>/build*/bin, and the
// source dir is baked in at configure time as a fallback.
std::string DefaultContentRoot(const std::string& bin_dir) {
  std::filesystem::path candidate = std::filesystem::path(bin_dir) / ".." / ".." / "pages";
  std::error_code ec;
  if (std::filesystem::is_directory(candidate, ec)) {
    return std::filesystem::canonical(candidate, ec).string();
  }
  return SANDTAB_SOURCE_DIR "/pages";
}

}  // namespace

std::string UsageText() {
  return R"(usage: sandtab [FLAGS] [URL...]

With no URL: the browser shell (interactive on a terminal; one command per
line from a pipe). With --headless --screenshot=FILE.png URL: render one page
to a PNG and exit. With --dump-dom URL: print the page's DOM after load and exit.

flags:
  --headless                 no window; with --screenshot, one-shot mode
  --window                   open a window (SDL2 on X11: needs DISPLAY; xvfb-run gives one)
                             with the shell beside it; URLs open as its tabs
  --screenshot=FILE.png      write the rendered page to FILE.png and exit
  --window-size=W,H          viewport size in pixels (default 1280,800)
  --dump-dom                 print the page's serialized DOM after load to stdout and exit
                             (with --screenshot as well: both)
  --virtual-time-budget=MS   let the page's timers run up to MS ms (0..600000) before the
                             page counts as loaded (the screenshot, the DOM dump)
  --js-flags=--jitless       run scripts without the JIT; renderers then also refuse
                             executable memory (the only --js-flags value)
  --disable-javascript       renderers run no scripts
  --json                     shell answers are one JSON object per line
  --content-root=DIR         folder served as file:// and sandtab://pages/ (default: pages/)
  --user-data-dir=DIR        keep cookies and localStorage in DIR/storage.sqlite (default: in memory)
  --no-sandbox               run renderers unsandboxed (debugging only)
  --no-zygote                start every renderer with a cold fork+exec, not from the zygote
  --spare-renderer           keep one warmed-up renderer ready for the next new or
                             restarted tab (Chrome's spare renderer; `ps` lists it): the
                             default, except in one-shot mode and under --renderer-cmd-prefix
  --no-spare-renderer        no spare renderer
  --renderer-cmd-prefix=CMD  start renderers under CMD, e.g. "gdb --args" (its first word
                             is looked up in PATH; no zygote, and a spare only if asked)
  --plugin-launcher=CMD      start plugin processes under CMD, the same way
  --zygote-cmd-prefix=CMD    start the zygote under CMD, the same way
  --enable-logging           browser and renderer logs on stderr
  --v=N                      log verbosity
  --log-broker               log every resource-loader decision on stderr
  --ip-address-space-overrides=HOST:PORT=public|private|local,...
                             count these endpoints as another address space
                             (Private Network Access; for tests on loopback)
  --wait-timeout=SECONDS     default timeout of the shell's `wait` (default 10)
  --hang-timeout=SECONDS     a child that does not answer a ping this long is killed (default 5)
  --crash-loop=N             N crashes ...                                      (default 3)
  --crash-window=SECONDS     ... within this window stop automatic restarts     (default 30)
  --restart-delay-ms=MS      restart backoff base; the first restart is at once (default 250)
  --restart-max-ms=MS        restart backoff cap                                (default 8000)
  --enable-plugin-debug      honour the <embed> debug params crash=1, hang=1, badmessage=1
                             (otherwise such an embed is blocked: the plugin process is shared)
  --max-surfaces=N           only N tabs keep pixel buffers: the window's, then the most
                             recently used; the others release them until needed, the
                             last five keeping their frame compressed     (default 1)
  --disable-background-timer-throttling
                             background tabs animate and run timers as the foreground tab
                             (by default only the tab used last does; the others get no
                             animation frames and timers at most once per second)
  --unsafe-single-buffer     every tab without FrameAck double buffering: each frame is
                             acked at once, so the renderer paints the buffer the browser
                             shows (torn frames; the race lesson, docs/lessons.md)
  --remote-debugging-port=PORT  serve the Chrome DevTools Protocol on 127.0.0.1:PORT
                             (0: a free port; the URL is printed on stderr; docs/devtools.md)
  --help                     this text
)";
}

Result<BrowserConfig> ParseCommandLine(int argc, char** argv) {
  BrowserConfig config;
  config.bin_dir = ExecutableDir();
  bool content_root_set = false;
  bool spare_set = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    if (arg == "--headless") {
      config.headless = true;
    } else if (arg == "--window") {
      config.window = true;
    } else if (arg == "--json") {
      config.json = true;
    } else if (arg == "--no-sandbox") {
      config.sandbox = false;
    } else if (arg == "--no-zygote") {
      config.zygote = false;
    } else if (arg == "--spare-renderer" || arg == "--no-spare-renderer") {
      config.spare_renderer = arg == "--spare-renderer";
      spare_set = true;
    } else if (arg == "--disable-background-timer-throttling") {
      config.background_throttling = false;
    } else if (arg == "--unsafe-single-buffer") {
      config.unsafe_single_buffer = true;
    } else if (arg == "--enable-logging") {
      config.enable_logging = true;
    } else if (arg == "--enable-plugin-debug") {
      config.enable_plugin_debug = true;
    } else if (arg == "--log-broker") {
      config.log_broker = true;
    } else if (arg == "--disable-javascript") {
      config.disable_javascript = true;
    } else if (arg == "--dump-dom") {
      config.dump_dom = true;
    } else if (TakeValue(arg, "js-flags", &value)) {
      // The one V8 flag whose meaning SpiderMonkey has too; any other would
      // be silently ignored, which is worse than refused.
      if (value != "--jitless") return Error{"--js-flags: only --jitless is supported, got '" + value + "'"};
      config.jitless = true;
    } else if (TakeValue(arg, "virtual-time-budget", &value)) {
      if (!ParseInt(value, 0, kMaxVirtualTimeBudgetMs, &config.virtual_time_budget_ms)) {
        return Error{"--virtual-time-budget wants 0..600000 milliseconds, got '" + value + "'"};
      }
    } else if (TakeValue(arg, "screenshot", &value)) {
      if (value.empty()) return Error{"--screenshot needs a file name"};
      config.screenshot_path = value;
    } else if (TakeValue(arg, "window-size", &value)) {
      auto comma = value.find(',');
      if (comma == std::string::npos ||
          !ParseInt(value.substr(0, comma), 16, proto::kMaxSurfaceSide, &config.window_width) ||
          !ParseInt(value.substr(comma + 1), 16, proto::kMaxSurfaceSide, &config.window_height)) {
        return Error{"--window-size wants W,H with each between 16 and " + std::to_string(proto::kMaxSurfaceSide) +
                     ", got '" + value + "'"};
      }
    } else if (TakeValue(arg, "ip-address-space-overrides", &value)) {
      if (auto parsed = AddressSpaceOverrides::Parse(value); !parsed) return Error{parsed.error()};
      config.ip_address_space_overrides = value;
    } else if (TakeValue(arg, "renderer-cmd-prefix", &value) || TakeValue(arg, "plugin-launcher", &value) ||
               TakeValue(arg, "zygote-cmd-prefix", &value)) {
      const std::string flag = arg.substr(0, arg.find('='));
      const char* path = std::getenv("PATH");
      auto words = ParseCommandPrefix(value, path ? path : "");
      if (!words) return Error{flag + ": " + words.error()};
      if (flag == "--renderer-cmd-prefix") config.renderer_cmd_prefix = std::move(*words);
      if (flag == "--plugin-launcher") config.plugin_launcher = std::move(*words);
      if (flag == "--zygote-cmd-prefix") config.zygote_cmd_prefix = std::move(*words);
    } else if (TakeValue(arg, "v", &value)) {
      if (!ParseInt(value, 0, 9, &config.verbosity)) return Error{"--v wants 0..9, got '" + value + "'"};
    } else if (TakeValue(arg, "content-root", &value)) {
      std::error_code ec;
      if (!std::filesystem::is_directory(value, ec)) {
        return Error{"--content-root: '" + value + "' is not a directory"};
      }
      config.content_root = std::filesystem::canonical(value, ec).string();
      content_root_set = true;
    } else if (TakeValue(arg, "user-data-dir", &value)) {
      // Chrome's flag: made when missing, so a first run needs no set-up.
      std::error_code ec;
      std::filesystem::create_directories(value, ec);
      if (!std::filesystem::is_directory(value, ec)) return Error{"--user-data-dir: cannot make '" + value + "'"};
      config.user_data_dir = std::filesystem::canonical(value, ec).string();
    } else if (TakeValue(arg, "wait-timeout", &value)) {
      int seconds = 0;
      if (!ParseInt(value, 1, 3600, &seconds)) return Error{"--wait-timeout wants 1..3600 seconds"};
      config.wait_timeout_seconds = seconds;
    } else if (TakeValue(arg, "hang-timeout", &value)) {
      double seconds = std::strtod(value.c_str(), nullptr);
      if (!(seconds >= 0.1 && seconds <= 3600)) return Error{"--hang-timeout wants 0.1..3600 seconds"};
      config.hang_timeout_ms = static_cast<int>(seconds * 1000);
    } else if (TakeValue(arg, "crash-loop", &value)) {
      if (!ParseInt(value, 1, 1000, &config.crash_loop_crashes)) return Error{"--crash-loop wants 1..1000 crashes"};
    } else if (TakeValue(arg, "crash-window", &value)) {
      int seconds = 0;
      if (!ParseInt(value, 1, 86400, &seconds)) return Error{"--crash-window wants 1..86400 seconds"};
      config.crash_loop_window_ms = seconds * 1000;
    } else if (TakeValue(arg, "restart-delay-ms", &value)) {
      if (!ParseInt(value, 0, 600000, &config.restart_delay_ms)) return Error{"--restart-delay-ms wants 0..600000"};
    } else if (TakeValue(arg, "restart-max-ms", &value)) {
      if (!ParseInt(value, 0, 3600000, &config.restart_max_ms)) return Error{"--restart-max-ms wants 0..3600000"};
    } else if (TakeValue(arg, "remote-debugging-port", &value)) {
      if (!ParseInt(value, 0, 65535, &config.remote_debugging_port)) {
        return Error{"--remote-debugging-port wants 0..65535, got '" + value + "'"};
      }
    } else if (TakeValue(arg, "max-surfaces", &value)) {
      if (!ParseInt(value, 1, 100000, &config.max_surfaces)) return Error{"--max-surfaces wants 1..100000"};
    } else if (arg == "--help" || arg == "-h") {
      return Error{"help"};
    } else if (arg.rfind("--", 0) == 0) {
      return Error{"unknown flag '" + arg + "' (see --help)"};
    } else {
      config.urls.push_back(arg);
    }
  }
  if (!content_root_set) config.content_root = DefaultContentRoot(config.bin_dir);
  // A one-shot run opens one tab, never a second; under a command prefix a
  // debugger would start for a tab nobody opened. Either keeps a spare only
  // when asked.
  if (!spare_set && (config.one_shot() || !config.renderer_cmd_prefix.empty())) config.spare_renderer = false;
  if (!config.screenshot_path.empty() && config.urls.size() != 1) {
    return Error{"--screenshot renders exactly one URL; got " + std::to_string(config.urls.size())};
  }
  if (config.window && (config.headless || config.one_shot())) {
    return Error{"--window opens a window: not with --headless, --screenshot or --dump-dom"};
  }
  if (config.dump_dom && config.urls.size() != 1) {
    return Error{"--dump-dom prints exactly one URL's DOM; got " + std::to_string(config.urls.size())};
  }
  return config;
}

}  // namespace sandtab::browser
