// What a renderer says about its document (DocumentInfo) must parse on the
// browser's side whatever the page holds: a title longer than the 1 KiB the
// browser accepts, in a script of three-byte characters, reaches the browser
// cut between two characters, and the tab loads instead of its renderer
// being killed for a message that does not parse.
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
  EXPECT_EQ(entry.get<std::string>("title"), euros.substr(0, 999)) << "333 whole characters";
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty());
}

}  // namespace
}  // namespace sandtab::integration
