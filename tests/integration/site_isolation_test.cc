// DESIGN section 14: a renderer process is locked to the site of its first
// document. Three loopback sites (127.0.0.1, localhost and 127.0.0.2, two
// servers) and every kind of navigation: typed, a link click, a redirect, a
// script's `location`, back and forward. Across sites the tab gets a new
// renderer process (a new pid, its site in `tabs` and `ps`), the old one
// exits cleanly (no death recorded, reaped), and the old frame stays on
// screen until the new process paints; within a site the pid stays.
#include <signal.h>

#include <string>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

constexpr Rgba kOneColour{0, 121, 107, 255};    // #00796b
constexpr Rgba kOtherColour{191, 54, 12, 255};  // #bf360c

// A page whose block (at the fixture's kBlockCentre) is `colour`, and `body` after it.
std::string Page(const std::string& title, const std::string& colour, const std::string& body = "") {
  return "<!DOCTYPE html><html><head><title>" + title + "</title><style>body{margin:0;padding:20px}" +
         ".block{width:200px;height:100px;background:" + colour + "}a{display:block;height:300px}</style>" +
         "</head><body><div class=\"block\"></div>" + body + "</body></html>";
}

class SiteIsolationTest : public ShellTest {
 protected:
  void SetUp() override {
    ShellTest::SetUp();
    StartShell();
  }

  // The tab once it shows `title`, loaded and painted.
  Json Shows(int id, const std::string& title) {
    WaitForTab(
        id,
        [&](const Json& t) {
          return t.get<std::string>("title", "") == title && t.get<std::string>("state") == "loaded";
        },
        15s, "showing " + title);
    Ok("wait " + std::to_string(id) + " 10", 20s);
    return Tab(id);
  }
  // The old renderer of a swap is gone: reaped (kill(0) fails, so no
  // zombie either), listed by `ps` no more, and its end was no death.
  void ExpectGoneCleanly(pid_t pid) {
    EXPECT_TRUE(PollUntil([&] { return ::kill(pid, 0) != 0; }, 10s)) << "renderer " << pid << " still exists";
    EXPECT_TRUE(PsEntry(pid).empty()) << ToJsonText(PsEntry(pid));
    EXPECT_EQ(Ok("stats").get<int>("deaths"), 0) << ToJsonText(Ok("deaths"));
  }
  std::string PsSite(pid_t pid) { return PsEntry(pid).get<std::string>("site", ""); }
  // Three pages, each a (path, html) pair: two of 127.0.0.1's site, then one of 127.0.0.2's.
  void ServeHops(const std::pair<std::string, std::string>& first, const std::pair<std::string, std::string>& second,
                 const std::pair<std::string, std::string>& other) {
    one_.Serve(first.first, "text/html", first.second);
    one_.Serve(second.first, "text/html", second.second);
    two_.Serve(other.first, "text/html", other.second);
  }

  LoopbackHttpServer one_;               // http://127.0.0.1 and http://localhost
  LoopbackHttpServer two_{"127.0.0.2"};  // http://127.0.0.2
};

TEST_F(SiteIsolationTest, TypedNavigationsSwapAcrossSitesOnlyAndBackForwardSwapToo) {
  one_.Serve("/a.html", "text/html", Page("one a", "#00796b"));
  one_.Serve("/b.html", "text/html", Page("one b", "#00796b"));
  two_.Serve("/c.html", "text/html", Page("two c", "#bf360c"));
  TabRef tab = Open(one_.Url("/a.html"));
  const std::string id = std::to_string(tab.id);
  Json now = Shows(tab.id, "one a");
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.1") << ToJsonText(now);
  EXPECT_EQ(PsSite(tab.pid), "http://127.0.0.1");

  Ok("nav " + id + " " + one_.Url("/b.html"));
  now = Shows(tab.id, "one b");
  EXPECT_EQ(now.get<int>("pid"), tab.pid) << "a same-site navigation keeps its process";

  // localhost is another site than 127.0.0.1, though the same server.
  Ok("nav " + id + " " + one_.UrlAs("localhost", "/a.html"));
  now = Shows(tab.id, "one a");
  const pid_t localhost_pid = now.get<int>("pid");
  EXPECT_NE(localhost_pid, tab.pid);
  EXPECT_EQ(now.get<std::string>("site"), "http://localhost");
  EXPECT_EQ(PsSite(localhost_pid), "http://localhost");
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kOneColour);
  ExpectGoneCleanly(tab.pid);

  Ok("nav " + id + " " + two_.Url("/c.html"));
  now = Shows(tab.id, "two c");
  const pid_t two_pid = now.get<int>("pid");
  EXPECT_NE(two_pid, localhost_pid);
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.2");
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kOtherColour);

  Ok("back " + id);
  now = Shows(tab.id, "one a");
  EXPECT_NE(now.get<int>("pid"), two_pid) << "back across sites swaps too";
  EXPECT_EQ(now.get<std::string>("site"), "http://localhost");
  const pid_t back_pid = now.get<int>("pid");
  Ok("back " + id);
  now = Shows(tab.id, "one b");
  EXPECT_NE(now.get<int>("pid"), back_pid);
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.1");
  const pid_t one_pid = now.get<int>("pid");
  Ok("back " + id);
  now = Shows(tab.id, "one a");
  EXPECT_EQ(now.get<int>("pid"), one_pid) << "back within a site keeps the process";
  Ok("forward " + id);
  Ok("forward " + id);
  now = Shows(tab.id, "one a");
  EXPECT_EQ(now.get<std::string>("site"), "http://localhost");
  EXPECT_NE(now.get<int>("pid"), one_pid) << "forward across sites swaps";
  ExpectGoneCleanly(two_pid);
  EXPECT_EQ(now.get<int>("crashes"), 0);
}

