#include "renderer/page/font_set.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <fontconfig/fcfreetype.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <dlfcn.h>
#include <sys/stat.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "base/cairo_ptr.h"
#include "renderer/page/shaped_text.h"

namespace sandtab::renderer {
namespace {

// fonts-dejavu-core installs here; if a file is missing we ask fontconfig.
constexpr char kDejaVuDir[] = "/usr/share/fonts/truetype/dejavu/";

struct FaceSpec {
  const char* file;
  const char* family;
  int weight;  // FC_WEIGHT_*
  int slant;   // FC_SLANT_*
};

constexpr FaceSpec kFaces[] = {
    {"DejaVuSans.ttf", kSansFamily, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN},
    {"DejaVuSans-Bold.ttf", kSansFamily, FC_WEIGHT_BOLD, FC_SLANT_ROMAN},
    {"DejaVuSans-Oblique.ttf", kSansFamily, FC_WEIGHT_REGULAR, FC_SLANT_OBLIQUE},
    {"DejaVuSans-BoldOblique.ttf", kSansFamily, FC_WEIGHT_BOLD, FC_SLANT_OBLIQUE},
    {"DejaVuSerif.ttf", kSerifFamily, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN},
    {"DejaVuSerif-Bold.ttf", kSerifFamily, FC_WEIGHT_BOLD, FC_SLANT_ROMAN},
    {"DejaVuSerif-Italic.ttf", kSerifFamily, FC_WEIGHT_REGULAR, FC_SLANT_ITALIC},
    {"DejaVuSerif-BoldItalic.ttf", kSerifFamily, FC_WEIGHT_BOLD, FC_SLANT_ITALIC},
    {"DejaVuSansMono.ttf", kMonoFamily, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN},
    {"DejaVuSansMono-Bold.ttf", kMonoFamily, FC_WEIGHT_BOLD, FC_SLANT_ROMAN},
    {"DejaVuSansMono-Oblique.ttf", kMonoFamily, FC_WEIGHT_REGULAR, FC_SLANT_OBLIQUE},
    {"DejaVuSansMono-BoldOblique.ttf", kMonoFamily, FC_WEIGHT_BOLD, FC_SLANT_OBLIQUE},
};

// Text that touches the glyphs pages commonly use (PaintEveryFace), so the
// zygote's children inherit them rasterised.
constexpr char kWarmUpText[] =
    "The quick brown fox jumps over the lazy dog 0123456789 "
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "
    "\u00e9\u00e8\u00fc\u00f6\u00e4\u00df\u00a9\u00b0 \u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026";

struct FontSet {
  FT_Library ft_library = nullptr;
  FcConfig* config = nullptr;
  PangoFontMap* font_map = nullptr;
  PangoContext* context = nullptr;
  int face_count = 0;
  bool from_cache = false;  // ConfigFromDirectoryCache
  bool painted_every_face = false;
  // Held so that Pango's LRU of 256 fontsets cannot drop their fontconfig
  // matches (see MatchCommonFontSizes).
  std::vector<PangoFontset*> common_sizes;
};

FontSet* g_font_set = nullptr;

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The path of the face `spec` describes: the DejaVu directory, else whatever
// the system's fontconfig says is installed under that family and style.
std::string FindFaceFile(const FaceSpec& spec) {
  std::string path = std::string(kDejaVuDir) + spec.file;
  if (FileExists(path)) return path;
  path.clear();
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(spec.family));
  FcPatternAddInteger(pattern, FC_WEIGHT, spec.weight);
  FcPatternAddInteger(pattern, FC_SLANT, spec.slant);
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  if (FcPattern* match = FcFontMatch(nullptr, pattern, &result)) {
    FcChar8* file = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
      path = reinterpret_cast<const char*>(file);
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  return path;
}

// Cairo opens a font file lazily, by name, and keeps at most 10 faces open,
// re-opening evicted ones on demand: after the filesystem is gone that fails.
// A pattern that carries FC_FT_FACE makes cairo use our FT_Face instead and
// never touch the file. FreeType mmap()s the file and closes the fd, so the
// face stays valid after chroot without holding a descriptor.
void AttachFtFaces(FontSet* set) {
  FcFontSet* fonts = FcConfigGetFonts(set->config, FcSetApplication);
  if (!fonts) return;
  for (int i = 0; i < fonts->nfont; ++i) {
    FcPattern* pattern = fonts->fonts[i];
    FcChar8* file = nullptr;
    int index = 0;
    if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch) continue;
    FcPatternGetInteger(pattern, FC_INDEX, 0, &index);
    FT_Face face = nullptr;
    if (FT_New_Face(set->ft_library, reinterpret_cast<const char*>(file), index, &face) != 0) {
      std::fprintf(stderr, "sandtab: cannot load font %s\n", file);
      continue;
    }
    FcPatternDel(pattern, FC_FT_FACE);
    FcPatternAddFTFace(pattern, FC_FT_FACE, face);
    ++set->face_count;
  }
}

PangoFontDescription* DescriptionOf(const FaceSpec& spec, int pixel_size) {
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, spec.family);
  pango_font_description_set_weight(desc, spec.weight == FC_WEIGHT_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(desc, spec.slant == FC_SLANT_ROMAN ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC);
  pango_font_description_set_absolute_size(desc, pixel_size * PANGO_SCALE);
  return desc;
}

// Pango opens each font file a second time, by name, for HarfBuzz
// (hb_blob_create_from_file, kept per face in the font map) the first time
// a font of that face makes its HarfBuzz font: after the sandbox removes the
// filesystem that open fails and the face shapes to nothing. Each face's
// HarfBuzz font is made now, while the files are reachable (a test renders
// every face after chroot: Fonts.EveryFaceRendersAfterChroot). Nothing is
// laid out: a layout also asks for the font's metrics, which shapes a whole
// sample sentence in each face (~15 ms for the twelve), for faces a page may
// never use.
void OpenShapingFaces(FontSet* set) {
  PangoLanguage* language = pango_context_get_language(set->context);
  for (const FaceSpec& spec : kFaces) {
    PangoFontDescription* desc = DescriptionOf(spec, 16);
    PangoFontset* fontset = pango_context_load_fontset(set->context, desc, language);
    pango_font_description_free(desc);
    if (!fontset) continue;
    if (PangoFont* font = pango_fontset_get_font(fontset, 'a')) {
      // The HarfBuzz face under it stays in the font map's per-file cache,
      // whatever becomes of this font.
      pango_font_get_hb_font(font);
      g_object_unref(font);
    }
    g_object_unref(fontset);
  }
}

// A configuration holding exactly our faces, read from fontconfig's cache of
// the DejaVu directory (mapped, as fc-cache wrote it when the fonts were
// installed), or null when that cannot be had: a face elsewhere, or no
// current cache (fontconfig would then scan all the directory's 22 files).
// Querying each of the twelve files instead (FcConfigAppFontAddFile reads
// every glyph's coverage through FreeType) took 2.7 ms of every cold
// renderer's and zygote's start. The patterns read from a cache cannot be
// changed; AttachFtFaces needs to add to them, so each is replaced by a copy.
FcConfig* ConfigFromDirectoryCache() {
  std::string accept;
  for (const FaceSpec& spec : kFaces) {
    const std::string path = std::string(kDejaVuDir) + spec.file;
    if (!FileExists(path)) return nullptr;
    accept += "<glob>" + path + "</glob>";
  }
  FcConfig* config = FcConfigCreate();
  const std::string xml =
      "<?xml version=\"1.0\"?><fontconfig><cachedir>/var/cache/fontconfig</cachedir>"
      "<selectfont><acceptfont>" +
      accept +
      "</acceptfont>"
      "<rejectfont><glob>*</glob></rejectfont></selectfont></fontconfig>";
  // Without its trailing slash: fontconfig names a directory's cache after
  // the path exactly as given.
  const std::string directory(kDejaVuDir, std::size(kDejaVuDir) - 2);
  const auto* dir = reinterpret_cast<const FcChar8*>(directory.c_str());
  FcCache* cache = nullptr;
  if (FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(xml.c_str()), FcFalse)) {
    cache = FcDirCacheLoad(dir, config, nullptr);  // present and current, or null
  }
  if (cache) FcDirCacheUnload(cache);
  FcFontSet* fonts = nullptr;
  if (cache && FcConfigAppFontAddDir(config, dir)) fonts = FcConfigGetFonts(config, FcSetApplication);
  if (!fonts || fonts->nfont != static_cast<int>(std::size(kFaces))) {
    FcConfigDestroy(config);
    return nullptr;
  }
  for (int i = 0; i < fonts->nfont; ++i) {
    FcPattern* cached = fonts->fonts[i];
    fonts->fonts[i] = FcPatternDuplicate(cached);
    FcPatternDestroy(cached);
  }
  return config;
}

