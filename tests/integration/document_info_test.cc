// What a renderer says about its document (DocumentInfo) must stay inside
// what the browser accepts (proto/limits.h) whatever the page holds, or the
// browser kills the renderer for a bad message and the tab crash-loops: a
// title over 1 KiB in three-byte characters is cut between two characters;
// embeds the browser could not host are left out, the rest keep their
// first 32 params. And it says it once per change: an image that arrives
// without changing the title, the height or the embeds sends nothing.
#include <algorithm>
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"
#include "tests/integration/trace_events.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/png_encoder.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

class DocumentInfoTest : public ShellTest {
 protected:
  // Loads `page` (its images: /img/N.png, `side` x `side` teal) with the
  // trace on; the DocumentInfo events the browser saw from the tab's renderer.
  std::vector<TraceInstant> DocumentInfosOfLoading(const std::string& page, int images, int side) {
    Image square;
    square.width = square.height = side;
    square.pixels.assign(static_cast<size_t>(side) * side, Rgba{0, 150, 136, 255});
    server_.Serve("/page.html", "text/html", page);
    for (int i = 0; i < images; ++i) {
      server_.Serve("/img/" + std::to_string(i) + ".png", "image/png", sandtab::test::EncodePng(square));
    }
    StartShell();
    Ok("trace start");
    TabRef tab = Open(server_.Url("/page.html"));  // waits for every image
    EXPECT_EQ(Tab(tab.id).get<std::string>("state"), "loaded");
    const std::string path = TempPath("trace.json");
    Ok("trace stop " + path);
    std::vector<TraceInstant> infos;
    for (TraceInstant& event : ReadTraceInstants(path)) {
      if (event.name == "DocumentInfo" && event.pid == tab.pid) infos.push_back(std::move(event));
    }
    return infos;
  }

  LoopbackHttpServer server_;
};

TEST_F(DocumentInfoTest, ALongNonAsciiTitleIsCutBetweenCharacters) {
  std::string euros;
  for (int i = 0; i < 400; ++i) euros += "\xE2\x82\xAC";  // U+20AC, three bytes: 1,200 in all
  server_.Serve("/page.html", "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + euros +
                    "</title></head><body><p>euro</p></body></html>");

  StartShell();
  TabRef tab = Open(server_.Url("/page.html"));
  Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<int>("crashes", -1), 0) << ToJsonText(entry);
  EXPECT_EQ(entry.get<std::string>("title"), euros.substr(0, 1023)) << "341 whole characters, not 1,024 bytes";
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty());
}

TEST_F(DocumentInfoTest, EmbedsTheBrowserCannotHostAreLeftOutAndTheRestLoad) {
  std::string many_attributes;
  for (int i = 0; i < 40; ++i) many_attributes += " a" + std::to_string(i) + "=\"1\"";
  server_.Serve("/page.html", "text/html",
                "<!DOCTYPE html><html><head><title>embeds</title></head><body>"
                "<embed type=\"application/x-sandtab-clock\" width=\"5000\" height=\"100\">"  // too wide
                "<embed type=\"application/x-" +
                    std::string(300, 'y') +
                    "\" width=\"50\" height=\"50\">"  // long type
                    "<embed type=\"application/x-sandtab-clock\" width=\"60\" height=\"60\"" +
                    many_attributes +
                    ">"
                    "<embed type=\"application/x-sandtab-clock\" width=\"60\" height=\"60\">"
                    "</body></html>");

  StartShell();
  TabRef tab = Open(server_.Url("/page.html"));
  Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<int>("crashes", -1), 0) << ToJsonText(entry);
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty());
  // The two clocks that fit run in one plugin process; the wide one has none.
  int clock_instances = -1;
  for (const Json& plugin : sandtab::test::ArrayAt(Ok("plugins"), "plugins")) {
    if (plugin.get<std::string>("type", "") == "clock") {
      clock_instances = plugin.get<int>("instances_per_tab." + std::to_string(tab.id), 0);
    }
  }
  EXPECT_EQ(clock_instances, 2);
}

TEST_F(DocumentInfoTest, ImagesThatChangeNothingTheBrowserKeepsAreNotReported) {
  std::string page = "<!DOCTYPE html><html><head><title>sized</title></head><body>";
  for (int i = 0; i < 40; ++i) page += "<img src=\"img/" + std::to_string(i) + ".png\" width=8 height=8>";
  std::vector<TraceInstant> infos = DocumentInfosOfLoading(page + "</body></html>", 40, 4);
  // Each of the 40 arrivals laid the page out again to the same height.
  ASSERT_EQ(infos.size(), 1u) << (infos.empty() ? "none" : infos.back().detail);
}

TEST_F(DocumentInfoTest, AnImageThatMakesThePageTallerIsReportedAgain) {
  // Unsized: the page grows when the image arrives (by 64 px less the line
  // the empty image sat on).
  std::vector<TraceInstant> infos = DocumentInfosOfLoading(
      "<!DOCTYPE html><html><head><title>unsized</title></head><body>"
      "<p>text</p><div><img src=\"img/0.png\"></div></body></html>",
      1, 64);
  ASSERT_EQ(infos.size(), 2u);
  EXPECT_LT(std::stoi(infos[0].detail), std::stoi(infos[1].detail)) << infos[0].detail << " then " << infos[1].detail;
}

}  // namespace
}  // namespace sandtab::integration
