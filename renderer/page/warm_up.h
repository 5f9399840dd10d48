// Rendering warm-up for the zygote: one small page laid out and painted
// before any renderer is forked from it.
#ifndef SANDTAB_RENDERER_PAGE_WARM_UP_H_
#define SANDTAB_RENDERER_PAGE_WARM_UP_H_

#include <cairo.h>

namespace sandtab::renderer {

// Lays out and paints a built-in page at the default window size, so that
// what every first paint would otherwise build for itself (the parsed master
// stylesheet, Pango's font and shaping caches, Cairo's scaled fonts and glyph
// cache for the common faces and sizes) is built once here and inherited,
// copy-on-write, by every renderer forked afterwards. Without it each new or
// restarted renderer pays for all of it on its first frame. It also matches
// every face at the common sizes (MatchCommonFontSizes), which is what a
// page's first frame paid most for on a slow machine. Needs the fonts (calls
// PreloadFonts()); no I/O of its own. Pango may leave threads of its own
// exiting when this returns: the caller waits for them before it forks.
void WarmUpRendering(int viewport_width, int viewport_height);

// Paints the same page into `target`, an ARGB32 image surface of the
// viewport's size: a spare renderer warms its own surface with it (every
// page of the buffer mapped and written once in this process, the paint
// path run once after the fork), so a tab's first frame pays for neither.
void PaintWarmUpPage(cairo_surface_t* target, int viewport_width, int viewport_height);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_WARM_UP_H_
