// PageContainer: resources, document events and the environment litehtml
// asks about. Text is in page_container_text.cc, painting in
// page_container_paint.cc.
#include "renderer/page/page_container.h"

#include <cstring>
#include <utility>

#include "renderer/page/css/css_element.h"
#include "renderer/page/css/css_validation.h"
#include "renderer/page/embed_element.h"
#include "renderer/page/font_set.h"
#include "renderer/page/url.h"

namespace sandtab::renderer {

PageContainer::PageContainer(ResourceStore* store, std::string document_url, int width, int height,
                             DocumentSyntax syntax)
    : store_(store),
      document_url_(std::move(document_url)),
      syntax_(syntax),
      base_url_(document_url_),
      width_(width),
      height_(height),
      layout_(pango_layout_new(SharedPangoContext())) {}

PageContainer::~PageContainer() { g_object_unref(layout_); }

void PageContainer::ResetForNewDocument() {
  base_url_ = document_url_;
  title_.clear();
  embeds_.clear();
  imported_from_.clear();
}

void PageContainer::SetViewport(int width, int height) {
  width_ = width;
  height_ = height;
}

std::string PageContainer::AbsoluteUrl(const std::string& url, const std::string& css_base) const {
  if (css_base.empty()) return ResolveUrl(base_url_, url);
  return ResolveUrl(ResolveUrl(base_url_, css_base), url);
}

void PageContainer::load_image(const litehtml::tchar_t* src, const litehtml::tchar_t* baseurl,
                               bool /*redraw_on_ready*/) {
  if (!src || !*src) return;
  store_->RequestImage(AbsoluteUrl(src, baseurl ? baseurl : ""));
}

void PageContainer::get_image_size(const litehtml::tchar_t* src, const litehtml::tchar_t* baseurl, litehtml::size& sz) {
  sz.width = sz.height = 0;
  if (!src || !*src) return;
  cairo_surface_t* image = store_->FindImage(AbsoluteUrl(src, baseurl ? baseurl : ""));
  if (!image) return;
  sz.width = cairo_image_surface_get_width(image);
  sz.height = cairo_image_surface_get_height(image);
}

// litehtml wants the text now; the bytes come later. A miss records the
// request and yields nothing; when it arrives the Page builds the document
// again and this returns the text (see docs/rendering.md).
void PageContainer::import_css(litehtml::tstring& text, const litehtml::tstring& url, litehtml::tstring& baseurl) {
  const std::string absolute = AbsoluteUrl(url, baseurl);
  // A sheet that imports itself, directly or through others, would have
  // litehtml parse it inside itself until the stack overflows (a.css
  // importing b.css importing a.css crashed the renderer); as browsers do,
  // an import of a sheet already open in the chain is skipped. So is a
  // chain deeper than any real site's.
  constexpr int kMaxImportDepth = 16;
  int depth = 0;
  for (std::string open = baseurl; depth <= kMaxImportDepth; ++depth) {
    if (open == absolute) return;
    auto parent = imported_from_.find(open);
    if (parent == imported_from_.end()) break;
    open = parent->second;
  }
  if (depth > kMaxImportDepth) return;
  imported_from_[absolute] = baseurl;
  // Relative URLs inside the sheet (images, @import) resolve against it.
  baseurl = absolute;
  if (const std::string* css = store_->Stylesheet(absolute)) text = CssForLitehtml(*css);
}

void PageContainer::set_caption(const litehtml::tchar_t* caption) {
  // Whitespace-collapsed, as document.title is.
  title_.clear();
  bool pending_space = false;
  for (const char* p = caption ? caption : ""; *p; ++p) {
    const bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
    if (space) {
      pending_space = !title_.empty();
      continue;
    }
    if (pending_space) title_ += ' ';
    pending_space = false;
    title_ += *p;
  }
}

void PageContainer::set_base_url(const litehtml::tchar_t* base_url) {
  if (base_url && *base_url) base_url_ = ResolveUrl(document_url_, base_url);
}

void PageContainer::link(const std::shared_ptr<litehtml::document>&, const litehtml::element::ptr&) {}

// Navigation is driven by the browser through Page::LinkAt(), not by
// litehtml's click handling.
void PageContainer::on_anchor_click(const litehtml::tchar_t*, const litehtml::element::ptr&) {}

void PageContainer::set_cursor(const litehtml::tchar_t*) {}

void PageContainer::get_client_rect(litehtml::position& client) const {
  client = litehtml::position(0, 0, width_, height_);
}

std::shared_ptr<litehtml::element> PageContainer::create_element(const litehtml::tchar_t* tag_name,
                                                                 const litehtml::string_map& attributes,
                                                                 const std::shared_ptr<litehtml::document>& doc) {
  if (std::strcmp(tag_name, "embed") == 0 || std::strcmp(tag_name, "object") == 0) {
    auto element = std::make_shared<EmbedElement>(doc);
    embeds_.push_back(element);
    return element;
  }
  // litehtml's own element types, with the CSS rules css_element.h lists.
  return MakeCssElement(tag_name, attributes, doc, syntax_);
}

void PageContainer::get_media_features(litehtml::media_features& media) const {
  media.type = litehtml::media_type_screen;
  media.width = width_;
  media.height = height_;
  media.device_width = width_;
  media.device_height = height_;
  media.color = 8;
  media.monochrome = 0;
  media.color_index = 0;
  media.resolution = 96;
}

void PageContainer::get_language(litehtml::tstring& language, litehtml::tstring& culture) const {
  language = "en";
  culture.clear();
}

}  // namespace sandtab::renderer
