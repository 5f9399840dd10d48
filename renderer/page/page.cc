#include "renderer/page/page.h"

#include <litehtml/litehtml.h>
#include <litehtml/el_space.h>
#include <litehtml/el_text.h>

#include <algorithm>
#include <cstring>

#include "base/utf8.h"
#include "renderer/page/embed_element.h"
#include "renderer/page/css/master_stylesheet.h"
#include "renderer/page/css/nesting_guard.h"
#include "renderer/page/page_container.h"
#include "renderer/page/preload_scanner.h"
#include "renderer/page/url.h"

namespace sandtab::renderer {
namespace {

// The master stylesheet is parsed once per process and shared by every
// document (litehtml copies the rules it needs into each document).
litehtml::context* MasterContext() {
  static litehtml::context* context = [] {
    auto* c = new litehtml::context();
    c->load_master_stylesheet(kMasterStylesheet);
    return c;
  }();
  return context;
}

// Pages are laid out at least this wide so a zero-sized tab cannot make
// litehtml's line breaking degenerate.
constexpr int kMinLayoutWidth = 16;

}  // namespace

Page::Page(std::string_view html, std::string url, int viewport_width, int viewport_height, DocumentSyntax syntax)
    : html_(FlattenDeepNesting(html)),
      url_(std::move(url)),
      width_(std::max(viewport_width, kMinLayoutWidth)),
      height_(std::max(viewport_height, 1)),
      container_(std::make_unique<PageContainer>(&store_, url_, width_, height_, syntax)) {
  if (syntax == DocumentSyntax::kHtml) RequestPreloads();
  // A page waiting for its sheets is not painted, so it is not built yet:
  // the sheets' arrival builds it, once (SupplyResource).
  if (!IsRenderBlocked()) BuildDocument();
}

Page::~Page() = default;

// The preload scan asks for what the build would ask for, the way the build
// would (the container resolves and records each sheet as litehtml's <link>
// does), so the build later finds the sheets in the store and asks for
// nothing twice.
void Page::RequestPreloads() {
  const PreloadScan scan = ScanForPreloads(html_);
  for (const PreloadScan::Stylesheet& sheet : scan.stylesheets) {
    container_->ResetForNewDocument();
    container_->set_base_url(sheet.base.c_str());
    litehtml::tstring text;
    litehtml::tstring baseurl;
    container_->import_css(text, sheet.href, baseurl);
  }
  container_->ResetForNewDocument();
  container_->set_base_url(scan.last_base.c_str());
  for (const std::string& src : scan.images) container_->load_image(src.c_str(), nullptr, false);
  container_->ResetForNewDocument();
  // Until the build (which sets it again) the tab shows the scanned title.
  if (!scan.title.empty()) container_->set_caption(scan.title.c_str());
}

void Page::BuildDocument() {
  import_scan_document_.reset();
  elements_by_attribute_.clear();
  indexed_attribute_.clear();
  document_.reset();  // before the container forgets its state
  container_->ResetForNewDocument();
  document_ = litehtml::document::createFromUTF8(html_.c_str(), container_.get(), MasterContext());
  Layout();
}

void Page::Layout() const {
  layout_stale_ = false;
  if (!document_) return;
  document_->render(width_);
  ++layout_count_;
}

void Page::LayOutIfStale() const {
  if (layout_stale_) Layout();
}

// While other sheets are awaited, the document is not built again for this
// one (nothing is painted until the last arrives, which builds it once);
// only the @imports in it are looked for now, so that their fetches start
// at once rather than after the last sheet. Parsing it into a scratch sheet
// with the document at hand makes litehtml ask the container for each
// @import (PageContainer::import_css), which queues what is new.
void Page::RequestImportsOf(const std::string& url) {
  // Before the first build there is no document to parse the sheet with; an
  // empty one stands in (litehtml reaches the container through it).
  if (!document_ && !import_scan_document_) {
    import_scan_document_ = litehtml::document::createFromUTF8("", container_.get(), MasterContext());
  }
  litehtml::tstring text;
  litehtml::tstring baseurl = container_->base_url();  // `url` is absolute already
  container_->ResetImportChain();
  container_->import_css(text, url, baseurl);
  if (text.empty()) return;
  litehtml::css scratch;
  scratch.parse_stylesheet(text.c_str(), baseurl.c_str(), document_ ? document_ : import_scan_document_, nullptr);
}

std::vector<ResourceRequest> Page::TakeResourceRequests() { return store_.TakeRequests(); }

void Page::SupplyResource(const std::string& url, bool ok, std::string_view bytes) {
  switch (store_.Supply(url, ok, bytes)) {
    case ResourceStore::Outcome::kStylesheetChanged:
      // litehtml applies stylesheets only while parsing; the cheapest correct
      // way to add one is to parse again, now with the text cached: once,
      // when no other sheet is awaited.
      if (IsRenderBlocked()) {
        RequestImportsOf(url);
      } else {
        BuildDocument();
      }
      break;
    case ResourceStore::Outcome::kImageChanged:
      // The image's intrinsic size may move everything below it; laid out
      // when next asked, so images that arrive together cost one layout.
      layout_stale_ = true;
      break;
    case ResourceStore::Outcome::kIgnored:
      break;
  }
}

bool Page::IsComplete() const { return !store_.HasOutstanding(); }

bool Page::IsRenderBlocked() const { return store_.HasOutstandingStylesheets(); }

void Page::Resize(int width, int height) {
  width = std::max(width, kMinLayoutWidth);
  height = std::max(height, 1);
  if (width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  container_->SetViewport(width_, height_);
  if (document_) document_->media_changed();  // re-evaluates @media rules
  Layout();
}

int Page::ContentHeight() const {
  LayOutIfStale();
  return document_ ? std::max(document_->height(), 0) : 0;
}

void Page::Paint(cairo_t* cr, int scroll_y) {
  LayOutIfStale();
  cairo_save(cr);
  // Canvas default, under the root background (which litehtml may not have).
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  if (document_) {
    const litehtml::position viewport(0, 0, width_, height_);
    container_->BeginPaint(cr, viewport);
    document_->draw(reinterpret_cast<litehtml::uint_ptr>(cr), 0, -scroll_y, &viewport);
    container_->EndPaint(cr);
  }
  cairo_restore(cr);
  cairo_surface_flush(cairo_get_target(cr));
}

void Page::AnalyzeSolidColor(int scroll_y, SolidColorBands& bands) {
  LayOutIfStale();
  bands.Reset(width_, height_);  // the canvas's white, as Paint() starts
  if (!document_) return;
  const litehtml::position viewport(0, 0, width_, height_);
  container_->BeginAnalysis(&bands, viewport);
  document_->draw(0, 0, -scroll_y, &viewport);
  container_->EndAnalysis();
}

// One clip rectangle per run of painted bands: under a clip of abutting
// per-band rectangles Cairo 1.16 dropped glyph pixels
// (tests/renderer/solid_color_bands_test.cc).
bool Page::PaintExceptSolidBands(cairo_t* cr, int scroll_y, SolidColorBands& bands,
                                 const std::function<void(int, int)>& before_rows) {
  AnalyzeSolidColor(scroll_y, bands);
  bool painted_any = false;
  cairo_save(cr);
  for (int band = 0; band < bands.band_count();) {
    if (bands.IsSolid(band)) {
      ++band;
      continue;
    }
    const int top = bands.BandTop(band);
    while (band < bands.band_count() && !bands.IsSolid(band)) ++band;
    const int rows = bands.BandTop(band - 1) + bands.BandRows(band - 1) - top;
    if (before_rows) before_rows(top, rows);
    cairo_rectangle(cr, 0, top, width_, rows);
    painted_any = true;
  }
  if (painted_any) {
    cairo_clip(cr);
    Paint(cr, scroll_y);
  }
  cairo_restore(cr);
  return painted_any;
}

std::string Page::Title(size_t max_bytes) const {
  std::string title = container_->title();
  CutUtf8(title, max_bytes);
  return title;
}

std::optional<std::string> Page::LinkAt(int x, int y_document) const {
  LayOutIfStale();
  if (!document_ || !document_->root()) return std::nullopt;
  litehtml::element::ptr element = document_->root()->get_element_by_point(x, y_document, x, y_document);
  for (; element; element = element->parent()) {
    const char* tag = element->get_tagName();
    if (!tag || std::strcmp(tag, "a") != 0) continue;
    const char* href = element->get_attr("href");
    if (!href) continue;
    return ResolveUrl(container_->base_url(), href);
  }
  return std::nullopt;
}

std::optional<std::string> Page::AttributeAt(int x, int y_document, const char* attribute) const {
  LayOutIfStale();
  if (!document_ || !document_->root()) return std::nullopt;
  litehtml::element::ptr element = document_->root()->get_element_by_point(x, y_document, x, y_document);
  for (; element; element = element->parent()) {
    if (const char* value = element->get_attr(attribute)) return std::string(value);
  }
  return std::nullopt;
}

void Page::ReplaceHtml(std::string_view html) {
  html_ = FlattenDeepNesting(html);
  // Not built yet: the last awaited sheet builds it, from this html.
  if (!document_ && IsRenderBlocked()) return;
  BuildDocument();
}

std::shared_ptr<litehtml::element> Page::FindElement(const char* attribute, const std::string& value) {
  if (!document_ || !document_->root()) return nullptr;
  if (indexed_attribute_ != attribute) {
    indexed_attribute_ = attribute;
    elements_by_attribute_.clear();
    std::vector<litehtml::element::ptr> pending{document_->root()};
    while (!pending.empty()) {
      litehtml::element::ptr element = pending.back();
      pending.pop_back();
      if (const char* named = element->get_attr(attribute)) elements_by_attribute_[named] = element;
      for (size_t i = 0; i < element->get_children_count(); ++i)
        pending.push_back(element->get_child(static_cast<int>(i)));
    }
  }
  auto it = elements_by_attribute_.find(value);
  return it == elements_by_attribute_.end() ? nullptr : it->second.lock();
}

bool Page::ReplaceElementText(const char* attribute, const std::string& value, const std::string& text) {
  litehtml::element::ptr element = FindElement(attribute, value);
  // Preformatted text keeps its spaces and line breaks as the parser reads
  // them, not as split_text splits words: rebuilt.
  if (!element || element->get_white_space() != litehtml::white_space_normal) return false;
  element->clearRecursive();
  std::vector<litehtml::element::ptr> added;
  container_->split_text(
      text.c_str(),
      [&](const litehtml::tchar_t* word) { added.push_back(std::make_shared<litehtml::el_text>(word, document_)); },
      [&](const litehtml::tchar_t* space) { added.push_back(std::make_shared<litehtml::el_space>(space, document_)); });
  for (const auto& child : added) {
    element->appendChild(child);
    child->parse_styles();
  }
  layout_stale_ = true;
  return true;
}

bool Page::SetElementStyle(const char* attribute, const std::string& value, const std::string& style) {
  litehtml::element::ptr element = FindElement(attribute, value);
  if (!element) return false;
  element->set_attr("style", style.c_str());
  element->refresh_styles();
  element->parse_styles(true);
  layout_stale_ = true;
  return true;
}

void Page::SetTitle(const std::string& title) { container_->set_caption(title.c_str()); }

std::vector<EmbedBox> Page::Embeds() const {
  LayOutIfStale();
  std::vector<EmbedBox> boxes;
  for (const std::weak_ptr<EmbedElement>& weak : container_->embeds()) {
    std::shared_ptr<EmbedElement> element = weak.lock();
    if (!element) continue;
    std::string type = element->MimeType();
    if (type.empty() || element->get_display() == litehtml::display_none) continue;
    const litehtml::position pos = element->get_placement();
    boxes.push_back({std::move(type), pos.x, pos.y, pos.width, pos.height, element->Params()});
  }
  return boxes;
}

}  // namespace sandtab::renderer
