// Integration tests with a compromised child: the real browser starts
// sandtab-hostile-child (tests/support/hostile/) through one of its command
// prefixes; every child relays a real one except the one the scenario plays.
// The fixture opens benign tabs first, remembers their pids and pixels and
// the browser's footprint, and checks after each hostile act that the
// browser recorded the death it should, and that nothing else changed.
//
//   class MyRuleTest : public HostileTest {};
//   TEST_F(MyRuleTest, FloodIsRefused) {
//     StartHostile(HostileOptions("history-flood"));
//     ExpectDeath("data:text/html,hostile", "bad_message", "NavigateRequest: ...");
//   }
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {

// What the browser process holds, from /proc/PID: open fds, resident
// memory, and the resident part of its shared memory (the tabs' pixel
// buffers are memfds: they show there, not in anonymous memory).
struct Footprint {
  int fds = 0;
  long rss_kib = 0;
  long shmem_kib = 0;
};
Footprint ReadFootprint(pid_t pid);
std::string ToString(const Footprint& footprint);

// How far "flat" may move. fds: exact, once the hostile tab is closed (the
// fixture waits for that). Memory: allocator noise and first-use caches
// (a first data: URL, the death log) stay well under these; a leak a child
// can repeat (a buffer, a queue, a history) grows past them.
struct FootprintTolerance {
  int fds = 0;
  long rss_kib = 16 * 1024;
  long shmem_kib = 1024;
};

// Which of the browser's command-prefix flags starts the harness.
enum class HostileDoor {
  kRenderer,  // --renderer-cmd-prefix (no zygote, no spare)
  kPlugin,    // --plugin-launcher
  kZygote,    // --zygote-cmd-prefix
};

// HostileOptions("silent").WithDoor(HostileDoor::kPlugin).WithFlags({"--hang-timeout=1"})
struct HostileOptions {
  explicit HostileOptions(std::string name) : scenario(std::move(name)) {}
  HostileOptions& WithArgs(std::vector<std::string> words) { return args = std::move(words), *this; }
  HostileOptions& WithDoor(HostileDoor value) { return door = value, *this; }
  HostileOptions& WithTrigger(std::string text) { return trigger = std::move(text), *this; }
  HostileOptions& WithLaunch(int n) { return launch = n, *this; }
  HostileOptions& WithFlags(std::vector<std::string> more) { return flags = std::move(more), *this; }
  HostileOptions& WithBenign(std::vector<PageFacts> pages) { return benign = std::move(pages), *this; }

  std::string scenario;           // a registered scenario (tests/support/hostile/*.cc)
  std::vector<std::string> args;  // its words
  HostileDoor door = HostileDoor::kRenderer;
  std::string trigger;  // --trigger=TEXT; empty: the harness's default, "hostile"
  // For at-launch scenarios: the child that plays it (--launch=N). 0: the
  // first child after the benign tabs' renderers (the harness counts live
  // children of its role; for the plugin and zygote doors, 1).
  int launch = 0;
  std::vector<std::string> flags;                      // more browser flags (--hang-timeout=1, ...)
  std::vector<PageFacts> benign = {kIndex, kArticle};  // opened first, in order
};

class HostileTest : public ShellTest {
 protected:
  struct BenignTab {
    TabRef ref;
    PageFacts page;
    Image shot;
  };

  // Starts `sandtab --json` with the harness on options.door and
  // --crash-loop=1 (a tab whose renderer is killed is not restarted, so
  // each hostile act costs one death), opens the benign tabs and takes
  // their screenshots.
  void StartHostile(const HostileOptions& options);

  // The command prefix that starts the harness with `options`.
  std::string HarnessPrefix(const HostileOptions& options) const;

  // Opens `url` in a new tab; the tab. Does not wait for it to load.
  TabRef OpenHostileTab(const std::string& url);
  // Waits for the next death record (`deaths --json`) after the first
  // `known` ones; the record.
  Json WaitForDeath(size_t known, std::chrono::milliseconds timeout = 20s);
  size_t DeathCount();

  // The one call for a rule: opens `url` (the harness shows its trigger
  // there), waits for the next death, and expects its cause (`deaths`
  // --json names: "bad_message", "unresponsive", ...) and detail to be
  // exactly these, the benign tabs untouched, and, once the hostile tab is
  // closed, the browser's footprint as it was before the tab opened.
  // Returns the death record.
  Json ExpectDeath(const std::string& url, const std::string& cause, const std::string& detail,
                   const FootprintTolerance& tolerance = {});

  // Every benign tab: same pid, alive, no crash, the same pixels to the byte.
  void ExpectBenignTabsUntouched();
  // Closes the tab and waits (bounded) for the browser's fds to come back
  // to `before`, then compares the whole footprint.
  void CloseAndExpectFlat(int tab_id, const Footprint& before, const FootprintTolerance& tolerance = {});
  void ExpectFlat(const Footprint& before, const Footprint& after, const FootprintTolerance& tolerance);

  // The browser's footprint once its spare renderer (on by default) is
  // settled: a spare half-way up holds a channel, a log and a pidfd that a
  // settled one holds too, so a reading taken while one starts would move
  // the baseline by three fds between two readings of the same state.
  Footprint footprint();
  const std::vector<BenignTab>& benign() const { return benign_; }
  std::string HarnessBinary() const { return BinDir() + "/sandtab-hostile-child"; }

 private:
  std::vector<BenignTab> benign_;
};

}  // namespace sandtab::integration
