// SolidColorBands: the analysis on its own, and the renderer's way of using
// it (paint only the bands that are not solid, under a clip; fill the solid
// ones as the browser does) against a whole paint, pixel for pixel, on the
// built-in pages and on pages made to trip it up.
#include "renderer/page/solid_color_bands.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using position = PaintRect;
using web_color = PaintColor;

constexpr int kW = 200, kH = 100;  // four bands: 32, 32, 32, 4 rows
const web_color kRed{255, 0, 0}, kBlue{0, 0, 255};

TEST(SolidColorBandsTest, AFreshFrameIsTheCanvasWhiteInWholeBands) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  ASSERT_EQ(bands.band_count(), 4);
  EXPECT_EQ(bands.BandRows(0), 32);
  EXPECT_EQ(bands.BandTop(3), 96);
  EXPECT_EQ(bands.BandRows(3), 4);
  for (int band = 0; band < 4; ++band) {
    EXPECT_TRUE(bands.IsSolid(band));
    EXPECT_EQ(bands.Pixel(band), 0xffffffffu);
  }
}

TEST(SolidColorBandsTest, AFullWidthOpaqueFillMakesTheBandsItCoversItsColour) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  bands.Fill(position{-10, 0, kW + 20, 40}, kRed);  // band 0 whole, band 1 in part
  EXPECT_TRUE(bands.IsSolid(0));
  EXPECT_EQ(bands.Pixel(0), 0xffff0000u);
  EXPECT_FALSE(bands.IsSolid(1));
  EXPECT_TRUE(bands.IsSolid(2));
  // The short last band counts as covered when its four rows are.
  bands.Fill(position{0, 96, kW, 4}, kBlue);
  EXPECT_TRUE(bands.IsSolid(3));
  EXPECT_EQ(bands.Pixel(3), 0xff0000ffu);
}

TEST(SolidColorBandsTest, ANarrowFillIsPaintUnlessItIsTheBandsOwnColour) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  bands.Fill(position{10, 40, 50, 10}, kRed);
  EXPECT_FALSE(bands.IsSolid(1));
  bands.Fill(position{10, 70, 50, 10}, web_color{255, 255, 255});  // white on white changes nothing
  EXPECT_TRUE(bands.IsSolid(2));
  // A later opaque fill over the whole band hides what was painted there.
  bands.Fill(position{0, 32, kW, 32}, kBlue);
  EXPECT_TRUE(bands.IsSolid(1));
}

TEST(SolidColorBandsTest, TranslucentFillsAreBlendedSoTheyArePaint) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  bands.Fill(position{0, 0, kW, kH}, web_color{255, 0, 0, 128});
  for (int band = 0; band < 4; ++band) EXPECT_FALSE(bands.IsSolid(band));
  bands.Reset(kW, kH);
  bands.Fill(position{0, 0, kW, kH}, web_color{255, 0, 0, 0});  // invisible
  for (int band = 0; band < 4; ++band) EXPECT_TRUE(bands.IsSolid(band));
}

TEST(SolidColorBandsTest, InkReachesItsMarginAndNoFurther) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  bands.Ink(position{5, 33, 5, 5});  // the default margin of 1 stays in band 1
  EXPECT_TRUE(bands.IsSolid(0));
  EXPECT_FALSE(bands.IsSolid(1));
  EXPECT_TRUE(bands.IsSolid(2));
  bands.Ink(position{5, 66, 5, 5}, 10);  // 56..81: bands 1 and 2
  EXPECT_FALSE(bands.IsSolid(2));
  EXPECT_TRUE(bands.IsSolid(3));
  bands.Ink(position{5, 200, 5, 5});      // below the viewport
  bands.Ink(position{kW + 2, 0, 5, kH});  // right of it, margin included
  EXPECT_TRUE(bands.IsSolid(0));
  EXPECT_TRUE(bands.IsSolid(3));
}

