#include "plugin/plugin_fonts.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstdio>

namespace sandtab::plugin {
namespace {

constexpr const char* kFontFiles[2] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};

struct Faces {
  bool attempted = false;
  bool ok = false;
  FT_Library library = nullptr;
  cairo_font_face_t* faces[2] = {nullptr, nullptr};
};

// Deliberately leaked: the faces must outlive every cairo scaled font, and
// the process ends by exit, not by unloading fonts.
Faces& TheFaces() {
  static Faces* faces = new Faces;
  return *faces;
}

// Renders every printable ASCII character once so cairo builds its scaled
// font and glyph caches now, while memory allocation is cheap and expected.
void WarmUp(cairo_font_face_t* face) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 16);
  cairo_t* cr = cairo_create(surface);
  char ascii[96];
  for (int i = 0; i < 95; ++i) ascii[i] = static_cast<char>(32 + i);
  ascii[95] = '\0';
  cairo_set_font_face(cr, face);
  for (double size : {11.0, 12.0, 14.0, 16.0}) {
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, 0, 12);
    cairo_show_text(cr, ascii);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

}  // namespace

bool PreloadPluginFonts() {
  Faces& faces = TheFaces();
  if (faces.attempted) return faces.ok;
  faces.attempted = true;
  faces.ok = FT_Init_FreeType(&faces.library) == 0;
  for (int i = 0; i < 2; ++i) {
    FT_Face ft_face = nullptr;
    if (faces.ok && FT_New_Face(faces.library, kFontFiles[i], 0, &ft_face) == 0) {
      // cairo takes the FT_Face as is and never opens a file for it.
      faces.faces[i] = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
    } else {
      std::fprintf(stderr, "sandtab-plugin: cannot load %s; text may render as boxes\n", kFontFiles[i]);
      faces.ok = false;
      faces.faces[i] = cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                                  i == 0 ? CAIRO_FONT_WEIGHT_NORMAL : CAIRO_FONT_WEIGHT_BOLD);
    }
    WarmUp(faces.faces[i]);
  }
  return faces.ok;
}

cairo_font_face_t* PluginFontFace(FontWeight weight) {
  PreloadPluginFonts();
  return TheFaces().faces[weight == FontWeight::kBold ? 1 : 0];
}

void SelectPluginFont(cairo_t* cr, FontWeight weight, double size) {
  cairo_set_font_face(cr, PluginFontFace(weight));
  cairo_set_font_size(cr, size);
}

void SetSourceRgb(cairo_t* cr, unsigned rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

void PaintError(cairo_t* cr, int width, int height, std::string_view message) {
  cairo_save(cr);
  SetSourceRgb(cr, kErrorFillRgb);
  cairo_paint(cr);
  // A 4 px border drawn as four filled rects: crisp, exact pixels.
  SetSourceRgb(cr, kErrorRgb);
  const int border = std::min({4, width, height});
  cairo_rectangle(cr, 0, 0, width, border);
  cairo_rectangle(cr, 0, height - border, width, border);
  cairo_rectangle(cr, 0, 0, border, height);
  cairo_rectangle(cr, width - border, 0, border, height);
  cairo_fill(cr);

  // The message, cut into lines of what fits; a fixed buffer, so a hostile
  // message costs nothing and cannot overflow anything.
  SelectPluginFont(cr, FontWeight::kBold, 12);
  cairo_rectangle(cr, border, border, std::max(0, width - 2 * border), std::max(0, height - 2 * border));
  cairo_clip(cr);
  const int chars_per_line = std::max(1, (width - 16) / 7);
  char line[128];
  double y = 20;
  for (size_t pos = 0; pos < message.size() && y < height; y += 15) {
    const size_t n = std::min({message.size() - pos, sizeof(line) - 1, static_cast<size_t>(chars_per_line)});
    for (size_t i = 0; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(message[pos + i]);
      line[i] = (c >= 32 && c < 127) ? static_cast<char>(c) : '?';  // ASCII only: no invalid UTF-8
    }
    line[n] = '\0';
    cairo_move_to(cr, 8, y);
    cairo_show_text(cr, line);
    pos += n;
  }
  cairo_restore(cr);
}

}  // namespace sandtab::plugin
