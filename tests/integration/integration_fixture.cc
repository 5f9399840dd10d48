#include "tests/integration/integration_fixture.h"

#include <stdlib.h>

#include <iostream>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace sandtab::integration {
namespace {

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

std::string BinDir() { return EnvOr("SANDTAB_BIN_DIR", SANDTAB_DEFAULT_BIN_DIR); }
std::string PagesDir() { return EnvOr("SANDTAB_PAGES_DIR", SANDTAB_DEFAULT_PAGES_DIR); }
std::string SandtabBinary() { return BinDir() + "/sandtab"; }

void Require(bool condition, const std::string& message) {
  if (!condition) throw std::runtime_error(message);
}

bool IsError(const Json& answer) { return answer.get_child_optional("error").has_value(); }

bool JsonBool(const Json& json, const std::string& path) { return json.get<std::string>(path, "") == "true"; }

bool PollUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return pred();
    std::this_thread::sleep_for(10ms);
  }
}

void ShellTest::SetUp() {
  char name[] = "/tmp/sandtab-it-XXXXXX";
  Require(mkdtemp(name) != nullptr, "mkdtemp failed");
  temp_dir_ = name;
}

void ShellTest::TearDown() {
  shell_.reset();  // quits (or kills) the browser before the folder goes
  // The folder (browser stderr, screenshots) is evidence for a failure:
  // kept when SANDTAB_IT_KEEP is set, otherwise removed.
  if (HasFailure() && std::getenv("SANDTAB_IT_KEEP")) {
    std::cerr << "[ kept ] " << temp_dir_ << " (browser stderr, screenshots)\n";
    return;
  }
  if (HasFailure()) {
    std::cerr << "[ note ] set SANDTAB_IT_KEEP=1 to keep the browser's stderr and screenshots\n";
  }
  std::error_code ignored;
  std::filesystem::remove_all(temp_dir_, ignored);
}

void ShellTest::StartShell(const std::vector<std::string>& flags) {
  ShellDriver::Options options;
  options.binary = SandtabBinary();
  options.args = {"--json"};
  bool own_root =
      std::any_of(flags.begin(), flags.end(), [](const std::string& f) { return f.rfind("--content-root=", 0) == 0; });
  if (!own_root) options.args.push_back("--content-root=" + PagesDir());
  options.args.insert(options.args.end(), flags.begin(), flags.end());
  options.stderr_path = TempPath("browser-stderr.log");
  shell_ = std::make_unique<ShellDriver>(options);
}

Json ShellTest::Cmd(const std::string& line, std::chrono::milliseconds timeout) {
  Require(shell_ != nullptr, "StartShell() first");
  return shell_->Command(line, timeout);
}

Json ShellTest::Ok(const std::string& line, std::chrono::milliseconds timeout) {
  Json answer = Cmd(line, timeout);
  Require(!IsError(answer), "'" + line + "' failed: " + sandtab::test::ToJsonText(answer));
  return answer;
}

TabRef ShellTest::Open(const std::string& url) {
  Json opened = Ok("open " + url);
  TabRef tab{opened.get<int>("id"), opened.get<pid_t>("pid")};
  Json waited = Ok("wait " + std::to_string(tab.id) + " 10", 20s);
  tab.pid = waited.get<pid_t>("pid", tab.pid);
  return tab;
}

std::vector<Json> ShellTest::Tabs() {
  Json answer = Ok("tabs");
  Require(answer.get_child_optional("tabs").has_value(),
          "'tabs' has no \"tabs\": " + sandtab::test::ToJsonText(answer));
  return sandtab::test::ArrayAt(answer, "tabs");
}

Json ShellTest::Tab(int id) {
  for (const Json& tab : Tabs()) {
    if (tab.get<int>("id", -1) == id) return tab;
  }
  throw std::runtime_error("tab " + std::to_string(id) + " is not in 'tabs'");
}

Json ShellTest::PsEntry(pid_t pid) {
  for (const Json& process : sandtab::test::ArrayAt(Ok("ps"), "processes")) {
    if (process.get<pid_t>("pid", -1) == pid) return process;
  }
  return Json();
}

std::optional<pid_t> ShellTest::SettledSparePid(std::chrono::milliseconds timeout) {
  Json stats;
  std::string state;
  const bool settled = PollUntil(
      [&] {
        stats = Ok("stats");
        state = stats.get<std::string>("spare_state", "none");
        return state == "ready" || state == "none";
      },
      timeout);
  if (!settled) throw std::runtime_error("the spare renderer did not settle: " + sandtab::test::ToJsonText(stats));
  if (state == "none") return std::nullopt;
  return stats.get<pid_t>("spare_pid");
}

Json ShellTest::WaitForTab(int id, const std::function<bool(const Json&)>& pred, std::chrono::milliseconds timeout,
                           const std::string& what) {
  Json last;
  bool met = PollUntil(
      [&] {
        last = Tab(id);
        return pred(last);
      },
      timeout);
  Require(met, "tab " + std::to_string(id) + ": " + what + " did not happen within " + std::to_string(timeout.count()) +
                   " ms; last: " + sandtab::test::ToJsonText(last));
  return last;
}

Json ShellTest::WaitForRestart(int id, pid_t old_pid, std::chrono::milliseconds timeout) {
  WaitForTab(
      id,
      [&](const Json& tab) {
        return tab.get<pid_t>("pid", -1) != old_pid && tab.get<pid_t>("pid", -1) > 0 &&
               tab.get<std::string>("last_death.cause", "") != "";
      },
      timeout, "restart with a new renderer after pid " + std::to_string(old_pid) + " died");
  Ok("wait " + std::to_string(id) + " 10", 20s);
  return Tab(id);
}

Image ShellTest::Screenshot(const std::string& target) {
  std::string path = TempPath("shot-" + target + "-" + std::to_string(++screenshot_count_) + ".png");
  Ok("screenshot " + target + " " + path);
  std::string error;
  auto image = sandtab::test::ReadPng(path, &error);
  Require(image.has_value(), "screenshot " + target + " unreadable: " + error);
  return *image;
}

}  // namespace sandtab::integration