TEST(SolidColorBandsTest, ClipsLimitInkAndRoundedClipsMakeFillsInexact) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  bands.PushClip(position{0, 64, kW, 36}, false);
  bands.Ink(position{0, 0, kW, kH});  // only bands 2 and 3 are inside the clip
  EXPECT_TRUE(bands.IsSolid(0));
  EXPECT_TRUE(bands.IsSolid(1));
  EXPECT_FALSE(bands.IsSolid(2));
  bands.PopClip();
  bands.Fill(position{0, 0, kW, 32}, kRed);
  EXPECT_TRUE(bands.IsSolid(0));
  // Nested clips intersect, and one rounded clip taints everything inside it.
  bands.PushClip(position{0, 0, kW, kH}, true);
  bands.PushClip(position{0, 0, kW, 64}, false);
  bands.Fill(position{0, 32, kW, 32}, kBlue);
  EXPECT_FALSE(bands.IsSolid(1));
  bands.PopClip();
  bands.PopClip();
  bands.PopClip();  // one too many: harmless
  bands.Fill(position{0, 32, kW, 32}, kBlue);
  EXPECT_TRUE(bands.IsSolid(1));
}

TEST(SolidColorBandsTest, HostileCoordinatesNeitherOverflowNorEscape) {
  SolidColorBands bands;
  bands.Reset(kW, kH);
  bands.Ink(position{INT_MAX - 1, INT_MAX - 1, INT_MAX, INT_MAX}, INT_MAX);
  bands.Fill(position{INT_MIN, INT_MIN, INT_MAX, INT_MAX}, kRed);  // ends far above the viewport
  bands.Ink(position{0, 0, -50, -50});
  bands.PushClip(position{INT_MAX, INT_MAX, INT_MAX, INT_MAX}, false);
  bands.Ink(position{0, 0, kW, kH});  // clipped away entirely
  bands.PopClip();
  for (int band = 0; band < 4; ++band) EXPECT_TRUE(bands.IsSolid(band)) << band;
  bands.Fill(position{INT_MIN / 2, INT_MIN / 2, INT_MAX, INT_MAX}, kRed);  // covers all of it
  for (int band = 0; band < 4; ++band) EXPECT_EQ(bands.Pixel(band), 0xffff0000u) << band;
  bands.Reset(kW, 1 << 20);  // taller than any surface: capped, not overrun
  EXPECT_EQ(bands.band_count(), SolidColorBands::kMaxBands);
}

// The colour the browser fills in must be the one Cairo would have painted.
TEST(SolidColorBandsTest, OpaquePixelIsWhatCairoWrites) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(surface);
  for (int v = 0; v < 256; ++v) {
    auto rgb = [](int r, int g, int b) {
      return web_color{static_cast<uint8_t>(r), static_cast<uint8_t>(g), static_cast<uint8_t>(b)};
    };
    for (const web_color& color : {rgb(v, 0, 0), rgb(0, v, 0), rgb(0, 0, v), rgb(v, 255 - v, v / 2)}) {
      cairo_set_source_rgba(cr, color.red / 255.0, color.green / 255.0, color.blue / 255.0, 1.0);
      cairo_paint(cr);
      cairo_surface_flush(surface);
      uint32_t written;
      std::memcpy(&written, cairo_image_surface_get_data(surface), 4);
      ASSERT_EQ(SolidColorBands::OpaquePixel(color), written) << v;
    }
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

// ------------------------------------------------- against a whole paint

constexpr int kViewW = 1280, kViewH = 800;
constexpr uint32_t kCanary = 0x12345678;  // no page paints this: alpha 0x12

struct Pixels {
  cairo_surface_t* surface;
  explicit Pixels(uint32_t fill) : surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kViewW, kViewH)) {
    auto* data = reinterpret_cast<uint32_t*>(cairo_image_surface_get_data(surface));
    std::fill_n(data, static_cast<size_t>(kViewW) * kViewH, fill);
    cairo_surface_mark_dirty(surface);
  }
  ~Pixels() { cairo_surface_destroy(surface); }
  const uint32_t* Row(int y) {
    cairo_surface_flush(surface);
    return reinterpret_cast<const uint32_t*>(cairo_image_surface_get_data(surface) +
                                             static_cast<size_t>(y) * cairo_image_surface_get_stride(surface));
  }
};

