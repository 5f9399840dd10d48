// Page: one HTML document, laid out and painted inside the sandboxed
// renderer. Pull-based: the renderer's main loop takes the resource requests,
// fetches them from the browser, and supplies the bytes back. The Page never
// touches the filesystem or network.
#ifndef SANDTAB_RENDERER_PAGE_PAGE_H_
#define SANDTAB_RENDERER_PAGE_PAGE_H_

#include <cairo.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "renderer/page/resource_store.h"  // ResourceRequest
#include "renderer/page/solid_color_bands.h"
#include "renderer/page/xml_text.h"

namespace litehtml {
class document;
class element;
}  // namespace litehtml

namespace sandtab::renderer {

class PageContainer;

// An <embed type=...> or <object type=...> box, reported to the browser for the plugin broker.
struct EmbedBox {
  std::string mime_type;
  int x, y, width, height;                                  // document coordinates (CSS px), content box
  std::vector<std::pair<std::string, std::string>> params;  // attributes / <param>s

  bool operator==(const EmbedBox&) const = default;
};

class Page {
 public:
  // `html` is the document's bytes (UTF-8); `url` its absolute URL (base for
  // relative refs); `syntax` how it was served (SyntaxForMimeType): an XML
  // document's style sheets are read as an XML parser reads them
  // (xml_text.h). Elements nested deeper than kMaxNestingDepth are put
  // beside one another at that depth, as Chrome does (nesting_guard.h).
  Page(std::string_view html, std::string url, int viewport_width, int viewport_height,
       DocumentSyntax syntax = DocumentSyntax::kHtml);
  ~Page();
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  // Absolute URLs of subresources the document needs and that were not handed
  // out before (each returned once). Call after construction and after every
  // SupplyResource.
  std::vector<ResourceRequest> TakeResourceRequests();
  // A subresource arrived (ok=false: it failed; render without it). A
  // stylesheet rebuilds the document, once no other stylesheet is awaited
  // (until then the page is render-blocked and keeps the document it had,
  // but the @imports of the new sheet are requested at once). An image
  // lays the document out again, lazily: at the next call that needs the
  // layout (painting, sizes, links, embeds), so images supplied together
  // cost one layout.
  void SupplyResource(const std::string& url, bool ok, std::string_view bytes);
  bool IsComplete() const;  // nothing outstanding
  // A stylesheet the document asked for (a <link>, an @import) has neither
  // arrived nor failed. Browsers treat stylesheets as render-blocking: a
  // frame painted now would show the page unstyled and be painted over at
  // once. Images do not block.
  bool IsRenderBlocked() const;
  void Resize(int width, int height);
  int ContentHeight() const;  // for scroll clamping
  // Paints the viewport [scroll_y, scroll_y + height) into `cr`, whose target
  // is an image surface of viewport size. Paints the whole viewport
  // (background first).
  void Paint(cairo_t* cr, int scroll_y);
  // Which bands of that viewport would come out as one solid colour, without
  // painting (solid_color_bands.h). Paint() under a clip to the other bands
  // then paints them exactly as a whole Paint() would.
  void AnalyzeSolidColor(int scroll_y, SolidColorBands& bands);
  // Both, as the renderer paints a frame: analyses into `bands`, then paints
  // every band that is not solid, exactly as Paint() would, and leaves the
  // solid ones untouched (not a byte of their rows is written). Calls
  // `before_rows(first_row, row_count)` for each run of rows it is about to
  // paint, before painting any. Returns whether it painted anything.
  bool PaintExceptSolidBands(cairo_t* cr, int scroll_y, SolidColorBands& bands,
                             const std::function<void(int, int)>& before_rows = nullptr);
  // <title>, whitespace-collapsed, cut to at most `max_bytes` without
  // splitting a UTF-8 character (a message carrying half of one does not
  // parse, and the browser would take it for a bad message).
  std::string Title(size_t max_bytes = std::string::npos) const;
  // Absolute href of the link under the point, if any.
  std::optional<std::string> LinkAt(int x, int y_document) const;
  // The innermost element under the point that carries `attribute`, and
  // that attribute's value (a script's DOM node, PageScripts).
  std::optional<std::string> AttributeAt(int x, int y_document, const char* attribute) const;
  // The document's HTML changed (scripts): parse it again, keeping every
  // subresource already fetched. The fallback of the changes below.
  void ReplaceHtml(std::string_view html);
  // Changes made in litehtml's tree in place, laid out at the next call
  // that needs the layout (about 10 times cheaper than ReplaceHtml). The
  // element is the one whose `attribute` is `value` (PageScripts names
  // each by its node's serial). Each returns false when it cannot be done in
  // place (no such element, preformatted text): the caller rebuilds.
  // The element's children become `text`, split into words as the parser does.
  bool ReplaceElementText(const char* attribute, const std::string& value, const std::string& text);
  // The element's style attribute becomes `style`.
  bool SetElementStyle(const char* attribute, const std::string& value, const std::string& style);
  // document.title.
  void SetTitle(const std::string& title);
  std::vector<EmbedBox> Embeds() const;

  // Additions beyond the renderer's contract:
  const std::string& url() const { return url_; }
  const std::string& html() const { return html_; }  // as litehtml last parsed it
  int LayoutCountForTesting() const { return layout_count_; }

 private:
  void BuildDocument();  // parses html_ again with the stylesheets known now
  // Layout is a cache of the document's geometry: const callers that need
  // it bring it up to date.
  void Layout() const;
  void LayOutIfStale() const;
  void RequestPreloads();
  void RequestImportsOf(const std::string& url);
  std::shared_ptr<litehtml::element> FindElement(const char* attribute, const std::string& value);

  std::string html_;
  const std::string url_;
  int width_;
  int height_;
  mutable int layout_count_ = 0;
  mutable bool layout_stale_ = false;
  ResourceStore store_;
  std::unique_ptr<PageContainer> container_;
  // Declared after the container: the document calls delete_font() on the
  // container when it is destroyed.
  std::shared_ptr<litehtml::document> document_;
  // An empty document that parses a sheet's @imports before the first build.
  std::shared_ptr<litehtml::document> import_scan_document_;
  // FindElement's index of `indexed_attribute_`, built on first use after each BuildDocument.
  std::string indexed_attribute_;
  std::unordered_map<std::string, std::weak_ptr<litehtml::element>> elements_by_attribute_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_PAGE_H_
