// Shared fixture of the integration tests: a real `sandtab --json` shell per
// test, a private temp folder, and bounded polling helpers. Helpers throw
// std::runtime_error with the evidence when something does not happen in
// time; gtest reports that as the failure.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/png_reader.h"
#include "tests/support/proc_facts.h"
#include "tests/support/shell_driver.h"

namespace sandtab::integration {

// The support helpers every integration test reaches for, named once here
// rather than at the top of each test file.
using sandtab::test::ArrayAt;
using sandtab::test::Children;
using sandtab::test::DirEntries;
using sandtab::test::FdCount;
using sandtab::test::FdTargets;
using sandtab::test::Image;
using sandtab::test::IsAlive;
using sandtab::test::IsGone;
using sandtab::test::IsZombie;
using sandtab::test::Json;
using sandtab::test::MemfdCount;
using sandtab::test::Namespace;
using sandtab::test::Near;
using sandtab::test::ParentPid;
using sandtab::test::ProcessResult;
using sandtab::test::ReadPng;
using sandtab::test::ReadProcFile;
using sandtab::test::RendererDescendants;
using sandtab::test::Rgba;
using sandtab::test::RunProcess;
using sandtab::test::ShellDriver;
using sandtab::test::StatusField;
using sandtab::test::ToJsonText;
using sandtab::test::ToString;
using namespace std::chrono_literals;

// Where the binaries under test are ($SANDTAB_BIN_DIR, else the build's bin/).
std::string BinDir();
// The built-in pages ($SANDTAB_PAGES_DIR, else the repository's pages/).
std::string PagesDir();
std::string SandtabBinary();

// pages/README.md: every page has a solid 200x100 block at (20,20), checked
// at its centre (120,70), and a background checked at (1000,700) in 1280x800.
struct PageFacts {
  const char* file;
  const char* title;
  Rgba block;
  Rgba background;
};
inline constexpr PageFacts kIndex{"index.html", "sandtab: Welcome", {30, 136, 229, 255}, {227, 242, 253, 255}};
inline constexpr PageFacts kArticle{
    "article.html", "sandtab: An Article on Processes", {230, 81, 0, 255}, {255, 248, 225, 255}};
inline constexpr PageFacts kTable{
    "table.html", "sandtab: Tables and Borders", {46, 125, 50, 255}, {241, 248, 233, 255}};
inline constexpr PageFacts kFonts{"fonts.html", "sandtab: Fonts", {173, 20, 87, 255}, {252, 228, 236, 255}};
inline constexpr int kBlockX0 = 20, kBlockY0 = 20, kBlockX1 = 220, kBlockY1 = 120;
inline constexpr int kBlockCentreX = 120, kBlockCentreY = 70;
inline constexpr int kBackgroundX = 1000, kBackgroundY = 700;

// Throws std::runtime_error(message) unless condition holds.
void Require(bool condition, const std::string& message);
// True when the answer is {"error": ...}.
bool IsError(const Json& answer);
// "true"/"false" as PropertyTree stores JSON booleans.
bool JsonBool(const Json& json, const std::string& path);

struct TabRef {
  int id = 0;
  pid_t pid = 0;
};

class ShellTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts `sandtab --json FLAGS...` (stderr into the temp folder).
  void StartShell(const std::vector<std::string>& flags = {});
  ShellDriver& shell() { return *shell_; }
  pid_t browser_pid() const { return shell_->pid(); }

  // One command; the parsed answer.
  Json Cmd(const std::string& line, std::chrono::milliseconds timeout = 15s);
  // One command that must succeed (throws with the answer on {"error"}).
  Json Ok(const std::string& line, std::chrono::milliseconds timeout = 15s);
  // `open URL` then `wait ID`: the tab and its renderer pid once loaded.
  TabRef Open(const std::string& url);
  // The tab's entry in `tabs` (throws when absent).
  Json Tab(int id);
  // Every tab entry.
  std::vector<Json> Tabs();
  // The `ps` entry of pid, or an empty Json when not listed.
  Json PsEntry(pid_t pid);
  // The spare renderer (on by default) once it has settled: its pid when it
  // is ready, nullopt when the browser keeps none. Polls `stats` until it is
  // one or the other; throws after `timeout`. For tests that count renderers.
  std::optional<pid_t> SettledSparePid(std::chrono::milliseconds timeout = 5s);
  // Polls `tabs` every 20 ms until pred(tab) holds; the tab then. Throws,
  // naming `what` and the last tab entry, after `timeout`.
  Json WaitForTab(int id, const std::function<bool(const Json&)>& pred, std::chrono::milliseconds timeout,
                  const std::string& what);
  // After a death: the tab back with a new renderer (pid != old_pid, state
  // loaded, a death recorded), then `wait` succeeds. Returns the tab entry.
  Json WaitForRestart(int id, pid_t old_pid, std::chrono::milliseconds timeout = 10s);
  // Screenshot of a tab (or "window"/"all") read back as pixels.
  Image Screenshot(const std::string& target);
  Image Screenshot(int id) { return Screenshot(std::to_string(id)); }

  std::string TempPath(const std::string& name) const { return temp_dir_ + "/" + name; }
  const std::string& temp_dir() const { return temp_dir_; }

 private:
  std::string temp_dir_;
  std::unique_ptr<ShellDriver> shell_;
  int screenshot_count_ = 0;
};

// Polls pred every 10 ms until it holds or the timeout passes; its last value.
bool PollUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout);

}  // namespace sandtab::integration