// The same configuration, each file queried: a private configuration that
// contains exactly our faces, no config files, no cache directories.
FcConfig* ConfigFromFaceFiles() {
  FcConfig* config = FcConfigCreate();
  for (const FaceSpec& spec : kFaces) {
    const std::string path = FindFaceFile(spec);
    if (path.empty() || !FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(path.c_str()))) {
      std::fprintf(stderr, "sandtab: font face %s not found\n", spec.file);
    }
  }
  return config;
}

}  // namespace

bool FacesCameFromTheFontconfigCacheForTesting() { return g_font_set && g_font_set->from_cache; }

void PreloadFonts() {
  if (g_font_set) return;
  auto* set = new FontSet();  // Lives for the whole process, by design.
  FT_Init_FreeType(&set->ft_library);

  // Nothing to rescan later either way: no config files, and after this no
  // directory is read again.
  set->config = ConfigFromDirectoryCache();
  set->from_cache = set->config != nullptr;
  if (!set->config) set->config = ConfigFromFaceFiles();
  AttachFtFaces(set);
  // Made the process's current configuration before Pango's font map
  // exists: a new font map runs FcInit() on a thread of its own and waits
  // for it, and FcInit() with no current configuration reads the system's
  // (~40 files under /etc/fonts, every cache directory): 10-20 ms of a cold
  // renderer's start, and of the zygote's, for a configuration nothing then
  // reads. With ours current it finds one and returns.
  if (!FcConfigSetCurrent(set->config)) std::fprintf(stderr, "sandtab: cannot make the font configuration current\n");

  set->font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(set->font_map), set->config);
  set->context = pango_font_map_create_context(set->font_map);
  // Unhinted metrics keep text widths independent of the position on screen,
  // so layout (which measures) and paint (which draws) agree.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(set->context, options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(set->context, 96.0);

  g_font_set = set;
  OpenShapingFaces(set);
}

