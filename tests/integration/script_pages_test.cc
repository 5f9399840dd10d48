// Pages that run scripts, through the shell contract with the real
// binaries (DESIGN section 13): what a script changes is painted, clicks
// reach listeners, fetch() goes through the browser's rules, a runaway
// allocation ends only its own renderer, and --js-flags=--jitless takes
// executable memory away from the renderer.
#include <filesystem>
#include <fstream>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

class ScriptPagesTest : public ShellTest {
 protected:
  // A content root of the built-in pages plus `files` (name, text).
  void StartWithPages(const std::vector<std::pair<std::string, std::string>>& files,
                      std::vector<std::string> flags = {}) {
    root_ = TempPath("root");
    std::filesystem::copy(PagesDir(), root_, std::filesystem::copy_options::recursive);
    for (const auto& [name, text] : files) std::ofstream(root_ + "/" + name) << text;
    flags.push_back("--content-root=" + root_);
    StartShell(flags);
  }
  std::string Url(const std::string& name) const { return "file://" + root_ + "/" + name; }
  std::string Title(int id) { return Tab(id).get<std::string>("title", ""); }
  Json WaitForTitle(int id, const std::string& title) {
    return WaitForTab(
        id, [&](const Json& tab) { return tab.get<std::string>("title", "") == title; }, 10s, "title " + title);
  }

  std::string root_;
};

constexpr char kGreenBox[] = R"(<!DOCTYPE html><title>before</title>
<style>body{margin:0} #box{position:absolute;left:20px;top:20px;width:200px;height:100px;background:rgb(200,0,0)}
#box.done{background:rgb(0,160,0)}</style>
<div id=box></div>
<script>document.getElementById('box').classList.add('done'); document.title = 'script ran';</script>)";

TEST_F(ScriptPagesTest, WhatAScriptChangesIsPainted) {
  StartWithPages({{"green.html", kGreenBox}});
  TabRef tab = Open(Url("green.html"));
  EXPECT_EQ(Title(tab.id), "script ran");
  EXPECT_TRUE(Near(Screenshot(tab.id).At(120, 70), Rgba{0, 160, 0, 255}, 8));
}

TEST_F(ScriptPagesTest, DisableJavascriptLeavesThePageAsWritten) {
  StartWithPages({{"green.html", kGreenBox}}, {"--disable-javascript"});
  TabRef tab = Open(Url("green.html"));
  EXPECT_EQ(Title(tab.id), "before");
  EXPECT_TRUE(Near(Screenshot(tab.id).At(120, 70), Rgba{200, 0, 0, 255}, 8));
}

