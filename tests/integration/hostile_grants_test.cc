// DESIGN section 12 against a compromised renderer (the grants-probe
// scenario, tests/support/hostile/grants_scenarios.cc): it asks for what its
// document may not have, with messages no honest renderer would send. The
// browser refuses each, names the rule in the broker log, tells the
// renderer only the rule, and kills no one (a refusal is an answer).
#include <filesystem>
#include <fstream>

#include "tests/integration/hostile_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

std::string Refused(const std::string& rule) { return "err:refused by rule \"" + rule + "\""; }

class HostileGrantsTest : public HostileTest {
 protected:
  // The hostile tab's title once the scenario has reported in it.
  std::string ReportOf(int tab_id) {
    Json tab = WaitForTab(
        tab_id,
        [](const Json& t) {
          const std::string title = t.get<std::string>("title", "");
          return title.rfind("err:", 0) == 0 || title.rfind("ok:", 0) == 0 || title.rfind("none", 0) == 0 ||
                 title.rfind("navigate sent", 0) == 0 || title.rfind("bad trigger", 0) == 0;
        },
        20s, "the scenario's report");
    return tab.get<std::string>("title", "");
  }

  std::vector<Json> DecisionsFor(const std::string& url) {
    std::vector<Json> found;
    for (const Json& decision : sandtab::test::ArrayAt(Ok("broker 100"), "decisions")) {
      if (decision.get<std::string>("url", "") == url) found.push_back(decision);
    }
    return found;
  }
};

// H2 (R): an http document's renderer asks for about:tabs (every tab's URL)
// and a file of the content root. Both refused; another tab's secret URL
// never reaches it.
TEST_F(HostileGrantsTest, AnHttpDocumentGetsNeitherAboutTabsNorFiles) {
  LoopbackHttpServer server;
  server.Serve("/secret-token-4242", "text/html", "<!DOCTYPE html><title>secret</title>");
  const std::string tile = "file://" + std::filesystem::canonical(PagesDir()).string() + "/images/tile.png";
  const std::string path = "/hostile|fetch|about:tabs|" + tile + "|about:version";
  server.Serve(path, "text/html", "<!DOCTYPE html><title>web</title>");
  StartHostile(HostileOptions("grants-probe"));
  Open(server.Url("/secret-token-4242"));

  TabRef hostile = OpenHostileTab(server.Url(path));
  const std::string report = ReportOf(hostile.id);
  EXPECT_EQ(report, Refused("about: pages are not subresources") + " || " + Refused("file: only for file: documents") +
                        " || " + Refused("about: pages are not subresources"));
  EXPECT_EQ(report.find("secret-token"), std::string::npos) << report;
  for (const std::string& url : {std::string("about:tabs"), tile}) {
    auto decisions = DecisionsFor(url);
    ASSERT_EQ(decisions.size(), 1u) << url;
    EXPECT_EQ(decisions[0].get<std::string>("outcome", "").rfind("refused", 0), 0u) << ToJsonText(decisions[0]);
    EXPECT_EQ(decisions[0].get<int>("tab", -1), hostile.id);
  }
  EXPECT_EQ(DeathCount(), 0u);
  ExpectBenignTabsUntouched();
}

// L8: a renderer asks to navigate its tab to a debug URL. Refused before
// history (the tab keeps its URL), named in the broker log, and neither the
// renderer nor the browser dies.
TEST_F(HostileGrantsTest, ANavigateRequestToADebugUrlIsRefused) {
  StartHostile(HostileOptions("grants-probe"));
  const std::string url = "data:text/html,hostile|navigate|about:crash";
  TabRef hostile = OpenHostileTab(url);
  EXPECT_EQ(ReportOf(hostile.id), "navigate sent");
  std::vector<Json> decisions;
  ASSERT_TRUE(PollUntil([&] { return !(decisions = DecisionsFor("about:crash")).empty(); }, 10s));
  EXPECT_EQ(decisions[0].get<std::string>("rule", ""), "debug URLs only from the user") << ToJsonText(decisions[0]);
  Json tab = Tab(hostile.id);
  EXPECT_EQ(tab.get<std::string>("url"), url) << ToJsonText(tab);
  EXPECT_EQ(tab.get<int>("crashes"), 0);
  EXPECT_EQ(DeathCount(), 0u);
  ExpectBenignTabsUntouched();
}

// L9: about:tabs, opened by the user, is drawn by a renderer: it lists the
// tabs' URLs (the user asked) but no host pid.
TEST_F(HostileGrantsTest, AboutTabsShowsTheRendererNoHostPids) {
  StartHostile(HostileOptions("grants-probe"));
  TabRef hostile = OpenHostileTab("about:tabs#hostile|document");
  const std::string report = ReportOf(hostile.id);
  ASSERT_EQ(report.rfind("ok:", 0), 0u) << report;
  EXPECT_NE(report.find("index.html"), std::string::npos) << report;
  for (const BenignTab& tab : benign()) {
    std::string cell = std::to_string(tab.ref.pid);  // as a table cell: ">PID<"
    cell.insert(cell.begin(), '>');
    cell.push_back('<');
    EXPECT_EQ(report.find(cell), std::string::npos) << report;
  }
  EXPECT_EQ(report.find(">pid<"), std::string::npos) << report;
}

// M5: a file: document's renderer may fetch files, but only under the root,
// and what it hears about a path outside is the same whether the file
// exists or not, and holds no errno text and no host path.
TEST_F(HostileGrantsTest, FilesOutsideTheRootAreRefusedAlike) {
  const std::string root = TempPath("root");  // the built-in pages, for the benign tabs, and one more
  std::filesystem::copy(PagesDir(), root, std::filesystem::copy_options::recursive);
  std::ofstream(root + "/hostile.html") << "<!DOCTYPE html><title>local</title>";
  StartHostile(HostileOptions("grants-probe").WithFlags({"--content-root=" + root}));
  TabRef hostile = OpenHostileTab("file://" + root +
                                  "/hostile.html?|fetch|file:///etc/passwd|file:///etc/no-such-file-4242|"
                                  "file:///proc/self/cwd/x|file://" +
                                  root + "/index.html");
  const std::string report = ReportOf(hostile.id);
  const std::string refused = Refused("file: only under the content root");
  EXPECT_EQ(report.rfind(refused + " || " + refused + " || " + refused + " || ok:", 0), 0u) << report;
  EXPECT_EQ(report.find("No such file"), std::string::npos) << report;
  EXPECT_EQ(report.find(root), std::string::npos) << report;
  EXPECT_EQ(DeathCount(), 0u);
}

}  // namespace
}  // namespace sandtab::integration
