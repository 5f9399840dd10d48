// ShapedText and FontMetricsOf must give what the PangoLayout path they
// replaced gave: the same font metrics, the same widths and the same pixels,
// for every face at the sizes pages use, in scripts and directions of every
// kind. The layout path is computed here, beside them, as the reference.
#include "renderer/page/shaped_text.h"

#include <gtest/gtest.h>
#include <pango/pangocairo.h>

#include <cstring>
#include <string>
#include <vector>

#include "base/cairo_ptr.h"
#include "renderer/page/font_set.h"

namespace sandtab::renderer {
namespace {

struct Face {
  const char* css_family;
  int weight;
  bool italic;
};

constexpr Face kFaces[] = {
    {"serif", 400, false},      {"serif", 700, false},      {"serif", 400, true},      {"serif", 700, true},
    {"sans-serif", 400, false}, {"sans-serif", 700, false}, {"sans-serif", 400, true}, {"sans-serif", 700, true},
    {"monospace", 400, false},  {"monospace", 700, false},  {"monospace", 400, true},  {"monospace", 700, true},
};

// Latin with ligatures and kerning pairs, precomposed and combining accents,
// Hebrew and Arabic (right to left), mixed directions, Han and an emoji (no
// DejaVu glyph: Pango's missing-glyph boxes), invisible and joining marks,
// bytes that are not UTF-8.
const char* const kTexts[] = {
    "x",
    "Hello,",
    "The quick brown fox",
    " ",
    "fi ffl",
    "AVAWAY",
    "caf\u00e9",
    "na\u0308ive",
    "\u05e9\u05dc\u05d5\u05dd",
    "abc \u05e9\u05dc\u05d5\u05dd def",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u4e2d\u6587",
    "\U0001F600",
    "a\u00adb",
    "1,234.56",
    "\u2014\u2026",
    "\u0301",
    "\u00a0",
    "\u200b",
    "a\u200db",
    "(a)[b]{c}",
    "a\vb\fc\u0085d",  // controls a layout keeps on its line
    "a\xff b",         // not UTF-8: U+FFFD, in both
    "\xe2\x82",
};

PangoFontDescription* Describe(const Face& face, int pixels) {
  PangoFontDescription* description = pango_font_description_new();
  pango_font_description_set_family(description, FamilyForCss(face.css_family));
  pango_font_description_set_absolute_size(description, pixels * PANGO_SCALE);
  pango_font_description_set_weight(description, static_cast<PangoWeight>(face.weight));
  pango_font_description_set_style(description, face.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return description;
}

// The text a layout shows for `text`: invalid UTF-8 becomes U+FFFD (given
// to the reference layout already replaced, as it would warn of each string;
// InvalidUtf8IsWhatALayoutShows checks the replacement itself).
std::string AsLayoutShows(const char* text) {
  gchar* valid = g_utf8_make_valid(text, -1);
  std::string shown(valid);
  g_free(valid);
  return shown;
}

std::vector<int> Sizes() {
  std::vector<int> sizes;
  for (int px = 1; px <= 48; ++px) sizes.push_back(px);
  for (int px = 53; px <= 200; px += 7) sizes.push_back(px);
  return sizes;
}

class ShapedTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PreloadFonts();
    context_ = SharedPangoContext();
    layout_ = pango_layout_new(context_);
    // The reference layout warns of each string that is not UTF-8.
    g_log_set_handler(
        "Pango", G_LOG_LEVEL_WARNING, [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  }
  void TearDown() override { g_object_unref(layout_); }

  PangoContext* context_ = nullptr;
  PangoLayout* layout_ = nullptr;
};

TEST_F(ShapedTextTest, FontMetricsAreWhatPangosMetricsAndALayoutOfXGave) {
  int compared = 0;
  for (const Face& face : kFaces) {
    for (int px : Sizes()) {
      SCOPED_TRACE(testing::Message() << face.css_family << " " << face.weight << (face.italic ? " italic " : " ") << px
                                      << "px");
      PangoFontDescription* description = Describe(face, px);
      PangoFontMetrics* pango = pango_context_get_metrics(context_, description, nullptr);
      pango_layout_set_font_description(layout_, description);
      pango_layout_set_text(layout_, "x", -1);
      PangoRectangle x_ink;
      pango_layout_get_pixel_extents(layout_, &x_ink, nullptr);

      const FontMetrics ours = FontMetricsOf(context_, description);
      EXPECT_EQ(ours.ascent, PANGO_PIXELS_CEIL(pango_font_metrics_get_ascent(pango)));
      EXPECT_EQ(ours.descent, PANGO_PIXELS_CEIL(pango_font_metrics_get_descent(pango)));
      EXPECT_EQ(ours.underline_position, -pango_font_metrics_get_underline_position(pango) / double(PANGO_SCALE));
      EXPECT_EQ(ours.underline_thickness, pango_font_metrics_get_underline_thickness(pango) / double(PANGO_SCALE));
      EXPECT_EQ(ours.strikethrough_position,
                pango_font_metrics_get_strikethrough_position(pango) / double(PANGO_SCALE));
      EXPECT_EQ(ours.x_height, x_ink.height);
      EXPECT_GT(ours.ascent + ours.descent, 0);
      pango_font_metrics_unref(pango);
      pango_font_description_free(description);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 12 * static_cast<int>(Sizes().size()));
}

TEST_F(ShapedTextTest, WidthsAreTheLayoutsWidths) {
  for (const Face& face : kFaces) {
    for (int px : Sizes()) {
      PangoFontDescription* description = Describe(face, px);
      pango_layout_set_font_description(layout_, description);
      for (const char* text : kTexts) {
        ASSERT_TRUE(ShapedText::Handles(text));
        pango_layout_set_text(layout_, AsLayoutShows(text).c_str(), -1);
        int layout_width = 0;
        pango_layout_get_size(layout_, &layout_width, nullptr);
        EXPECT_EQ(ShapedText(context_, description, text).width(), layout_width)
            << face.css_family << " " << face.weight << " " << px << "px \"" << text << "\"";
      }
      pango_font_description_free(description);
    }
  }
  // Not zero for everything: a width that never moved would pass the above.
  PangoFontDescription* description = Describe(kFaces[0], 16);
  EXPECT_GT(ShapedText(context_, description, "Hello").width(), ShapedText(context_, description, "Hel").width());
  pango_font_description_free(description);
}

TEST_F(ShapedTextTest, DrawingPaintsTheLayoutLinesPixels) {
  constexpr int kWidth = 420, kHeight = 140;
  CairoSurfacePtr by_layout(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight));
  CairoSurfacePtr by_runs(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight));
  const size_t bytes = static_cast<size_t>(cairo_image_surface_get_stride(by_layout.get())) * kHeight;
  int drawings = 0;
  for (const Face& face : kFaces) {
    for (int px : {7, 13, 16, 17, 24, 34, 61}) {
      PangoFontDescription* description = Describe(face, px);
      pango_layout_set_font_description(layout_, description);
      for (const char* text : kTexts) {
        // A fractional origin, as litehtml's positions can give after scaling.
        const double x = 3.3, baseline = px + 5.7;
        for (cairo_surface_t* surface : {by_layout.get(), by_runs.get()}) {
          CairoPtr cr(cairo_create(surface));
          cairo_set_source_rgb(cr.get(), 1, 1, 1);
          cairo_paint(cr.get());
        }
        {
          CairoPtr cr(cairo_create(by_layout.get()));
          cairo_set_source_rgb(cr.get(), 0.2, 0.1, 0.6);
          pango_layout_set_text(layout_, AsLayoutShows(text).c_str(), -1);
          cairo_move_to(cr.get(), x, baseline);
          pango_cairo_show_layout_line(cr.get(), pango_layout_get_line_readonly(layout_, 0));
        }
        {
          CairoPtr cr(cairo_create(by_runs.get()));
          cairo_set_source_rgb(cr.get(), 0.2, 0.1, 0.6);
          ShapedText(context_, description, text).Draw(cr.get(), x, baseline);
        }
        cairo_surface_flush(by_layout.get());
        cairo_surface_flush(by_runs.get());
        EXPECT_EQ(std::memcmp(cairo_image_surface_get_data(by_layout.get()),
                              cairo_image_surface_get_data(by_runs.get()), bytes),
                  0)
            << face.css_family << " " << face.weight << " " << px << "px \"" << text << "\"";
        ++drawings;
      }
      pango_font_description_free(description);
    }
  }
  EXPECT_EQ(drawings, 12 * 7 * static_cast<int>(std::size(kTexts)));

  // The comparison can fail: text drawn one pixel to the right differs.
  for (cairo_surface_t* surface : {by_layout.get(), by_runs.get()}) {
    CairoPtr cr(cairo_create(surface));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
  }
  PangoFontDescription* description = Describe(kFaces[0], 16);
  {
    CairoPtr cr(cairo_create(by_layout.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    ShapedText(context_, description, "Hello").Draw(cr.get(), 4, 20);
  }
  {
    CairoPtr cr(cairo_create(by_runs.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    ShapedText(context_, description, "Hello").Draw(cr.get(), 5, 20);
  }
  pango_font_description_free(description);
  cairo_surface_flush(by_layout.get());
  cairo_surface_flush(by_runs.get());
  EXPECT_NE(
      std::memcmp(cairo_image_surface_get_data(by_layout.get()), cairo_image_surface_get_data(by_runs.get()), bytes),
      0);
}

TEST_F(ShapedTextTest, InvalidUtf8IsWhatALayoutShows) {
  PangoFontDescription* description = Describe(kFaces[0], 16);
  pango_layout_set_font_description(layout_, description);
  pango_layout_set_text(layout_, "a\xff b", -1);  // Pango warns, once
  int layout_width = 0;
  pango_layout_get_size(layout_, &layout_width, nullptr);
  EXPECT_EQ(ShapedText(context_, description, "a\xff b").width(), layout_width);
  EXPECT_EQ(ShapedText(context_, description, "a\xff b").width(),
            ShapedText(context_, description, "a\uFFFD b").width());
  EXPECT_GT(layout_width, ShapedText(context_, description, "a b").width());
  pango_font_description_free(description);
}

TEST(ShapedTextHandles, TabsAndLineBreaksAreLeftToALayout) {
  struct Case {
    const char* text;
    bool handled;
  };
  const Case cases[] = {{"word", true},      {" ", true},           {"", true},
                        {"a\tb", false},     {"\n", false},         {"a\rb", false},
                        {"a\u2028b", false}, {"a\u2029b", false},   {"a\vb\fc", true},
                        {"a\u0085b", true},  {"\u2027\u202a", true}};  // the separators' neighbours
  for (const Case& c : cases) EXPECT_EQ(ShapedText::Handles(c.text), c.handled) << "\"" << c.text << "\"";
}

// What a layout does with those: more than one line, or a tab stop, so a
// width that is not the sum of the glyphs' (why Handles refuses them).
TEST_F(ShapedTextTest, ALayoutBreaksOrTabsWhereHandlesRefuses) {
  PangoFontDescription* description = Describe(kFaces[4], 16);
  pango_layout_set_font_description(layout_, description);
  for (const char* text : {"ab\tcd", "abc\ndef", "abc\rdef", "abc\u2028def", "abc\u2029def"}) {
    ASSERT_FALSE(ShapedText::Handles(text)) << text;
    pango_layout_set_text(layout_, text, -1);
    int layout_width = 0;
    pango_layout_get_size(layout_, &layout_width, nullptr);
    EXPECT_TRUE(pango_layout_get_line_count(layout_) > 1 ||
                layout_width != ShapedText(context_, description, text).width())
        << "a layout keeps \"" << testing::PrintToString(std::string(text))
        << "\" on one line at the glyphs' width: Handles could take it";
  }
  pango_font_description_free(description);
}

}  // namespace
}  // namespace sandtab::renderer