// Shapes and paints the warm-up text in every face: cairo's scaled fonts
// and the glyphs pages most often draw, rasterised once in the zygote and
// inherited by every renderer it forks. A cold renderer skips it: it would
// draw ~1,200 glyphs in twelve faces (~25 ms) for a page that uses a few.
// Shaped as pages' text is (ShapedText), not laid out: a layout would also
// compute each face's Pango metrics, which nothing uses any more.
void PaintEveryFace() {
  PreloadFonts();
  FontSet* set = g_font_set;
  if (set->painted_every_face) return;
  set->painted_every_face = true;
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64));
  CairoPtr cr(cairo_create(surface.get()));
  for (const FaceSpec& spec : kFaces) {
    PangoFontDescription* desc = DescriptionOf(spec, 16);
    ShapedText(set->context, desc, kWarmUpText).Draw(cr.get(), 0, 16);
    pango_font_description_free(desc);
  }
}

// Pango matches each new (family, weight, style, size, language) with
// fontconfig (on this thread: g_thread_new below), a match and a sort of
// the twelve faces, plus a fontset and a font to hold them. A renderer
// forked from the zygote paid that on its first frame for every size the
// page used (article.html: nine patterns). Matched here, once, in the
// zygote (~2 MiB shared by every renderer it forks), a page at the common
// sizes matches nothing; a test counts it:
// Fonts.CommonSizesAreMatchedBeforeTheForkAndNothingStartsAThread. What it
// bought on a client's first frame, when each match also started two
// threads: docs/performance.md, "Fonts matched in the zygote".
void MatchCommonFontSizes() {
  PreloadFonts();
  FontSet* set = g_font_set;
  if (!set->common_sizes.empty()) return;
  // The language and context every later lookup uses (FontMetricsOf and
  // Pango's itemizer load the fontset for the context's language, the
  // default one): a pattern differing in any of them would be matched again.
  PangoLanguage* language = pango_language_get_default();
  for (int size : kCommonFontSizes) {
    for (const FaceSpec& spec : kFaces) {
      PangoFontDescription* desc = DescriptionOf(spec, size);
      PangoFontset* fontset = pango_context_load_fontset(set->context, desc, language);
      pango_font_description_free(desc);
      if (!fontset) continue;
      set->common_sizes.push_back(fontset);
      // The font object itself too, once here rather than in each renderer.
      if (PangoFont* font = pango_fontset_get_font(fontset, 'a')) g_object_unref(font);
    }
  }
}

