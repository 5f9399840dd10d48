// What a renderer says about its document (DocumentInfo) must stay inside
// what the browser accepts (proto/limits.h) whatever the page holds, or the
// browser kills the renderer for a bad message and the tab crash-loops: a
// title over 1 KiB in three-byte characters is cut between two characters;
// embeds the browser could not host are left out, the rest keep their
// first 32 params.
#include <string>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;
using sandtab::test::ToJsonText;

class DocumentInfoTest : public ShellTest {};

TEST_F(DocumentInfoTest, ALongNonAsciiTitleIsCutBetweenCharacters) {
  std::string euros;
  for (int i = 0; i < 400; ++i) euros += "\xE2\x82\xAC";  // U+20AC, three bytes: 1,200 in all
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html; charset=utf-8",
               "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + euros +
                   "</title></head><body><p>euro</p></body></html>");

  StartShell();
  TabRef tab = Open(server.Url("/page.html"));
  Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<int>("crashes", -1), 0) << ToJsonText(entry);
  EXPECT_EQ(entry.get<std::string>("title"), euros.substr(0, 1023)) << "341 whole characters, not 1,024 bytes";
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty());
}

TEST_F(DocumentInfoTest, EmbedsTheBrowserCannotHostAreLeftOutAndTheRestLoad) {
  std::string many_attributes;
  for (int i = 0; i < 40; ++i) many_attributes += " a" + std::to_string(i) + "=\"1\"";
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html",
               "<!DOCTYPE html><html><head><title>embeds</title></head><body>"
               "<embed type=\"application/x-sandtab-clock\" width=\"5000\" height=\"100\">"  // too wide
               "<embed type=\"application/x-" + std::string(300, 'y') + "\" width=\"50\" height=\"50\">"  // long type
               "<embed type=\"application/x-sandtab-clock\" width=\"60\" height=\"60\"" + many_attributes + ">"
               "<embed type=\"application/x-sandtab-clock\" width=\"60\" height=\"60\">"
               "</body></html>");

  StartShell();
  TabRef tab = Open(server.Url("/page.html"));
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

}  // namespace
}  // namespace sandtab::integration
