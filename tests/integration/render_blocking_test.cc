// Stylesheets are render-blocking, as in every browser: a renderer presents
// no frame of a page while a stylesheet it asked for is on its way, so the
// first frame a user sees is already styled (and the renderer paints one
// frame, not an unstyled one and then a styled one). A stylesheet that fails
// unblocks the page at once. Driven through the shell over http, against a
// loopback server that answers the stylesheet late.
#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

constexpr Rgba kStyledBackground{224, 242, 241, 255};  // #e0f2f1
constexpr Rgba kStyledBlock{40, 53, 147, 255};         // #283593
constexpr Rgba kWhite{255, 255, 255, 255};

std::string PageLinking(const std::string& sheet) {
  return "<!DOCTYPE html><html><head><title>blocked</title><link rel=\"stylesheet\" href=\"" + sheet +
         "\"></head><body><div class=\"block\"></div></body></html>";
}

constexpr char kSheet[] =
    "body{margin:0;padding:20px;background:#e0f2f1}.block{width:200px;height:100px;background:#283593}";

class RenderBlockingTest : public ShellTest {};

TEST_F(RenderBlockingTest, NoFrameBeforeTheStylesheetArrivesAndThenOneStyledFrame) {
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html", PageLinking("late.css"));
  LoopbackHttpServer::Response late;
  late.headers = {{"Content-Type", "text/css"}};
  late.body = kSheet;
  late.delay = std::chrono::milliseconds(1500);
  server.Serve("/late.css", late);

  StartShell();
  const int id = Ok("open " + server.Url("/page.html")).get<int>("id");
  // The document is in (its title shows) and the sheet has been asked for,
  // well inside its 1.5 s delay: nothing presented yet.
  Json tab = WaitForTab(
      id, [](const Json& t) { return t.get<std::string>("title", "") == "blocked"; }, std::chrono::seconds(10),
      "the document's title");
  EXPECT_EQ(tab.get<int>("frames", -1), 0) << "painted before its stylesheet: " << ToJsonText(tab);
  EXPECT_EQ(server.WaitForRequests("/late.css", 1, std::chrono::seconds(5)), 1);

  Ok("wait " + std::to_string(id) + " 10", std::chrono::seconds(20));
  // The first frame `wait` saw is the styled one.
  Image shot = Screenshot(id);
  EXPECT_EQ(shot.At(kBlockCentreX, kBlockCentreY), kStyledBlock);
  EXPECT_EQ(shot.At(kBackgroundX, kBackgroundY), kStyledBackground);
  tab = Tab(id);  // `wait` returned: loaded
  EXPECT_EQ(tab.get<std::string>("state", ""), "loaded") << ToJsonText(tab);
  EXPECT_EQ(tab.get<int>("frames", -1), 1) << "one load, one frame: " << ToJsonText(tab);
}

TEST_F(RenderBlockingTest, AMissingStylesheetUnblocksThePage) {
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html", PageLinking("missing.css"));  // the server answers 404

  StartShell();
  TabRef tab = Open(server.Url("/page.html"));  // `wait`s until loaded
  Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<std::string>("state", ""), "loaded") << ToJsonText(entry);
  EXPECT_EQ(entry.get<int>("frames", -1), 1) << ToJsonText(entry);
  EXPECT_EQ(server.RequestCount("/missing.css"), 1);
  // Unstyled: the default white page.
  EXPECT_EQ(Screenshot(tab.id).At(kBackgroundX, kBackgroundY), kWhite);
}

}  // namespace
}  // namespace sandtab::integration