TEST_F(SiteIsolationTest, ALinkClickSwapsAcrossSitesAndKeepsTheProcessWithinOne) {
  // Each page's link is a 300 px block right under the coloured one.
  ServeHops({"/start.html", Page("start", "#00796b", "<a href=\"/same.html\">same site</a>")},
            {"/same.html", Page("same", "#00796b", "<a href=\"" + two_.Url("/other.html") + "\">other site</a>")},
            {"/other.html", Page("other", "#bf360c")});
  TabRef tab = Open(one_.Url("/start.html"));
  const std::string id = std::to_string(tab.id);
  Shows(tab.id, "start");
  Ok("click " + id + " 100 250");
  Json now = Shows(tab.id, "same");
  EXPECT_EQ(now.get<int>("pid"), tab.pid) << "a same-site link keeps the process";
  Ok("click " + id + " 100 250");
  now = Shows(tab.id, "other");
  EXPECT_NE(now.get<int>("pid"), tab.pid) << "a cross-site link gets a new process";
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.2");
  ExpectGoneCleanly(tab.pid);
}

TEST_F(SiteIsolationTest, ARedirectToAnotherSiteCommitsInANewProcess) {
  LoopbackHttpServer::Response redirect;
  redirect.status = 302;
  redirect.headers = {{"Location", two_.Url("/landing.html")}};
  one_.Serve("/go", redirect);
  LoopbackHttpServer::Response same_site_redirect;
  same_site_redirect.status = 302;
  same_site_redirect.headers = {{"Location", "/page.html"}};
  one_.Serve("/here", same_site_redirect);
  one_.Serve("/page.html", "text/html", Page("one page", "#00796b"));
  two_.Serve("/landing.html", "text/html", Page("landing", "#bf360c"));
  TabRef tab = Open(one_.Url("/page.html"));
  const std::string id = std::to_string(tab.id);
  Ok("nav " + id + " " + one_.Url("/here"));
  Json now = Shows(tab.id, "one page");
  EXPECT_EQ(now.get<int>("pid"), tab.pid) << "a same-site redirect keeps the process";

  Ok("nav " + id + " " + one_.Url("/go"));
  now = Shows(tab.id, "landing");
  EXPECT_NE(now.get<int>("pid"), tab.pid);
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.2");
  EXPECT_EQ(now.get<std::string>("url"), two_.Url("/landing.html")) << "the entry names where it landed";
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kOtherColour);
  ExpectGoneCleanly(tab.pid);
}

TEST_F(SiteIsolationTest, AScriptsLocationSwapsAcrossSitesOnly) {
  ServeHops({"/moves.html", Page("moves", "#00796b", "<script>location.href = '/stays.html';</script>")},
            {"/stays.html",
             Page("stays", "#00796b", "<script>location.href = '" + two_.Url("/arrived.html") + "';</script>")},
            {"/arrived.html", Page("arrived", "#bf360c")});
  TabRef tab = Open(one_.Url("/page-that-does-not-matter"));
  const std::string id = std::to_string(tab.id);
  Ok("nav " + id + " " + one_.Url("/moves.html"));
  Json now = Shows(tab.id, "arrived");
  EXPECT_NE(now.get<int>("pid"), tab.pid);
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.2");
  ASSERT_EQ(one_.RequestCount("/stays.html"), 1) << "the same-site hop was not made";
  ExpectGoneCleanly(tab.pid);
}

// The old process's last frame is the tab's picture until the new one
// paints: with the new site's server never answering, the tab still shows
// the old page, while the old process is already gone.
TEST_F(SiteIsolationTest, TheOldFrameStaysOnScreenUntilTheNewProcessPaints) {
  one_.Serve("/a.html", "text/html", Page("one a", "#00796b"));
  LoopbackHttpServer::Response silent;
  silent.never_answer = true;
  two_.Serve("/slow.html", silent);
  TabRef tab = Open(one_.Url("/a.html"));
  const std::string id = std::to_string(tab.id);
  Ok("nav " + id + " " + two_.Url("/slow.html"));
  ASSERT_EQ(two_.WaitForRequests("/slow.html", 1, 15s), 1) << "the new process never asked";
  const Json now = Tab(tab.id);
  EXPECT_NE(now.get<int>("pid"), tab.pid) << ToJsonText(now);
  EXPECT_EQ(now.get<std::string>("site"), "http://127.0.0.2");
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kOneColour) << "a flash of empty";
  ExpectGoneCleanly(tab.pid);
}

}  // namespace
}  // namespace sandtab::integration