// Paints `page` as the renderer does (PaintExceptSolidBands) and checks it
// against a whole paint: painted bands identical, solid bands untouched
// (still the canary) and, as the browser fills them, identical too. Returns
// the number of solid bands.
int ExpectBandedPaintIsExact(Page& page, int scroll_y, const std::string& what) {
  Pixels whole(0);
  {
    cairo_t* cr = cairo_create(whole.surface);
    page.Paint(cr, scroll_y);
    cairo_destroy(cr);
  }
  SolidColorBands bands;
  Pixels banded(kCanary);
  cairo_t* cr = cairo_create(banded.surface);
  int announced_rows = 0;
  page.PaintExceptSolidBands(cr, scroll_y, bands, [&](int, int rows) { announced_rows += rows; });
  cairo_destroy(cr);

  int solid = 0, mismatched_rows = 0, painted_rows = 0;
  for (int band = 0; band < bands.band_count(); ++band) {
    if (bands.IsSolid(band)) ++solid;
    if (!bands.IsSolid(band)) painted_rows += bands.BandRows(band);
    for (int y = bands.BandTop(band); y < bands.BandTop(band) + bands.BandRows(band); ++y) {
      const uint32_t* expected = whole.Row(y);
      const uint32_t* got = banded.Row(y);
      for (int x = 0; x < kViewW; ++x) {
        const uint32_t pixel = bands.IsSolid(band) ? bands.Pixel(band) : got[x];
        if (bands.IsSolid(band) && got[x] != kCanary) {
          ADD_FAILURE() << what << ": solid band " << band << " was painted at (" << x << "," << y << ")";
          return solid;
        }
        if (pixel != expected[x]) {
          if (++mismatched_rows <= 3) {
            ADD_FAILURE() << what << ": band " << band << (bands.IsSolid(band) ? " (solid)" : " (painted)")
                          << " differs at (" << x << "," << y << "): " << std::hex << pixel << " vs whole paint "
                          << expected[x];
          }
          break;
        }
      }
    }
  }
  EXPECT_EQ(announced_rows, painted_rows) << what << ": the rows announced before painting";
  return solid;
}

std::unique_ptr<Page> PageFromHtml(const std::string& html) {
  // Based in pages/, so images/... resolve to the built-in images.
  auto page = std::make_unique<Page>(html, testing::FileUrl(testing::PagesDir() + "/crafted.html"), kViewW, kViewH);
  testing::SupplyFromDisk(page.get());
  return page;
}

TEST(SolidColorPaintTest, BuiltinPagesPaintExactlyAtTwoScrollPositions) {
  for (const char* file : {"index.html", "article.html", "table.html", "fonts.html", "plugins.html",
                           "plugin-crash.html", "counter.html", "animation.html", "fetch.html", "buggy.html"}) {
    auto page = testing::LoadPageFromDisk(testing::PagesDir() + "/" + file, kViewW, kViewH);
    ExpectBandedPaintIsExact(*page, 0, file);
    ExpectBandedPaintIsExact(*page, 137, std::string(file) + " scrolled");
  }
}

TEST(SolidColorPaintTest, ASimplePageIsMostlySolid) {
  auto page = PageFromHtml(
      "<!DOCTYPE html><html><head><title>simple</title></head>"
      "<body><h1>Hello</h1><p>One paragraph of text.</p></body></html>");
  const int solid = ExpectBandedPaintIsExact(*page, 0, "simple");
  // 25 bands; the text is in the top ~130 rows.
  EXPECT_GE(solid, 19);
  EXPECT_LE(solid, 23);
}

// Two runs of painted bands, so the clip is two rectangles apart.
TEST(SolidColorPaintTest, TextAboveAndBelowASolidStretchPaintsExactly) {
  auto page = PageFromHtml(
      "<body><p>Top line of text</p><div style='height:400px'></div>"
      "<p><u>Bottom</u> line <i>of</i> text</p></body>");
  SolidColorBands bands;
  page->AnalyzeSolidColor(0, bands);
  EXPECT_FALSE(bands.IsSolid(0));
  EXPECT_TRUE(bands.IsSolid(8));
  EXPECT_FALSE(bands.IsSolid(14));  // the bottom paragraph, at ~y 450
  ExpectBandedPaintIsExact(*page, 0, "two runs");
}

