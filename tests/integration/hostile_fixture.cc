#include "tests/integration/hostile_fixture.h"

#include <cstdlib>
#include <filesystem>

namespace sandtab::integration {
namespace {

// "123456 kB" -> 123456; -1 when absent.
long KibField(pid_t pid, const std::string& key) {
  auto value = sandtab::test::StatusField(pid, key);
  return value ? std::atol(value->c_str()) : -1;
}

const char* DoorFlag(HostileDoor door) {
  switch (door) {
    case HostileDoor::kRenderer:
      return "--renderer-cmd-prefix=";
    case HostileDoor::kPlugin:
      return "--plugin-launcher=";
    case HostileDoor::kZygote:
      return "--zygote-cmd-prefix=";
  }
  return "";
}

}  // namespace

Footprint ReadFootprint(pid_t pid) {
  return {sandtab::test::FdCount(pid), KibField(pid, "VmRSS"), KibField(pid, "RssShmem")};
}

Footprint HostileTest::footprint() {
  // "ready", "none" (not wanted), "disabled" (crash-looped) and "off" do not
  // change by themselves; every other state is a spare on its way up.
  PollUntil(
      [&] {
        const std::string state = Ok("stats").get<std::string>("spare_state", "off");
        return state == "ready" || state == "none" || state == "disabled" || state == "off";
      },
      5s);
  return ReadFootprint(browser_pid());
}

std::string ToString(const Footprint& footprint) {
  return std::to_string(footprint.fds) + " fds, VmRSS " + std::to_string(footprint.rss_kib) + " KiB, RssShmem " +
         std::to_string(footprint.shmem_kib) + " KiB";
}

std::string HostileTest::HarnessPrefix(const HostileOptions& options) const {
  int launch = options.launch;
  if (launch == 0) {
    launch = options.door == HostileDoor::kRenderer ? static_cast<int>(options.benign.size()) + 1 : 1;
  }
  // The tag keeps this test's children apart from any other test's when
  // they share a network namespace (--no-sandbox).
  std::string prefix = HarnessBinary() + " --tag=" + std::filesystem::path(temp_dir()).filename().string() +
                       " --launch=" + std::to_string(launch);
  if (!options.trigger.empty()) prefix += " --trigger=" + options.trigger;
  prefix += " " + options.scenario;
  for (const std::string& arg : options.args) prefix += " " + arg;
  return prefix + " --";
}

void HostileTest::StartHostile(const HostileOptions& options) {
  // Every tab keeps its pixels: the surface budget's releases and restores
  // would move the browser's shared memory by whole surfaces, and the
  // footprint checks are about what the hostile tab leaves.
  std::vector<std::string> flags = {DoorFlag(options.door) + HarnessPrefix(options), "--crash-loop=1",
                                    "--max-surfaces=16"};
  flags.insert(flags.end(), options.flags.begin(), options.flags.end());
  StartShell(flags);
  benign_.clear();
  for (const PageFacts& page : options.benign) benign_.push_back({Open(page.file), page, Image()});
  for (BenignTab& tab : benign_) {
    tab.shot = Screenshot(tab.ref.id);
    Require(tab.shot.At(kBlockCentreX, kBlockCentreY) == tab.page.block,
            std::string("benign tab ") + tab.page.file + " is not painted through the relay: block is " +
                ToString(tab.shot.At(kBlockCentreX, kBlockCentreY)));
  }
}

TabRef HostileTest::OpenHostileTab(const std::string& url) {
  Json opened = Ok("open " + url);
  return {opened.get<int>("id"), opened.get<pid_t>("pid", 0)};
}

size_t HostileTest::DeathCount() { return ArrayAt(Ok("deaths"), "deaths").size(); }

Json HostileTest::WaitForDeath(size_t known, std::chrono::milliseconds timeout) {
  std::vector<Json> deaths;
  bool died = PollUntil(
      [&] {
        deaths = ArrayAt(Ok("deaths"), "deaths");
        return deaths.size() > known;
      },
      timeout);
  Require(died, "no death within " + std::to_string(timeout.count()) + " ms; tabs: " + ToJsonText(Ok("tabs")) +
                    "; browser stderr: " + shell().StderrTail());
  return deaths[known];
}

Json HostileTest::ExpectDeath(const std::string& url, const std::string& cause, const std::string& detail,
                              const FootprintTolerance& tolerance) {
  const Footprint before = footprint();
  const size_t known = DeathCount();
  TabRef hostile = OpenHostileTab(url);
  Json death = WaitForDeath(known);
  EXPECT_EQ(death.get<std::string>("cause", ""), cause) << url << ": " << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("detail", ""), detail) << url << ": " << ToJsonText(death);
  ExpectBenignTabsUntouched();
  CloseAndExpectFlat(hostile.id, before, tolerance);
  return death;
}

void HostileTest::ExpectBenignTabsUntouched() {
  for (const BenignTab& tab : benign_) {
    Json entry = Tab(tab.ref.id);
    EXPECT_EQ(entry.get<pid_t>("pid", -1), tab.ref.pid) << tab.page.file << ": " << ToJsonText(entry);
    EXPECT_TRUE(sandtab::test::IsAlive(tab.ref.pid)) << tab.page.file;
    EXPECT_EQ(entry.get<int>("crashes", -1), 0) << tab.page.file << ": " << ToJsonText(entry);
    EXPECT_EQ(entry.get<std::string>("state", ""), "loaded") << tab.page.file;
    Image now = Screenshot(tab.ref.id);
    EXPECT_EQ(now.CountDifferent(tab.shot), 0u) << tab.page.file << " changed its pixels";
  }
}

void HostileTest::CloseAndExpectFlat(int tab_id, const Footprint& before, const FootprintTolerance& tolerance) {
  Ok("close " + std::to_string(tab_id));
  // Closing posts the last releases through the loop: give them a moment.
  PollUntil([&] { return footprint().fds <= before.fds + tolerance.fds; }, 3s);
  ExpectFlat(before, footprint(), tolerance);
}

void HostileTest::ExpectFlat(const Footprint& before, const Footprint& after, const FootprintTolerance& tolerance) {
  EXPECT_LE(after.fds, before.fds + tolerance.fds)
      << "fds: before " << ToString(before) << "; after " << ToString(after) << "\n"
      << [&] {
           std::string list;
           for (const auto& fd : sandtab::test::FdTargets(browser_pid())) list += fd + "\n";
           return list;
         }();
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory in its quarantine (256 MiB by
  // default) instead of reusing it, so a browser that freed everything still
  // reads that much more VmRSS. fds and shared memory are checked as always.
  constexpr int64_t kQuarantineKib = 256 * 1024;
#else
  constexpr int64_t kQuarantineKib = 0;
#endif
  EXPECT_LE(after.rss_kib, before.rss_kib + tolerance.rss_kib + kQuarantineKib)
      << "VmRSS: before " << ToString(before) << "; after " << ToString(after);
  EXPECT_LE(after.shmem_kib, before.shmem_kib + tolerance.shmem_kib)
      << "RssShmem: before " << ToString(before) << "; after " << ToString(after);
}

}  // namespace sandtab::integration
