// The preload scan: what it finds is what litehtml 0.6's build would ask
// for (page_test.cc checks that the build then asks for nothing more).
#include "renderer/page/preload_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sandtab::renderer {
namespace {

std::vector<std::string> Hrefs(const PreloadScan& scan) {
  std::vector<std::string> hrefs;
  for (const PreloadScan::Stylesheet& sheet : scan.stylesheets) hrefs.push_back(sheet.href);
  return hrefs;
}

TEST(PreloadScanner, FindsStylesheetLinksAndImagesInDocumentOrder) {
  const PreloadScan scan = ScanForPreloads(
      "<!doctype html><html><head><link rel=stylesheet href=a.css><title>t</title>"
      "<LINK REL=\"stylesheet\" HREF=\"/b.css\"></head><body><p><img src=one.png alt=x></p>"
      "<link rel=stylesheet href='late.css'><img src=two.jpg></body></html>");
  EXPECT_EQ(Hrefs(scan), (std::vector<std::string>{"a.css", "/b.css", "late.css"}));
  EXPECT_EQ(scan.images, (std::vector<std::string>{"one.png", "two.jpg"}));
  EXPECT_EQ(scan.last_base, "");
  EXPECT_EQ(scan.title, "t");
}

// litehtml 0.6 applies a <link> only when rel is exactly "stylesheet"
// (el_link.cpp) and the href is not empty: the scan asks for no more.
TEST(PreloadScanner, IgnoresWhatLitehtmlIgnores) {
  const PreloadScan scan = ScanForPreloads(
      "<link rel='alternate stylesheet' href=alt.css><link rel=icon href=favicon.png>"
      "<link rel=STYLESHEET href=upper.css><link rel=stylesheet href=''><link rel=stylesheet>"
      "<img src=''><img alt=no-src><template><link rel=stylesheet href=inert.css><img src=inert.png></template>");
  EXPECT_TRUE(scan.stylesheets.empty()) << Hrefs(scan).size();
  EXPECT_TRUE(scan.images.empty());
}

// A link resolves against the last <base> before it, as litehtml resolves
// it when its walk reaches the element; images against the last of all.
TEST(PreloadScanner, RecordsTheBaseEachLinkResolvesAgainst) {
  const PreloadScan scan = ScanForPreloads(
      "<link rel=stylesheet href=first.css><base href='http://cdn.test/one/'>"
      "<link rel=stylesheet href=second.css><base href='../two/'><img src=i.png>");
  ASSERT_EQ(scan.stylesheets.size(), 2u);
  EXPECT_EQ(scan.stylesheets[0].base, "");
  EXPECT_EQ(scan.stylesheets[1].base, "http://cdn.test/one/");
  EXPECT_EQ(scan.last_base, "../two/");
  EXPECT_EQ(scan.images, std::vector<std::string>{"i.png"});
}

// Without a <link> nothing makes the build wait, and the build that follows
// at once asks for the images itself: such a document is not parsed twice.
TEST(PreloadScanner, ADocumentWithoutALinkYieldsNothing) {
  for (const char* html : {"", "<p>plain text, no tags of interest</p>", "<", "<li", "text <im",
                           "<title>t</title><img src=a.png><p>images only</p>"}) {
    const PreloadScan scan = ScanForPreloads(html);
    EXPECT_TRUE(scan.stylesheets.empty()) << html;
    EXPECT_TRUE(scan.images.empty()) << html;
  }
}

}  // namespace
}  // namespace sandtab::renderer
