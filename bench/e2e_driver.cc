#include "bench/e2e_driver.h"

#include "browser/tab/spare_renderer.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <thread>

namespace sandtab::bench {

std::string JsonEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out;
}

void WriteJson(std::FILE* out, const std::map<std::string, std::string>& context, const std::vector<Row>& rows) {
  std::fprintf(out, "{\n  \"context\": {");
  const char* separator = "";
  for (const auto& [key, value] : context) {
    std::fprintf(out, "%s\n    \"%s\": \"%s\"", separator, JsonEscape(key).c_str(), JsonEscape(value).c_str());
    separator = ",";
  }
  std::fprintf(out, "\n  },\n  \"rows\": [");
  separator = "";
  for (const Row& row : rows) {
    std::fprintf(out, "%s\n    {\"name\": \"%s\"", separator, JsonEscape(row.name).c_str());
    if (!row.error.empty()) std::fprintf(out, ", \"error\": \"%s\"", JsonEscape(row.error).c_str());
    for (const auto& [key, value] : row.values) std::fprintf(out, ", \"%s\": %.3f", JsonEscape(key).c_str(), value);
    std::fprintf(out, "}");
    separator = ",";
  }
  std::fprintf(out, "\n  ]\n}\n");
}

BrowserDriver::BrowserDriver(const E2eOptions& options, Settings settings) : content_root_(options.content_root) {
  browser::BrowserConfig config;
  config.headless = true;
  config.bin_dir = options.bin_dir;
  config.content_root = options.content_root;
  config.sandbox = settings.sandbox;
  config.zygote = settings.zygote;
  config.max_surfaces = settings.max_surfaces;
  config.spare_renderer = settings.spare_renderer;
  config.window_width = 1280;
  config.window_height = 800;
  if (settings.restart_forever) {
    config.crash_loop_crashes = INT_MAX;
    config.restart_delay_ms = 0;
  }
  browser_ = std::make_unique<browser::Browser>(std::move(config));
}

BrowserDriver::~BrowserDriver() = default;  // ~Browser kills and reaps every child

bool BrowserDriver::RunUntil(const std::function<bool()>& done, double seconds) {
  auto& io = browser_->io();
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    if (io.run_one_until(deadline) == 0 && io.stopped()) {
      // No work at all (cannot happen while the reaper listens; be safe).
      io.restart();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return true;
}

bool BrowserDriver::WaitZygoteReady(double seconds) {
  if (!browser_->UsesZygote()) return true;
  return RunUntil([this] { return browser_->processes().zygote_pid() > 0; }, seconds);
}

browser::Tab* BrowserDriver::Open(const std::string& file, std::string* error) {
  auto tab = browser_->tabs().Open(Url(file));
  if (!tab) {
    *error = tab.error();
    return nullptr;
  }
  return *tab;
}

void BrowserDriver::CloseAndReap(browser::Tab* tab) {
  const pid_t pid = tab->pid();
  if (!browser_->tabs().Close(tab->id())) return;  // already gone
  if (pid <= 0) return;
  // A zombie still answers kill(pid, 0); a reaped process does not.
  RunUntil([pid] { return ::kill(pid, 0) != 0 && errno == ESRCH; }, 5);
}

double ForkExecWaitMicros(const std::string& path) {
  const auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    ::execv(path.c_str(), argv);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  const double micros = MicrosSince(start);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? micros : -1;
}

bool BrowserDriver::WaitSpareReady(double seconds, double idle_seconds) {
  browser::SpareRenderer* spare = browser_->spare();
  if (!spare) return true;
  if (!RunUntil([spare] { return spare->ready(); }, seconds)) return false;
  RunUntil([] { return false; }, idle_seconds);
  return spare->ready();
}

}  // namespace sandtab::bench
