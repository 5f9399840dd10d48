#ifndef SANDTAB_BROWSER_COMMON_CAIRO_DRAWING_H_
#define SANDTAB_BROWSER_COMMON_CAIRO_DRAWING_H_

#include <cairo.h>

#include <memory>
#include <string>

#include "base/cairo_ptr.h"
#include "browser/common/png_writer.h"

namespace sandtab::browser {

// What the compositor and the contact sheet both draw with: Cairo over a
// browser Image, and Pango for the text the browser itself writes (labels,
// the sad tab, plugin placeholders, the window's chrome). Loop thread only:
// Pango's font map is.
// A Cairo surface over `image`'s pixels (no copy); `image` must outlive it.
CairoSurfacePtr WrapImage(Image& image);

// Text is laid out by Pango, loaded on first use (pango_library.h); without
// it nothing is drawn, and the reason is said once on stderr.

// `text` at (x, y), wrapped to `max_width`, in the current source colour.
void DrawText(cairo_t* cr, const std::string& text, const char* font, double x, double y, double max_width);

// One line of `text`, ellipsized at `width` and centred in `height` below
// y, in the current source colour.
void DrawTextLine(cairo_t* cr, const std::string& text, const char* font, double x, double y, double width,
                  double height);

// The x, from the start of `text` laid out in `font`, of byte offset `index`.
double TextOffsetX(cairo_t* cr, const std::string& text, size_t index, const char* font);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_CAIRO_DRAWING_H_
