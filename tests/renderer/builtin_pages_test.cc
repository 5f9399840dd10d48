// The built-in pages, rendered from disk at 1280x800 with every resource
// supplied: each has its marker block (pages/README.md) and its title.
#include <gtest/gtest.h>

#include <string>

#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;
using testing::LoadPageFromDisk;
using testing::PagesDir;

struct BuiltinPage {
  const char* file;
  const char* title;
  uint32_t block_rgb;       // the 200x100 block at (20, 20)
  uint32_t background_rgb;  // somewhere below the top of the page
  int background_x, background_y;
};

constexpr BuiltinPage kPages[] = {
    {"index.html", "sandtab: Welcome", 0x1e88e5, 0xe3f2fd, 1000, 700},
    {"article.html", "sandtab: An Article on Processes", 0xe65100, 0xfff8e1, 1000, 700},
    {"table.html", "sandtab: Tables and Borders", 0x2e7d32, 0xf1f8e9, 1000, 700},
    {"fonts.html", "sandtab: Fonts", 0xad1457, 0xfce4ec, 1000, 700},
    // The scripted pages (issue 21), as they are before any script runs.
    {"counter.html", "sandtab: Counter", 0x00897b, 0xe0f2f1, 1000, 700},
    {"animation.html", "sandtab: Animation", 0xf9a825, 0xe0f7fa, 1000, 700},
    {"fetch.html", "sandtab: Fetch", 0x6d4c41, 0xefebe9, 1000, 700},
    {"buggy.html", "sandtab: Buggy Scripts", 0xd50000, 0xffebee, 1000, 700},
};

class BuiltinPagesTest : public ::testing::TestWithParam<BuiltinPage> {};

TEST_P(BuiltinPagesTest, MarkerBlockTitleAndBackground) {
  const BuiltinPage& spec = GetParam();
  auto page = LoadPageFromDisk(PagesDir() + "/" + spec.file, 1280, 800);
  EXPECT_TRUE(page->IsComplete());
  EXPECT_EQ(page->Title(), spec.title);
  Canvas canvas(1280, 800);
  canvas.Paint(page.get());
  EXPECT_TRUE(canvas.RectIs(20, 20, 200, 100, spec.block_rgb)) << std::hex << canvas.Rgb(120, 70);
  // The block ends where it should.
  EXPECT_NE(canvas.Rgb(120, 121), spec.block_rgb);
  EXPECT_NE(canvas.Rgb(221, 70), spec.block_rgb);
  EXPECT_EQ(canvas.Rgb(spec.background_x, spec.background_y), spec.background_rgb);
  // Scrolled by 50px, the block moves up by 50px.
  canvas.Paint(page.get(), 50);
  EXPECT_TRUE(canvas.RectIs(20, 0, 200, 70, spec.block_rgb));
  EXPECT_NE(canvas.Rgb(120, 71), spec.block_rgb);
}

INSTANTIATE_TEST_SUITE_P(Pages, BuiltinPagesTest, ::testing::ValuesIn(kPages), [](const auto& info) {
  std::string name = info.param.file;
  return name.substr(0, name.find('.'));
});

TEST(BuiltinPages, DominantColoursDiffer) {
  for (size_t i = 0; i < std::size(kPages); ++i) {
    for (size_t j = i + 1; j < std::size(kPages); ++j) {
      EXPECT_FALSE(testing::ColorNear(kPages[i].block_rgb, kPages[j].block_rgb, 40));
      EXPECT_NE(kPages[i].background_rgb, kPages[j].background_rgb);
    }
  }
}

TEST(BuiltinPages, ArticleImagesAppear) {
  auto page = LoadPageFromDisk(PagesDir() + "/article.html", 1280, 800);
  Canvas canvas(1280, 800);
  canvas.Paint(page.get());
  // Find the JPEG's dark sea band (#263238) and the PNG's brown hills
  // (#6d4c41, opaque) somewhere in the figure row.
  bool sea = false, hills = false;
  for (int y = 400; y < 650 && !(sea && hills); ++y) {
    for (int x = 0; x < 500; ++x) {
      sea |= testing::ColorNear(canvas.Rgb(x, y), 0x263238, 6);
      hills |= testing::ColorNear(canvas.Rgb(x, y), 0x6e4d40, 6);
    }
  }
  EXPECT_TRUE(sea);
  EXPECT_TRUE(hills);
}

TEST(BuiltinPages, IndexLinksResolveToSiblingPages) {
  auto page = LoadPageFromDisk(PagesDir() + "/index.html", 1280, 800);
  // "An article" is the first list item's link (see the page's layout).
  std::optional<std::string> link;
  for (int y = 300; y < 380 && !link; y += 2) link = page->LinkAt(100, y);
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(*link, "file://" + PagesDir() + "/article.html");
}

}  // namespace
}  // namespace sandtab::renderer