// A link whose listener calls preventDefault() stays; the listener's change
// shows. A plain link still navigates.
TEST_F(ScriptPagesTest, ClicksReachListenersAndPreventDefaultKeepsTheLink) {
  StartWithPages({{"links.html", R"(<!DOCTYPE html><title>0 clicks</title>
<style>body{margin:0} a{position:absolute;left:0;width:200px;height:100px;display:block}</style>
<a id=kept href="index.html" style="top:0">kept</a>
<a id=goes href="index.html" style="top:200px">goes</a>
<script>let clicks = 0;
document.getElementById('kept').addEventListener('click', e => { e.preventDefault(); document.title = ++clicks + ' clicks'; });
</script>)"}});
  TabRef tab = Open(Url("links.html"));
  Ok("click " + std::to_string(tab.id) + " 50 50");
  WaitForTitle(tab.id, "1 clicks");
  Ok("click " + std::to_string(tab.id) + " 50 50");
  Json kept = WaitForTitle(tab.id, "2 clicks");
  EXPECT_EQ(kept.get<std::string>("url", ""), Url("links.html"));
  Ok("click " + std::to_string(tab.id) + " 50 250");
  WaitForTab(
      tab.id, [&](const Json& t) { return t.get<std::string>("url", "") == Url("index.html"); }, 10s,
      "the plain link's navigation");
  EXPECT_EQ(Tab(tab.id).get<int>("pid", 0), tab.pid);  // same site: same renderer
}

// fetch() asks the browser, which applies the loader's rules: a file under
// the content root arrives, one outside it is refused, and the page sees
// Chrome's TypeError.
TEST_F(ScriptPagesTest, FetchGoesThroughTheBrowsersRules) {
  StartWithPages({{"fetcher.html", R"(<!DOCTYPE html><title>waiting</title><script>
(async () => {
  const planets = await (await fetch('data/planets.json')).json();
  let refused = 'not refused';
  try { await fetch('file:///etc/passwd'); } catch (e) { refused = e.name; }
  document.title = planets[0].name + ' / ' + refused;
})();
</script>)"}});
  TabRef tab = Open(Url("fetcher.html"));
  WaitForTab(
      tab.id, [](const Json& t) { return t.get<std::string>("title", "") != "waiting"; }, 10s, "the fetches");
  EXPECT_EQ(Title(tab.id), "Mercury / TypeError");
}

// A POST goes out through the browser with its body; a server's error
// status is a Response (ok false), as in Chrome, but a script served with
// one is not run.
TEST_F(ScriptPagesTest, FetchPostsThroughTheBrowserAndServerErrorsAreResponses) {
  test::LoopbackHttpServer server;
  server.Serve("/api", "application/json", R"({"saved": true})");
  server.Serve("/gone.js", {404, {{"Content-Type", "text/javascript"}}, "var ran404 = 'ran';"});
  server.Serve("/poster.html", "text/html",
               R"(<!DOCTYPE html><title>waiting</title><script src="/gone.js"></script><script>
(async () => {
  const saved = await (await fetch('/api', {method: 'POST', body: 'name=Ceres'})).json();
  const missing = await fetch('/missing');
  document.title = saved.saved + ' ' + missing.status + ' ' + missing.ok + ' ' + typeof ran404;
})();
</script>)");
  StartShell();
  TabRef tab = Open(server.Url("/poster.html"));
  WaitForTab(
      tab.id, [](const Json& t) { return t.get<std::string>("title", "") != "waiting"; }, 10s, "the fetches");
  EXPECT_EQ(Title(tab.id), "true 404 false undefined");
  const auto posts = server.Posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0], std::make_pair(std::string("/api"), std::string("name=Ceres")));
}

// ArrayBuffers live outside the JavaScript heap: the renderer's memory
// budget ends the page as out of memory, and only its own renderer.
TEST_F(ScriptPagesTest, AllocatingWithoutEndIsOutOfMemoryForThatTabOnly) {
  StartWithPages({{"hoard.html", R"(<!DOCTYPE html><title>hoard</title><script>
setTimeout(() => { const hoard = []; for (;;) hoard.push(new ArrayBuffer(64 << 20)); }, 200);
</script>)"}});
  TabRef other = Open(Url("index.html"));
  TabRef hoard = Open(Url("hoard.html"));
  Json tab = WaitForTab(
      hoard.id, [](const Json& t) { return !t.get_child("last_death").empty(); }, 15s, "a death");
  EXPECT_EQ(tab.get<std::string>("last_death.cause", ""), "out_of_memory");
  EXPECT_EQ(Tab(other.id).get<int>("pid", 0), other.pid);
  EXPECT_FALSE(PsEntry(other.pid).empty());
}

// A loop that JITs runs by default; under --js-flags=--jitless the
// renderer's sandbox report shows executable memory refused. 300,000 turns
// pass every JIT tier's threshold and stay far inside the 2 s watchdog even
// interpreted on a loaded machine (3,000,000 did not: the tab crash-looped).
TEST_F(ScriptPagesTest, JitlessRenderersAreRefusedExecutableMemory) {
  const std::pair<std::string, std::string> hot = {"hot.html", R"(<!DOCTYPE html><title>-</title><script>
let sum = 0; for (let i = 0; i < 300000; i++) sum = (sum + i * i) % 1000003;
document.title = 'sum ' + sum;</script>)"};
  for (const bool jitless : {false, true}) {
    SCOPED_TRACE(jitless ? "--js-flags=--jitless" : "default");
    StartWithPages({hot}, jitless ? std::vector<std::string>{"--js-flags=--jitless"} : std::vector<std::string>{});
    TabRef tab = Open(Url("hot.html"));
    EXPECT_EQ(Title(tab.id).rfind("sum ", 0), 0u);
    const Json report = Ok("sandbox " + std::to_string(tab.id));
    bool probed = false, denied = false;
    for (const Json& probe : test::ArrayAt(report, "probes")) {
      if (probe.get<std::string>("name", "") != "mprotect PROT_EXEC") continue;
      probed = true;
      denied = JsonBool(probe, "denied");
    }
    EXPECT_EQ(probed, jitless);
    EXPECT_EQ(denied, jitless);
    Ok("quit");
    std::filesystem::remove_all(root_);
  }
}

}  // namespace
}  // namespace sandtab::integration