TEST(SolidColorPaintTest, ColouredFullWidthBoxesAreSolidInTheirColour) {
  auto page = PageFromHtml(
      "<body style='margin:0;background:#fafafa'>"
      "<div style='background:#3366cc;height:200px'></div>"
      "<div style='background:rgb(10,200,30);height:100px'></div></body>");
  SolidColorBands bands;
  page->AnalyzeSolidColor(0, bands);
  EXPECT_TRUE(bands.IsSolid(0));
  EXPECT_EQ(bands.Pixel(0), 0xff3366ccu);
  EXPECT_TRUE(bands.IsSolid(5));   // rows 160..191
  EXPECT_FALSE(bands.IsSolid(6));  // rows 192..223: blue, then green
  EXPECT_TRUE(bands.IsSolid(7));
  EXPECT_EQ(bands.Pixel(7), 0xff0ac81eu);
  EXPECT_TRUE(bands.IsSolid(20));
  EXPECT_EQ(bands.Pixel(20), 0xfffafafau);
  ExpectBandedPaintIsExact(*page, 0, "coloured boxes");
  ExpectBandedPaintIsExact(*page, 50, "coloured boxes scrolled");
}

// Everything the analysis must treat as paint, each beside full-width fills
// that would be solid on their own.
TEST(SolidColorPaintTest, PagesMadeToTripItUpStillPaintExactly) {
  const char* const kPages[] = {
      // rounded and translucent boxes
      "<body style='margin:0'><div style='background:#c00;height:100px;border-radius:40px'></div>"
      "<div style='background:rgba(0,0,255,0.5);height:100px'></div>"
      "<div style='background:#0c0;height:100px'></div></body>",
      // glyphs far outside a tiny line box, decorations
      "<body style='margin:0'><div style='height:150px;background:#eee'></div>"
      "<p style='font-size:90px;line-height:4px;margin:0'>Tall gÅ</p>"
      "<div style='height:150px;background:#eee'></div>"
      "<p style='text-decoration:underline overline line-through;font-size:40px'>Lines</p></body>",
      // borders of every style, list markers, a table
      "<body><div style='border:6px dotted red;height:40px'></div><div style='border:9px double blue'>x</div>"
      "<div style='border:8px groove green;border-radius:12px'>y</div>"
      "<ul><li>one</li></ul><ul style='list-style:square'><li>two</li></ul><ol><li>three</li></ol>"
      "<table border=1><tr><td>a</td><td>b</td></tr></table></body>",
      // images: <img>, repeated and scaled backgrounds
      "<body style='margin:0'><img src='images/tile.png'><div style='height:100px;"
      "background:url(images/tile.png) repeat-x'></div><div style='height:90px;background:#123456 "
      "url(images/hills.png) no-repeat 30px 10px'></div><img src='images/sunset.jpg' width=1280></body>",
      // overflow clips, a box wider than the viewport, negative margins, positioned boxes
      "<body style='margin:0'><div style='overflow:hidden;height:50px;background:#ddd'>"
      "<div style='height:300px;background:#f0f'></div></div>"
      "<div style='width:3000px;margin-left:-500px;height:64px;background:#0ff'></div>"
      "<div style='position:absolute;top:300px;left:-20px;width:2000px;height:33px;background:#ff0'></div>"
      "<div style='position:relative;top:-10px;height:20px;background:#00f;border-radius:0 0 9px 0'></div>"
      "<div style='overflow:hidden;border-radius:20px;height:120px'><div style='height:120px;background:#f80'>"
      "</div></div></body>",
      // the root's background on html, body's on the canvas
      "<html style='background:#345'><body style='background:#fe0;margin:40px'>text</body></html>",
      // nothing at all
      "",
  };
  int index = 0;
  for (const char* html : kPages) {
    auto page = PageFromHtml(html);
    ExpectBandedPaintIsExact(*page, 0, "crafted page " + std::to_string(index));
    ExpectBandedPaintIsExact(*page, 45, "crafted page " + std::to_string(index) + " scrolled");
    ++index;
  }
}

}  // namespace
}  // namespace sandtab::renderer
