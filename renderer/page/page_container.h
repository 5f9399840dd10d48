// PageContainer: litehtml's document_container for one Page. litehtml parses
// and lays out; every measurement, paint and resource need comes back through
// these callbacks: text via Pango, pixels via Cairo (the uint_ptr "hdc" is
// always a cairo_t*), resources via the Page's ResourceStore.
#ifndef SANDTAB_RENDERER_PAGE_PAGE_CONTAINER_H_
#define SANDTAB_RENDERER_PAGE_PAGE_CONTAINER_H_

#include <cairo.h>
#include <litehtml/litehtml.h>
#include <pango/pango.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "renderer/page/resource_store.h"
#include "renderer/page/solid_color_bands.h"
#include "renderer/page/xml_text.h"

namespace sandtab::renderer {

class EmbedElement;

class PageContainer : public litehtml::document_container {
 public:
  PageContainer(ResourceStore* store, std::string document_url, int width, int height,
                DocumentSyntax syntax = DocumentSyntax::kHtml);
  ~PageContainer();
  PageContainer(const PageContainer&) = delete;
  PageContainer& operator=(const PageContainer&) = delete;

  // Forgets what the previous litehtml document told us (title, <base>,
  // embeds, the @import chain) before the document is built again.
  void ResetForNewDocument();
  // Forgets the @import chain only, before a sheet is parsed on its own
  // (Page::RequestImportsOf).
  void ResetImportChain() { imported_from_.clear(); }
  void SetViewport(int width, int height);
  // Called by Page around document::draw(): the rectangle the root
  // background must cover (the viewport), and the clip bookkeeping.
  void BeginPaint(cairo_t* cr, const litehtml::position& viewport);
  void EndPaint(cairo_t* cr);
  // The same walk, recording into `bands` what each call would paint where,
  // painting nothing (solid_color_bands.h).
  void BeginAnalysis(SolidColorBands* bands, const litehtml::position& viewport);
  void EndAnalysis();

  const std::string& title() const { return title_; }
  const std::string& base_url() const { return base_url_; }
  const std::vector<std::weak_ptr<EmbedElement>>& embeds() const { return embeds_; }
  // `url` as litehtml handed it (relative to `css_base` or the document).
  std::string AbsoluteUrl(const std::string& url, const std::string& css_base = {}) const;

  // litehtml::document_container, fonts and text (page_container_text.cc).
  litehtml::uint_ptr create_font(const litehtml::tchar_t* face_name, int size, int weight, litehtml::font_style italic,
                                 unsigned int decoration, litehtml::font_metrics* fm) override;
  void delete_font(litehtml::uint_ptr font) override;
  int text_width(const litehtml::tchar_t* text, litehtml::uint_ptr font) override;
  void draw_text(litehtml::uint_ptr hdc, const litehtml::tchar_t* text, litehtml::uint_ptr font,
                 litehtml::web_color color, const litehtml::position& pos) override;
  int pt_to_px(int pt) const override;
  int get_default_font_size() const override;
  const litehtml::tchar_t* get_default_font_name() const override;
  void transform_text(litehtml::tstring& text, litehtml::text_transform tt) override;

  // Boxes (page_container_paint.cc).
  void draw_list_marker(litehtml::uint_ptr hdc, const litehtml::list_marker& marker) override;
  void draw_background(litehtml::uint_ptr hdc, const litehtml::background_paint& bg) override;
  void draw_borders(litehtml::uint_ptr hdc, const litehtml::borders& borders, const litehtml::position& draw_pos,
                    bool root) override;
  void set_clip(const litehtml::position& pos, const litehtml::border_radiuses& radius, bool valid_x,
                bool valid_y) override;
  void del_clip() override;

  // Resources, document events, environment (page_container.cc).
  void load_image(const litehtml::tchar_t* src, const litehtml::tchar_t* baseurl, bool redraw_on_ready) override;
  void get_image_size(const litehtml::tchar_t* src, const litehtml::tchar_t* baseurl, litehtml::size& sz) override;
  void import_css(litehtml::tstring& text, const litehtml::tstring& url, litehtml::tstring& baseurl) override;
  void set_caption(const litehtml::tchar_t* caption) override;
  void set_base_url(const litehtml::tchar_t* base_url) override;
  void link(const std::shared_ptr<litehtml::document>& doc, const litehtml::element::ptr& el) override;
  void on_anchor_click(const litehtml::tchar_t* url, const litehtml::element::ptr& el) override;
  void set_cursor(const litehtml::tchar_t* cursor) override;
  void get_client_rect(litehtml::position& client) const override;
  std::shared_ptr<litehtml::element> create_element(const litehtml::tchar_t* tag_name,
                                                    const litehtml::string_map& attributes,
                                                    const std::shared_ptr<litehtml::document>& doc) override;
  void get_media_features(litehtml::media_features& media) const override;
  void get_language(litehtml::tstring& language, litehtml::tstring& culture) const override;

 private:
  void DrawImage(cairo_t* cr, cairo_surface_t* image, const litehtml::background_paint& bg);
  void AnalyzeBackground(const litehtml::background_paint& bg);
  // A clip as litehtml asks for it: an axis not `valid` is not clipped.
  litehtml::position ClipRect(const litehtml::position& pos, bool valid_x, bool valid_y) const;

  ResourceStore* const store_;
  const std::string document_url_;
  const DocumentSyntax syntax_;
  std::string base_url_;
  std::string title_;
  int width_;
  int height_;
  litehtml::position viewport_;          // valid during paint
  cairo_t* paint_cr_ = nullptr;          // valid during paint
  SolidColorBands* analysis_ = nullptr;  // valid during analysis
  int clip_depth_ = 0;
  PangoLayout* layout_;  // reused for every measurement and draw
  std::vector<std::weak_ptr<EmbedElement>> embeds_;
  // Each sheet imported while this document was built, and the sheet (or
  // document) whose @import or <link> brought it in most recently. litehtml
  // parses imports depth first, so following these links up from a sheet
  // being parsed gives the chain of imports open around it (import_css).
  std::map<std::string, std::string> imported_from_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_PAGE_CONTAINER_H_
