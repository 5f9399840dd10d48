// ProcessRegistry: which processes exist, in the order and with the words
// `ps` and `stats` show, and what a closed tab's process still counts for.
#include "browser/process/process_registry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sandtab::browser {
namespace {

constexpr pid_t kBrowserPid = 100;

ProcessUse Use(ProcessRole role, int tab = 0, std::string state = "", std::string plugin_type = "") {
  ProcessUse use;
  use.role = role;
  use.tab = tab;
  use.plugin_type = std::move(plugin_type);
  if (!state.empty()) use.state = [state] { return state; };
  return use;
}

std::vector<std::string> Listed(const ProcessRegistry& registry) {
  std::vector<std::string> lines;
  for (const ProcessRow& row : registry.Rows()) {
    lines.push_back(std::to_string(row.pid) + " " + row.type + " " + std::to_string(row.tab) + " " + row.state);
  }
  return lines;
}

TEST(ProcessRegistryTest, ListsTheBrowserAloneAtFirst) {
  ProcessRegistry registry(kBrowserPid);
  EXPECT_EQ(Listed(registry), std::vector<std::string>{"100 browser 0 running"});
  EXPECT_EQ(registry.live_children(), 0u);
  EXPECT_EQ(registry.zygote_pid(), -1);
}

TEST(ProcessRegistryTest, ListsInPsOrderWhateverTheOrderOfArrival) {
  ProcessRegistry registry(kBrowserPid);
  registry.Add(50, Use(ProcessRole::kPlugin, 0, "1 instances", "spin"), true);
  registry.Add(60, Use(ProcessRole::kRenderer, 2, "loading"), true);
  registry.Add(40, Use(ProcessRole::kSpareRenderer, 0, "ready"), true);
  registry.Add(70, Use(ProcessRole::kPlugin, 0, "2 instances", "clock"), true);
  registry.Add(80, Use(ProcessRole::kRenderer, 1, "loaded"), true);
  registry.Add(200, Use(ProcessRole::kZygote, 0, "2 forked"), true);
  EXPECT_EQ(Listed(registry),
            (std::vector<std::string>{"100 browser 0 running", "200 zygote 0 2 forked", "80 renderer 1 loaded",
                                      "60 renderer 2 loading", "40 spare-renderer 0 ready",
                                      "70 plugin:clock 0 2 instances", "50 plugin:spin 0 1 instances"}));
  EXPECT_EQ(registry.zygote_pid(), 200);
  EXPECT_EQ(registry.live_children(), 5u) << "the zygote and the browser are no tab's process";
}

TEST(ProcessRegistryTest, StateIsAskedWhenListedNotWhenAdded) {
  ProcessRegistry registry(kBrowserPid);
  std::string tab_state = "launching";
  ProcessUse use = Use(ProcessRole::kRenderer, 3);
  use.state = [&tab_state] { return tab_state; };
  registry.Add(300, std::move(use), true);
  tab_state = "loaded";
  ASSERT_EQ(registry.Rows().size(), 2u);
  EXPECT_EQ(registry.Rows()[1].state, "loaded");
}

TEST(ProcessRegistryTest, ASpareTakenByATabChangesUseNotEntry) {
  ProcessRegistry registry(kBrowserPid);
  registry.Add(40, Use(ProcessRole::kSpareRenderer, 0, "ready"), true);
  registry.SetUse(40, Use(ProcessRole::kRenderer, 7, "loading"));
  EXPECT_EQ(Listed(registry), (std::vector<std::string>{"100 browser 0 running", "40 renderer 7 loading"}));
  EXPECT_EQ(registry.live_children(), 1u);
}

TEST(ProcessRegistryTest, AnExitingProcessIsLiveButNotListedUntilReaped) {
  ProcessRegistry registry(kBrowserPid);
  bool asked = false;
  ProcessUse use = Use(ProcessRole::kRenderer, 1);
  use.state = [&asked] {
    asked = true;
    return std::string("loaded");
  };
  registry.Add(80, std::move(use), true);
  registry.MarkExiting(80);
  EXPECT_EQ(Listed(registry), std::vector<std::string>{"100 browser 0 running"});
  EXPECT_FALSE(asked) << "the owner that let go is never called back";
  EXPECT_EQ(registry.live_children(), 1u);
  // A use set late (a host finishing its set-up) does not bring it back.
  registry.SetUse(80, Use(ProcessRole::kRenderer, 1, "loaded"));
  EXPECT_EQ(registry.Rows().size(), 1u);
  registry.Remove(80);
  EXPECT_EQ(registry.live_children(), 0u);
  EXPECT_FALSE(registry.contains(80));
}

TEST(ProcessRegistryTest, TheZygoteGoneIsNoLongerNamed) {
  ProcessRegistry registry(kBrowserPid);
  registry.Add(200, Use(ProcessRole::kZygote, 0, "0 forked"), true);
  registry.Remove(200);
  EXPECT_EQ(registry.zygote_pid(), -1);
}

TEST(ProcessRegistryTest, KeepsWhetherItWasLaunchedSandboxed) {
  ProcessRegistry registry(kBrowserPid);
  registry.Add(80, Use(ProcessRole::kRenderer, 1, "loaded"), false);
  registry.Add(90, Use(ProcessRole::kRenderer, 2, "loaded"), true);
  const std::vector<ProcessRow> rows = registry.Rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[0].sandboxed) << "the browser is trusted";
  EXPECT_FALSE(rows[1].sandboxed);
  EXPECT_TRUE(rows[2].sandboxed);
  EXPECT_EQ(rows[2].site, "") << "no site until processes are locked to sites";
}

TEST(ProcessRegistryTest, APidHandedOutAgainReplacesTheOldEntry) {
  ProcessRegistry registry(kBrowserPid);
  registry.Add(80, Use(ProcessRole::kRenderer, 1, "loaded"), true);
  registry.MarkExiting(80);
  registry.Add(80, Use(ProcessRole::kPlugin, 0, "1 instances", "clock"), true);
  EXPECT_EQ(Listed(registry), (std::vector<std::string>{"100 browser 0 running", "80 plugin:clock 0 1 instances"}));
  EXPECT_EQ(registry.live_children(), 1u);
}

TEST(ProcessRegistryTest, IgnoresWhatItNeverHeardOf) {
  ProcessRegistry registry(kBrowserPid);
  registry.SetUse(5, Use(ProcessRole::kRenderer, 1, "loaded"));
  registry.MarkExiting(5);
  registry.Remove(5);
  registry.Add(-1, Use(ProcessRole::kRenderer, 1, "loaded"), true);
  EXPECT_EQ(registry.size(), 1u);
}

}  // namespace
}  // namespace sandtab::browser
