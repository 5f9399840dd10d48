// DESIGN section 5 seen from outside: each tab's own pixels, through shared
// buffers and the compositor, into a screenshot; the marker blocks of
// pages/README.md at their documented places.
#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

using sandtab::test::Near;
using sandtab::test::ToString;

class PixelsTest : public ShellTest {};

// The page's marker block fills exactly (20,20)-(220,120), ends there, and
// the background is the page's own.
void ExpectPage(const Image& image, const PageFacts& page) {
  SCOPED_TRACE(page.file);
  ASSERT_EQ(image.width, 1280);
  ASSERT_EQ(image.height, 800);
  EXPECT_EQ(image.At(kBlockCentreX, kBlockCentreY), page.block)
      << ToString(image.At(kBlockCentreX, kBlockCentreY));
  EXPECT_EQ(image.CountNotNear(kBlockX0, kBlockY0, kBlockX1, kBlockY1, page.block, 0), 0u)
      << "block not solid";
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
      EXPECT_GT(shots[i].CountDifferent(shots[j]), 100000u)
          << pages[i].file << " vs " << pages[j].file;
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

}  // namespace
}  // namespace sandtab::integration