int CommonFontSizeCountForTesting() { return g_font_set ? static_cast<int>(g_font_set->common_sizes.size()) : 0; }

int LoadedFaceCountForTesting() { return g_font_set ? g_font_set->face_count : 0; }

PangoContext* SharedPangoContext() {
  PreloadFonts();
  return g_font_set->context;
}

}  // namespace sandtab::renderer

// Pango 1.50 starts two threads for every new (family, style, weight, size)
// pattern, one for fontconfig's FcFontSetMatch and one for its
// FcFontSetSort, and waits for the match. Here the configuration is twelve
// faces already in memory and each task takes microseconds; the threads
// cost more than the work (a stack mapped and unmapped, a malloc arena, a
// wake-up on the other CPU): a cold renderer started 29 of them for
// index.html. This definition, in the executable, comes before GLib's in
// the dynamic loader's search, so Pango's calls arrive here: those two
// tasks run at once on the calling thread, every other thread is GLib's
// own. A task's GThread, which Pango only unrefs, is the caller's own, with
// a reference added for it.
namespace {
// "[pango] FcFontSetMatch" and "[pango] FcFontSetSort". Not "[pango] FcInit":
// Pango starts it holding the mutex its task takes (pangofc-fontmap.c,
// start_init_in_thread), so run here it would wait for itself for ever.
constexpr char kPangoMatchTask[] = "[pango] FcFontSet";
std::atomic<int> g_pango_tasks_run_inline = 0;
}  // namespace

extern "C" GThread* g_thread_new(const gchar* name, GThreadFunc func, gpointer data) {
  if (name != nullptr && std::strncmp(name, kPangoMatchTask, sizeof(kPangoMatchTask) - 1) == 0) {
    func(data);
    g_pango_tasks_run_inline.fetch_add(1, std::memory_order_relaxed);
    return g_thread_ref(g_thread_self());
  }
  using ThreadNew = GThread* (*)(const gchar*, GThreadFunc, gpointer);
  static const auto glib_thread_new = reinterpret_cast<ThreadNew>(dlsym(RTLD_NEXT, "g_thread_new"));
  if (glib_thread_new == nullptr) {
    std::fprintf(stderr, "sandtab: GLib's g_thread_new not found after ours: %s\n", dlerror());
    std::abort();
  }
  return glib_thread_new(name, func, data);
}

int sandtab::renderer::PangoTasksRunInlineForTesting() { return g_pango_tasks_run_inline.load(); }
