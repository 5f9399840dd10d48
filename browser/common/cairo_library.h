#ifndef SANDTAB_BROWSER_COMMON_CAIRO_LIBRARY_H_
#define SANDTAB_BROWSER_COMMON_CAIRO_LIBRARY_H_

namespace sandtab::browser {

// Cairo, loaded the first time the browser draws something of its own (a
// sad tab, a plugin's placeholder, a contact sheet, the window's chrome),
// not when it starts. Linked in, libcairo brought 16 shared libraries
// (pixman, FreeType, fontconfig, expat, brotli, X11 and five xcb/X
// libraries...) that the dynamic linker mapped and relocated at every start
// of every browser, ~1.5 ms of a headless one-shot whose frame is the
// renderer's buffer as it is and draws nothing (docs/performance.md, "The
// one-shot's start"). As SdlLibrary and PangoLibrary do.
//
// Unlike theirs, Cairo's functions keep their own names in the browser's
// code (cairo_create(), cairo_paint(), and base/cairo_ptr.h's owners):
// cairo_library.cc defines each one the browser calls, forwarding to the
// library's, which the first of them loads (a browser that cannot load it
// says why and aborts, as one linked to a missing libcairo would have at
// its start). A Cairo function new to the browser is a link error
// ("undefined reference to cairo_...") until it is added there.

// Whether the forwarders have loaded Cairo yet (the browser: once it drew).
bool CairoLoaded();

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_CAIRO_LIBRARY_H_
