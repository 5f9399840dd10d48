// A page may reference hundreds of subresources (ResourceStore keeps up to
// 512); the browser kills a renderer with more than 256 requests outstanding
// (a bad message). The renderer keeps at most 64 of each kind out and queues
// the rest, and the browser forgets a navigation's unanswered requests when
// the tab navigates on: a normal page with many images loads, reloading it
// while its images are still on their way never adds up to the limit, and
// stylesheets do not wait behind images.
#include <string>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/png_encoder.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

constexpr Rgba kTeal{0, 150, 136, 255};

std::string SmallPng() {
  Image image;
  image.width = 4;
  image.height = 4;
  image.pixels.assign(16, kTeal);
  return sandtab::test::EncodePng(image);
}

// A page of `count` 8x8 images, /img/0.png ... /img/{count-1}.png.
std::string PageOfImages(int count) {
  std::string page = "<!DOCTYPE html><html><head><title>images</title></head><body>";
  for (int i = 0; i < count; ++i) page += "<img src=\"img/" + std::to_string(i) + ".png\" width=8 height=8>";
  return page + "</body></html>";
}

class ManyResourcesTest : public ShellTest {};

TEST_F(ManyResourcesTest, APageOfThreeHundredImagesLoadsInOneRenderer) {
  constexpr int kImages = 300;
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html", PageOfImages(kImages));
  const std::string png = SmallPng();
  for (int i = 0; i < kImages; ++i) server.Serve("/img/" + std::to_string(i) + ".png", "image/png", png);

  StartShell();
  TabRef tab = Open(server.Url("/page.html"));  // `wait`s until every image is in
  Json loaded = Tab(tab.id);
  EXPECT_EQ(loaded.get<std::string>("state", ""), "loaded") << ToJsonText(loaded);
  EXPECT_EQ(loaded.get<int>("crashes", -1), 0) << ToJsonText(loaded);
  EXPECT_EQ(loaded.get<pid_t>("pid"), tab.pid) << "the renderer was replaced: " << ToJsonText(loaded);
  for (int i = 0; i < kImages; ++i) EXPECT_EQ(server.RequestCount("/img/" + std::to_string(i) + ".png"), 1) << i;
  // Every image drawn: 300 teal squares of 8x8 (edges filtered; the 4x4
  // inside each is exact).
  Image shot = Screenshot(tab.id);
  const size_t teal =
      static_cast<size_t>(shot.width) * shot.height - shot.CountNotNear(0, 0, shot.width, shot.height, kTeal, 0);
  EXPECT_GE(teal, static_cast<size_t>(kImages) * 16);
}

TEST_F(ManyResourcesTest, ReloadingWhileImagesAreOutstandingNeverReachesTheLimit) {
  constexpr int kImages = 100;
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html", PageOfImages(kImages));
  LoopbackHttpServer::Response slow;
  slow.headers = {{"Content-Type", "image/png"}};
  slow.body = SmallPng();
  slow.never_answer = true;  // still out when the test ends
  for (int i = 0; i < kImages; ++i) server.Serve("/img/" + std::to_string(i) + ".png", slow);

  StartShell();
  const int id = Ok("open " + server.Url("/page.html")).get<int>("id");
  // Never loaded (`wait` waits for every image), but painted: images do
  // not block. Each load leaves up to 64 requests unanswered; six would be
  // 384, over the browser's 256.
  int frames = 0;
  pid_t pid = 0;
  for (int load = 0; load < 6; ++load) {
    if (load > 0) Ok("reload " + std::to_string(id));
    Json painted = WaitForTab(
        id, [frames](const Json& t) { return t.get<int>("frames", 0) > frames; }, std::chrono::seconds(10),
        "a frame of load " + std::to_string(load + 1));
    frames = painted.get<int>("frames");
    if (load == 0) pid = painted.get<pid_t>("pid");
    // Let the renderer's requests reach the browser before the next reload.
    PollUntil([&] { return server.Requests().size() >= static_cast<size_t>(1 + load) * 65; }, 5s);
  }
  EXPECT_GE(server.Requests().size(), 6u * 65) << "six loads, each a page and 64 images out";
  Json entry = Tab(id);
  EXPECT_EQ(entry.get<int>("crashes", -1), 0) << ToJsonText(entry);
  EXPECT_EQ(entry.get<pid_t>("pid"), pid) << ToJsonText(entry);
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty());
}

// Images that never answer hold all 64 of their slots. A stylesheet found
// after them (here: imported by the page's stylesheet, which arrives late)
// still goes out at once, on slots of its own, so the page paints, styled,
// long before those images time out.
TEST_F(ManyResourcesTest, AStylesheetIsNotQueuedBehindImagesThatNeverArrive) {
  constexpr int kImages = 70;
  LoopbackHttpServer server;
  std::string page =
      "<!DOCTYPE html><html><head><title>styled</title><link rel=\"stylesheet\" href=\"a.css\"></head><body>";
  for (int i = 0; i < kImages; ++i) page += "<img src=\"img/" + std::to_string(i) + ".png\" width=8 height=8>";
  server.Serve("/page.html", "text/html", page + "</body></html>");
  LoopbackHttpServer::Response hung;
  hung.never_answer = true;
  for (int i = 0; i < kImages; ++i) server.Serve("/img/" + std::to_string(i) + ".png", hung);
  LoopbackHttpServer::Response late;
  late.headers = {{"Content-Type", "text/css"}};
  late.body = "@import url(b.css);";
  late.delay = std::chrono::milliseconds(300);  // the images are out by then
  server.Serve("/a.css", late);
  server.Serve("/b.css", "text/css", "body{background:#e0f2f1}");

  StartShell();
  const int id = Ok("open " + server.Url("/page.html")).get<int>("id");
  // The browser gives up on the images after its 5 s HTTP timeout; the
  // styled frame must come well before.
  Json painted = WaitForTab(
      id, [](const Json& t) { return t.get<int>("frames", 0) > 0; }, std::chrono::seconds(3),
      "a frame before the images time out");
  EXPECT_EQ(server.RequestCount("/b.css"), 1);
  EXPECT_EQ(Screenshot(id).At(kBackgroundX, kBackgroundY), (Rgba{224, 242, 241, 255})) << ToJsonText(painted);
}

}  // namespace
}  // namespace sandtab::integration
