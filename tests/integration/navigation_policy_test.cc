// DESIGN sections 1 and 4: the renderer only asks; the browser decides every
// navigation and every fetch, and answers each renderer only with what it
// asked for.
#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

class NavigationPolicyTest : public ShellTest {};

// Two tabs load pages whose subresources interleave (the first tab's
// stylesheet is answered late, after the second tab's). Both renderers
// number their requests alike, so only the browser's routing keeps each
// answer with the renderer that asked: each tab shows only its own colours,
// and neither page's stylesheet was fetched for the other.
TEST_F(NavigationPolicyTest, EachTabGetsOnlyItsOwnResponses) {
  LoopbackHttpServer server;
  auto page = [](const std::string& name) {
    return "<!DOCTYPE html><html><head><title>page " + name + "</title><link rel=\"stylesheet\" href=\"" + name +
           ".css\"></head><body><div class=\"block\"></div></body></html>";
  };
  auto sheet = [](const std::string& block, const std::string& background) {
    return "body{margin:0;padding:20px;background:" + background +
           "}.block{width:200px;height:100px;background:" + block + "}";
  };
  server.Serve("/a.html", "text/html", page("a"));
  server.Serve("/b.html", "text/html", page("b"));
  LoopbackHttpServer::Response late_a;
  late_a.headers = {{"Content-Type", "text/css"}};
  late_a.body = sheet("#283593", "#fce4ec");  // indigo on pink
  late_a.delay = 600ms;
  server.Serve("/a.css", late_a);
  server.Serve("/b.css", "text/css", sheet("#ef6c00", "#e0f2f1"));  // orange on mint
  const Rgba a_block{40, 53, 147, 255}, a_background{252, 228, 236, 255};
  const Rgba b_block{239, 108, 0, 255}, b_background{224, 242, 241, 255};

  StartShell();
  // Both opened before either is waited for, so their fetches overlap.
  int a = Ok("open " + server.Url("/a.html")).get<int>("id");
  int b = Ok("open " + server.Url("/b.html")).get<int>("id");
  auto shows = [&](int id, Rgba block, Rgba background) {
    Image shot;
    bool ok = PollUntil(
        [&] {
          shot = Screenshot(id);
          return shot.At(kBlockCentreX, kBlockCentreY) == block;
        },
        5s);
    EXPECT_TRUE(ok) << "tab " << id << " block " << ToString(shot.At(kBlockCentreX, kBlockCentreY));
    EXPECT_EQ(shot.CountNotNear(kBlockX0, kBlockY0, kBlockX1, kBlockY1, block, 0), 0u);
    EXPECT_EQ(shot.At(kBackgroundX, kBackgroundY), background);
    return shot;
  };
  Ok("wait " + std::to_string(b) + " 10", 20s);
  shows(b, b_block, b_background);
  Ok("wait " + std::to_string(a) + " 10", 20s);
  shows(a, a_block, a_background);
  EXPECT_EQ(Tab(a).get<std::string>("title"), "page a");
  EXPECT_EQ(Tab(b).get<std::string>("title"), "page b");
  // Each stylesheet went out once, in its own tab's name.
  EXPECT_EQ(server.RequestCount("/a.css"), 1);
  EXPECT_EQ(server.RequestCount("/b.css"), 1);
  for (const Json& decision : sandtab::test::ArrayAt(Ok("broker 50"), "decisions")) {
    std::string url = decision.get<std::string>("url", "");
    if (url == server.Url("/a.css") || url == server.Url("/a.html")) {
      EXPECT_EQ(decision.get<int>("tab", -1), a) << ToJsonText(decision);
    }
    if (url == server.Url("/b.css") || url == server.Url("/b.html")) {
      EXPECT_EQ(decision.get<int>("tab", -1), b) << ToJsonText(decision);
    }
  }
  // Still true after both have settled (a late answer did not repaint the
  // other tab).
  shows(b, b_block, b_background);
}

}  // namespace
}  // namespace sandtab::integration
