// DESIGN section 5 seen from outside: each tab's own pixels, through shared
// buffers and the compositor, into a screenshot; the marker blocks of
// pages/README.md at their documented places.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/integration/integration_fixture.h"
#include "tests/support/proc_facts.h"

namespace sandtab::integration {
namespace {

class PixelsTest : public ShellTest {};

// The page's marker block fills exactly (20,20)-(220,120), ends there, and
// the background is the page's own.
void ExpectPage(const Image& image, const PageFacts& page) {
  SCOPED_TRACE(page.file);
  ASSERT_EQ(image.width, 1280);
  ASSERT_EQ(image.height, 800);
  EXPECT_EQ(image.At(kBlockCentreX, kBlockCentreY), page.block) << ToString(image.At(kBlockCentreX, kBlockCentreY));
  EXPECT_EQ(image.CountNotNear(kBlockX0, kBlockY0, kBlockX1, kBlockY1, page.block, 0), 0u) << "block not solid";
  EXPECT_NE(image.At(kBlockCentreX, kBlockY1 + 1), page.block) << "block too tall";
  EXPECT_NE(image.At(kBlockX1 + 1, kBlockCentreY), page.block) << "block too wide";
  EXPECT_TRUE(Near(image.At(kBackgroundX, kBackgroundY), page.background, 2))
      << ToString(image.At(kBackgroundX, kBackgroundY));
  // Content, not just a background: more than the block's 20000 pixels
  // differ from it.
  EXPECT_GT(image.CountNotNear(0, 0, image.width, image.height, page.background, 2), 20000u);
}

TEST_F(PixelsTest, EachTabShowsItsOwnMarkerBlockAndDiffersFromTheOthers) {
  StartShell();
  const PageFacts pages[] = {kIndex, kArticle, kTable, kFonts};
  std::vector<Image> shots;
  for (const PageFacts& page : pages) {
    TabRef tab = Open(page.file);
    shots.push_back(Screenshot(tab.id));
    ExpectPage(shots.back(), page);
  }
  for (size_t i = 0; i < shots.size(); ++i) {
    for (size_t j = i + 1; j < shots.size(); ++j) {
      EXPECT_GT(shots[i].CountDifferent(shots[j]), 100000u) << pages[i].file << " vs " << pages[j].file;
    }
  }
}

TEST_F(PixelsTest, WindowScreenshotShowsTheActiveTabAndAllShowsEveryTab) {
  StartShell();
  Open(kIndex.file);
  Open(kTable.file);
  Image window = Screenshot("window");
  EXPECT_GT(window.width, 0);
  Image all = Screenshot("all");
  // Side by side: both pages' block colours appear somewhere.
  auto contains = [](const Image& image, const Rgba& colour) {
    for (const Rgba& pixel : image.pixels) {
      if (pixel == colour) return true;
    }
    return false;
  };
  EXPECT_TRUE(contains(all, kIndex.block)) << all.width << "x" << all.height;
  EXPECT_TRUE(contains(all, kTable.block)) << all.width << "x" << all.height;
}

// Kilobytes of the process's mappings of tab surfaces that are in memory
// (smaps Rss), from outside the process.
long SurfaceRssKb(pid_t pid) { return sandtab::test::SmapsKb(pid, "memfd:sandtab-surface", "Rss:"); }

// Rows of one colour are not painted by the renderer (their pages are never
// touched, not even allocated) but filled by the browser when it composites
// (Chrome's solid-colour tiles): the picture is the same.
TEST_F(PixelsTest, SolidColourRowsComeFromTheBrowserAndAreNeverTouchedByTheRenderer) {
  const std::string root = TempPath("root");
  std::filesystem::create_directory(root);
  std::ofstream(root + "/banded.html")
      << "<!DOCTYPE html><html><head><title>banded</title></head>"
         "<body style='margin:0;background:#3366cc'>"
         "<p style='margin:0;height:40px;background:#fff'>Text on white, then blue</p></body></html>\n";
  StartShell({"--content-root=" + root});
  TabRef tab = Open("banded.html");
  Image image = Screenshot(tab.id);
  ASSERT_EQ(image.height, 800);
  const Rgba blue{0x33, 0x66, 0xcc, 0xff}, white{0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(image.CountNotNear(0, 64, image.width, image.height, blue, 0), 0u) << "the solid rows";
  EXPECT_EQ(image.At(1200, 20), white);
  EXPECT_EQ(image.At(640, 45), blue);
  EXPECT_GT(image.CountNotNear(0, 0, 400, 40, white, 0), 50u) << "no text";
  // Of the renderer's two 4,000 KB buffers, only the painted rows of one
  // (the text's band and its neighbour: 64 rows of 5 KB) are in memory.
  const long rss_kb = SurfaceRssKb(tab.pid);
  EXPECT_GT(rss_kb, 0) << sandtab::test::ReadProcFile(tab.pid, "maps");
  EXPECT_LE(rss_kb, 400) << "solid rows were touched";
}

}  // namespace
}  // namespace sandtab::integration
