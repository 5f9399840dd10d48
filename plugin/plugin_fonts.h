#ifndef SANDTAB_PLUGIN_PLUGIN_FONTS_H_
#define SANDTAB_PLUGIN_PLUGIN_FONTS_H_

#include <cairo.h>

#include <string_view>

namespace sandtab::plugin {

enum class FontWeight { kRegular, kBold };

// Loads the two faces plugins draw text with (DejaVu Sans Book and Bold)
// straight through FreeType, which mmap()s each file and closes it, and wraps
// them in cairo font faces held for the life of the process. After this,
// text needs no filesystem: call it before layer 2 of the sandbox, which
// removes the filesystem. Idempotent; returns false if a face could not be
// loaded (text then falls back to cairo's toy face, which may render boxes
// inside the sandbox, but nothing else breaks).
bool PreloadPluginFonts();

// The preloaded face (loads it on first use outside the sandbox).
cairo_font_face_t* PluginFontFace(FontWeight weight);

// Selects the face and size on `cr` for cairo_show_text().
void SelectPluginFont(cairo_t* cr, FontWeight weight, double size);

// What a plugin shows instead of its content when a param is invalid: a pink
// box with a kErrorRgb border and the message. Never throws, never crashes
// on any message (it is truncated to what fits).
void PaintError(cairo_t* cr, int width, int height, std::string_view message);

// Colours tests and screenshots can look for (0xRRGGBB, drawn opaque).
inline constexpr unsigned kErrorRgb = 0xB00020;      // border, message text
inline constexpr unsigned kErrorFillRgb = 0xFCE4EC;  // background

// Sets an opaque 0xRRGGBB source colour.
void SetSourceRgb(cairo_t* cr, unsigned rgb);

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PLUGIN_FONTS_H_
