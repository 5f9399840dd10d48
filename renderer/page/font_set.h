// The renderer's fonts: a fixed set of faces loaded into memory before the
// sandbox removes the filesystem. See docs/fonts.md.
#ifndef SANDTAB_RENDERER_PAGE_FONT_SET_H_
#define SANDTAB_RENDERER_PAGE_FONT_SET_H_

#include <pango/pango.h>

#include <string_view>

namespace sandtab::renderer {

// The families every CSS font-family value maps to.
inline constexpr char kSansFamily[] = "DejaVu Sans";
inline constexpr char kSerifFamily[] = "DejaVu Serif";
inline constexpr char kMonoFamily[] = "DejaVu Sans Mono";
// Chrome's standard font is a serif one; follow it so pages compare.
inline constexpr const char* kDefaultFamily = kSerifFamily;

// Loads every font face the renderer may use (fontconfig + Pango), so that after
// the sandbox removes the filesystem nothing needs to open a font file. Call once
// at start-up, before the sandbox's layer 2. Idempotent. Not thread-safe: call
// it from the main thread before other threads use fonts.
void PreloadFonts();

// The zygote's: paints a sample of the common glyphs in every face, so the
// renderers it forks inherit them rasterised (after PreloadFonts, which it
// calls). Idempotent.
void PaintEveryFace();

// The pixel sizes CSS and pages commonly use: the keyword sizes (x-small 10,
// small 13, medium 16, large 18, x-large 24, xx-large 32, xxx-large 48),
// the headings' (h1 32, h2 24, h3 18, h5 13, h6 10 at a 16 px base) and the
// integer sizes between 9 and 24 px authors pick. litehtml asks for integer
// sizes only.
inline constexpr int kCommonFontSizes[] = {9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                                           21, 22, 24, 26, 28, 30, 32, 34, 36, 40, 48};

// The zygote's part of the font warm-up (after PreloadFonts): matches every
// face at the pixel sizes pages commonly use, so that the renderers it forks
// inherit the answers instead of each asking fontconfig again on a new size
// (see font_set.cc for why that is dear in a new renderer). Idempotent.
void MatchCommonFontSizes();
// How many fontsets MatchCommonFontSizes() holds (0 before).
int CommonFontSizeCountForTesting();

// How many of Pango's fontconfig tasks ran on the thread that asked rather
// than on a thread of their own (font_set.cc, g_thread_new).
int PangoTasksRunInlineForTesting();

// The number of faces PreloadFonts() loaded (12 with fonts-dejavu-core).
int LoadedFaceCountForTesting();
// Whether PreloadFonts read the faces from fontconfig's cache of their
// directory rather than querying each file.
bool FacesCameFromTheFontconfigCacheForTesting();

// Maps a CSS font-family list ("Georgia, 'Times New Roman', serif") to one of
// the three families above: the first entry we recognise wins, generic names
// and well-known proprietary names map to their DejaVu look-alike, and a list
// with nothing recognisable gets kDefaultFamily.
const char* FamilyForCss(std::string_view css_family_list);

// The Pango context every Page measures and draws text with (calls
// PreloadFonts() if nobody did). Owned by the font set; never freed.
PangoContext* SharedPangoContext();

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_FONT_SET_H_
