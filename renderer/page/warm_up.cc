#include "renderer/page/warm_up.h"

#include <cairo.h>

#include <memory>

#include "base/cairo_ptr.h"
#include "renderer/page/font_set.h"
#include "renderer/page/page.h"

namespace sandtab::renderer {
namespace {

// The three families in their regular, bold and italic faces, at the sizes
// the master stylesheet gives body text, headings, small and monospaced text,
// plus the table and list machinery. Glyphs are cached per face and size, so
// this covers the Latin text of most pages.
constexpr char kWarmUpDocument[] = R"(<!DOCTYPE html>
<html><head><title>warm-up</title>
<style>.sans{font-family:sans-serif} .mono{font-family:monospace}</style></head>
<body>
<h1>Hello, warm-up 0123456789</h1><h2>Section heading</h2><h3>Subsection</h3>
<p>The quick brown fox jumps over the lazy dog. <b>Bold text</b>, <i>italic text</i>,
<b><i>both</i></b>, <a href="#x">a link</a>, <small>small print</small>, <code>code()</code>.</p>
<p class="sans">The quick brown fox jumps over the lazy dog. <b>Bold</b> <i>italic</i>
ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz .,;:!?'"()[]{}-+*/=&amp;%$#@</p>
<pre class="mono">monospaced(text) { return 42; }</pre>
<ul><li>one</li><li>two</li></ul><ol><li>three</li></ol>
<table border="1"><tr><th>head</th><th>cell</th></tr><tr><td>1</td><td>2</td></tr></table>
</body></html>
)";

}  // namespace

void PaintWarmUpPage(cairo_surface_t* target, int viewport_width, int viewport_height) {
  Page page(kWarmUpDocument, "about:blank", viewport_width, viewport_height);
  CairoPtr cr(cairo_create(target));
  page.Paint(cr.get(), 0);
  cairo_surface_flush(target);
}

void WarmUpRendering(int viewport_width, int viewport_height) {
  PreloadFonts();
  PaintEveryFace();
  MatchCommonFontSizes();
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, viewport_width, viewport_height));
  PaintWarmUpPage(surface.get(), viewport_width, viewport_height);
}

}  // namespace sandtab::renderer
