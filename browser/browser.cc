#include "browser/common/html_escape.h"
#include "browser/browser.h"
#include "browser/command_line.h"

#include <sys/resource.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <algorithm>
#include <cstdio>

#include "browser/compositor/compositor.h"
#include "browser/devtools/remote_debugging.h"
#include "browser/process/death_classifier.h"
#include "browser/shell/shell.h"
#include "browser/tab/spare_renderer.h"
#include "browser/window/window_controller.h"
#include "browser/common/terminal_text.h"
#include "browser/loader/url.h"
#include "browser/process/zygote_launcher.h"
#include "ipc/handshake.h"

namespace sandtab::browser {
namespace {

// Each tab holds a channel, a log pipe and two buffers: raise the soft fd
// limit to the hard one so hundreds of tabs fit.
void RaiseFdLimit() {
  rlimit limit;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The tabs' crash policy (DESIGN section 6), also the spare's and the
// plugins' relaunch policy.
CrashPolicyConfig CrashPolicyOf(const BrowserConfig& config) {
  return {std::chrono::milliseconds(config.restart_delay_ms), std::chrono::milliseconds(config.restart_max_ms),
          config.crash_loop_crashes, std::chrono::milliseconds(config.crash_loop_window_ms)};
}

// ParseCommandLine has checked the flag already.
AddressSpaceOverrides AddressSpaceOverridesOf(const BrowserConfig& config) {
  auto parsed = AddressSpaceOverrides::Parse(config.ip_address_space_overrides);
  return parsed ? std::move(*parsed) : AddressSpaceOverrides();
}

}  // namespace

Browser::Browser(BrowserConfig config, std::unique_ptr<BrowserStorage> storage)
    : config_(std::move(config)),
      processes_(::getpid()),
      reaper_(io_),
      launcher_(MakeLauncher()),
      storage_(storage ? std::move(storage) : std::move(*BrowserStorage::Open(""))),
      loader_(io_, LoaderPolicy(config_.content_root, {}, AddressSpaceOverridesOf(config_)), config_.log_broker),
      plugins_(std::make_unique<PluginBroker>(
          io_, config_, reaper_, processes_, std::chrono::milliseconds(config_.hang_timeout_ms), CrashPolicyOf(config_),
          [this](const proto::DeathRecord& record) { RecordDeath(record); })),
      // On unless --no-spare-renderer, one-shot mode or a renderer command
      // prefix turned it off (ParseCommandLine).
      spare_(config_.spare_renderer ? std::make_unique<SpareRenderer>(RendererLaunching()) : nullptr),
      context_{RendererLaunching(), loader_, plugins_.get(), spare_.get(), {}, storage_.get(), {}},
      tabs_(std::make_unique<TabManager>(context_)) {
  RaiseFdLimit();
  context_.on_tab_used = [this](int id) { tabs_->OnTabUsed(id); };
  plugins_->set_on_instance_changed([this](int tab_id) {
    if (Tab* tab = tabs_->Find(tab_id)) tab->OnPluginsChanged();
  });
  loader_.SetCookieJar(&storage_->cookies());
  loader_.SetAboutPageProvider([this](const std::string& name, int tab_id) { return AboutPage(name, tab_id); });
}

Browser::~Browser() { Shutdown(); }

RendererLaunchContext Browser::RendererLaunching() {
  return {io_,
          config_,
          *launcher_,
          reaper_,
          processes_,
          CrashPolicyOf(config_),
          std::chrono::milliseconds(config_.hang_timeout_ms),
          &trace_,
          [this](const proto::DeathRecord& record) { RecordDeath(record); }};
}

// The zygote serves the default case: sandboxed renderers started as they
// are. --no-sandbox, --no-zygote and a command prefix (gdb) start cold, and
// so does the one-shot mode: its one renderer would pay the zygote's start,
// warm-up and fork on top of a renderer's own start (docs/performance.md,
// "Where the one-shot screenshot's time goes").
bool Browser::UsesZygote() const {
  return config_.zygote && config_.sandbox && config_.renderer_cmd_prefix.empty() && !config_.one_shot();
}

std::unique_ptr<ChildLauncher> Browser::MakeLauncher() {
  if (!UsesZygote()) return std::make_unique<ColdLauncher>(io_);
  return std::make_unique<ZygoteLauncher>(io_, reaper_, processes_, config_.bin_dir, config_.zygote_cmd_prefix,
                                          config_.RendererScriptFlags(), config_.enable_logging,
                                          std::chrono::milliseconds(config_.hang_timeout_ms),
                                          [this](const proto::DeathRecord& record) { RecordDeath(record); });
}

// Every child's end, whoever owned it, once its owner completed the record.
void Browser::RecordDeath(const proto::DeathRecord& record) {
  deaths_.Record(record);
  if (devtools_) devtools_->OnDeath(record);
  if (config_.enable_logging) {
    std::fprintf(stderr, "[browser] %s %d: %s; %s\n", ipc::ProcessTypeName(record.process_type()), record.pid(),
                 SanitizeForTerminal(DescribeDeath(record)).c_str(), record.restart_decision().c_str());
  }
}

void Browser::Shutdown() {
  devtools_.reset();  // its clients first: they watch the tabs
  context_.on_tab_changed = nullptr;
  context_.on_tab_used = nullptr;
  window_.reset();
  if (tabs_) tabs_->CloseAll();
  context_.spare = nullptr;
  spare_.reset();
  plugins_.reset();
  launcher_.reset();
  reaper_.KillAndReapAll();
}

std::string Browser::AboutPage(const std::string& name, int) {
  const std::string head =
      "<!DOCTYPE html><html><head><style>body{font-family:sans-serif;margin:32px}"
      "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}"
      "th{background:#e8eef7}</style>";
  if (name == "blank") return "<!DOCTYPE html><html><head><title>about:blank</title></head><body></body></html>";
  if (name == "version") {
    return head +
           "<title>About sandtab</title></head><body><h1>sandtab 0.1.0</h1>"
           "<p>A small multi-process browser: one sandboxed renderer per tab.</p>"
           "<p>Sandbox: " +
           std::string(config_.sandbox ? "on" : "OFF (--no-sandbox)") +
           // No host path: this page is drawn by a renderer (`sandtab --help`
           // and the shell tell the user where the root is).
           "</p></body></html>";
  }
  if (name == "tabs") {
    // Drawn by a renderer, reachable only by the user and about: pages
    // (RendererGrants): no host pids (the `ps` and `tabs` commands have them).
    std::string page = head +
                       "<title>Tabs</title></head><body><h1>Tabs</h1><table>"
                       "<tr><th>id</th><th>state</th><th>site</th><th>url</th></tr>";
    for (const auto& [id, tab] : tabs_->tabs()) {
      page += "<tr><td>" + std::to_string(id) + "</td><td>" + TabStateName(tab->state()) + "</td><td>" +
              HtmlEscape(tab->site_lock()) + "</td><td>" + HtmlEscape(tab->url()) + "</td></tr>";
    }
    return page + "</table></body></html>";
  }
  return "";
}

// Runs the loop until stopped. An exception escaping a handler is a bug of
// ours; it is reported and the loop goes on rather than ending every tab.
void Browser::RunLoop() {
  for (;;) {
    try {
      io_.run();
      return;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sandtab: internal error (continuing): %s\n", e.what());
    }
  }
}

ShellServices Browser::shell_services() {
  return ShellServices{io_,        config_, *tabs_,       loader_,       *plugins_,     trace_,
                       processes_, deaths_, spare_.get(), window_.get(), storage_.get()};
}

Status Browser::OpenWindow(std::function<void()> on_close) {
  auto window = WindowController::Open({io_, config_, *tabs_, plugins_.get(), processes_}, std::move(on_close));
  if (!window) return Error{window.error()};
  window_ = std::move(*window);
  // The command line's URLs are opened by the shell, as without a window.
  context_.on_tab_changed = [window = window_.get()](int id) { window->OnTabChanged(id); };
  return OkStatus();
}

bool Browser::StartRemoteDebugging() {
  if (config_.remote_debugging_port < 0) return true;
  auto started =
      RemoteDebugging::Start(io_, config_.remote_debugging_port, *tabs_, plugins_.get(), config_.content_root, [this] {
        if (exit_) exit_(0);  // Browser.close
      });
  if (!started) {
    std::fprintf(stderr, "sandtab: %s\n", started.error().c_str());
    return false;
  }
  devtools_ = std::move(*started);
  // Chrome's line, which launchers parse (a blank line first, as Chrome prints it).
  std::fprintf(stderr, "\n%s\n", devtools_->ListeningLine().c_str());
  std::fflush(stderr);
  return true;
}

int Browser::RunShell() {
  int exit_code = 0;
  exit_ = [&](int code) {
    exit_code = code;
    Shutdown();
    io_.stop();
  };
  if (config_.window) {
    // Closing the window ends the browser, as closing Chrome's last window
    // does; later, from the loop, not inside the window's own event handler.
    Status opened = OpenWindow([&] { boost::asio::post(io_, [&] { exit_(0); }); });
    if (!opened) {
      std::fprintf(stderr, "sandtab: %s\n", opened.error().c_str());
      return 1;
    }
  }
  if (!StartRemoteDebugging()) return 1;
  ShellServices services = shell_services();
  Shell shell(services);
  shell.Start(exit_);
  RunLoop();
  exit_ = nullptr;
  return exit_code;
}

int Browser::RunOneShot() {
  const std::string url = UrlFromUserInput(config_.urls.at(0), config_.content_root);
  auto tab = tabs_->Open(url);
  if (!tab) {
    std::fprintf(stderr, "sandtab: %s\n", tab.error().c_str());
    return 1;
  }
  int exit_code = 1;
  auto finish = [&](int code) {
    exit_code = code;
    Shutdown();
    io_.stop();
  };
  // The renderer holds `loaded` back until the page's timers had their
  // virtual time budget: the wait allows for it.
  const double seconds = config_.wait_timeout_seconds + std::max(0, config_.virtual_time_budget_ms) / 1000.0;
  const std::string shown_url = SanitizeForTerminal(url);
  (*tab)->WaitUntilPainted(seconds, [&, seconds, tab = *tab](bool painted) {
    if (!painted) {
      std::fprintf(stderr, "sandtab: %s was not painted within %g s (state: %s)\n", shown_url.c_str(), seconds,
                   TabStateName(tab->state()));
      return finish(1);
    }
    if (!tab->document_error().empty()) {
      std::fprintf(stderr, "sandtab: cannot load %s: %s\n", shown_url.c_str(),
                   SanitizeForTerminal(tab->document_error()).c_str());
      return finish(1);
    }
    if (!config_.screenshot_path.empty()) {
      // The frame is in our own mapping of the shared buffer: nothing more
      // is wanted of the children unless the DOM is to be dumped, and their
      // teardown (2-3 ms for a renderer) overlaps the encoding rather than
      // following it (a one-shot ~5 ms shorter, docs/performance.md).
      if (!config_.dump_dom) reaper_.KillAll();
      Image scratch;
      if (Status written = WritePng(config_.screenshot_path, Compositor::TabRows(*tab, plugins_.get(), scratch));
          !written) {
        std::fprintf(stderr, "sandtab: %s\n", written.error().c_str());
        return finish(1);
      }
    }
    if (!config_.dump_dom) return finish(0);
    tab->DumpDom([&](Result<std::string> html) {
      if (!html) {
        std::fprintf(stderr, "sandtab: cannot dump the DOM of %s: %s\n", shown_url.c_str(),
                     SanitizeForTerminal(html.error()).c_str());
        return finish(1);
      }
      // The page's own bytes, as Chrome prints them: stdout is the dump.
      std::fwrite(html->data(), 1, html->size(), stdout);
      std::fputc('\n', stdout);
      finish(0);
    });
  });
  RunLoop();
  return exit_code;
}

}  // namespace sandtab::browser
