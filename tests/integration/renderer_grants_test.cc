// DESIGN section 12, per-renderer grants (Chrome's ChildProcessSecurityPolicy):
// what a renderer may ask for depends on the document it shows. Honest
// pages here; the hostile renderer's attacks are in hostile_grants_test.cc.
#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

#include <filesystem>

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

// Two link boxes, one above the other: (100,50) and (100,150).
std::string TwoLinks(const std::string& first, const std::string& second) {
  return "<!DOCTYPE html><html><head><title>links</title><style>body{margin:0;background:#e8eaf6}"
         "a{display:block;width:600px;height:100px;background:#00897b;color:#ffffff;font-size:60px;"
         "line-height:100px}</style></head><body><a href=\"" +
         first + "\">one one one</a><a href=\"" + second + "\">two two two</a></body></html>";
}

class RendererGrantsTest : public ShellTest {
 protected:
  std::vector<Json> DecisionsFor(const std::string& url) {
    std::vector<Json> found;
    for (const Json& decision : sandtab::test::ArrayAt(Ok("broker 100"), "decisions")) {
      if (decision.get<std::string>("url", "") == url) found.push_back(decision);
    }
    return found;
  }
  Json DecisionFor(const std::string& url) {
    std::vector<Json> found;
    Require(PollUntil([&] { return !(found = DecisionsFor(url)).empty(); }, 10s), "no broker decision for " + url);
    return found.back();
  }
};

// H2 (W): an http page embeds a file of the content root. The browser
// refuses it: http documents get no file: at all.
TEST_F(RendererGrantsTest, AnHttpPageCannotEmbedAFileOfTheRoot) {
  const std::string tile = "file://" + std::filesystem::canonical(PagesDir()).string() + "/images/tile.png";
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html", "<!DOCTYPE html><title>web</title><img src=\"" + tile + "\">");
  StartShell();
  TabRef tab = Open(server.Url("/page.html"));
  Json decision = DecisionFor(tile);
  EXPECT_EQ(decision.get<std::string>("rule", ""), "file: only for file: documents") << ToJsonText(decision);
  EXPECT_EQ(decision.get<std::string>("outcome", "").rfind("refused", 0), 0u) << ToJsonText(decision);
  EXPECT_EQ(decision.get<int>("tab", -1), tab.id);
}

// A click on a link to a local file, or to a debug URL, from an http page:
// the renderer asks, the browser refuses before anything enters history (as
// Chrome's "Not allowed to load local resource"), and the tab stays where it
// was, renderer and all. The broker's log names the rule.
TEST_F(RendererGrantsTest, LinksToLocalFilesAndDebugUrlsAreNotFollowed) {
  LoopbackHttpServer server;
  server.Serve("/links.html", "text/html", TwoLinks("file:///etc/passwd", "about:crash"));
  StartShell();
  TabRef tab = Open(server.Url("/links.html"));
  const std::string id = std::to_string(tab.id);
  ASSERT_EQ(Screenshot(tab.id).At(300, 150).r, 0) << "the link boxes are not where the test clicks";

  Ok("click " + id + " 100 50");
  Json file = DecisionFor("file:///etc/passwd");
  EXPECT_EQ(file.get<std::string>("rule", ""), "file: only for file: documents") << ToJsonText(file);
  EXPECT_EQ(file.get<std::string>("outcome", "").rfind("refused", 0), 0u) << ToJsonText(file);

  Ok("click " + id + " 100 150");
  Json crash = DecisionFor("about:crash");
  EXPECT_EQ(crash.get<std::string>("rule", ""), "debug URLs only from the user") << ToJsonText(crash);

  Ok("wait " + id + " 10", 20s);
  Json after = Tab(tab.id);
  EXPECT_EQ(after.get<std::string>("url"), server.Url("/links.html")) << ToJsonText(after);
  EXPECT_EQ(after.get<std::string>("document_error", ""), "");
  EXPECT_EQ(after.get<pid_t>("pid"), tab.pid);
  EXPECT_EQ(after.get<int>("crashes"), 0);
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 0);
  EXPECT_EQ(server.RequestCount("/links.html"), 1) << "nothing was navigated, not even a reload";
}

// The user's own file: error page is informative for the user (`tabs`), but
// the renderer drawing it gets only the rule: an existing and a missing file
// outside the root give the same page.
TEST_F(RendererGrantsTest, TheUsersErrorDetailsStayWithTheUser) {
  StartShell();
  int existing = Ok("open file:///etc/passwd").get<int>("id");
  int missing = Ok("open file:///etc/no-such-file-here").get<int>("id");
  for (int id : {existing, missing}) Ok("wait " + std::to_string(id) + " 10", 20s);
  const std::string a = Tab(existing).get<std::string>("document_error", "");
  const std::string b = Tab(missing).get<std::string>("document_error", "");
  EXPECT_NE(a.find("outside the content root"), std::string::npos) << a;
  EXPECT_NE(b.find("outside the content root"), std::string::npos) << b;
  EXPECT_EQ(a.find("No such file"), std::string::npos) << a;
  EXPECT_EQ(b.find("No such file"), std::string::npos) << b;
}

}  // namespace
}  // namespace sandtab::integration
