#ifndef SANDTAB_RENDERER_DOCUMENT_REPORT_H_
#define SANDTAB_RENDERER_DOCUMENT_REPORT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "renderer/page/page.h"

namespace sandtab::renderer {

// What the browser keeps of a laid-out document (DocumentInfo): its title,
// its height for scrolling, and where plugins go.
struct DocumentReport {
  uint64_t navigation_id = 0;
  std::string title;
  int content_height = 0;
  std::vector<EmbedBox> embeds;  // only those the browser can host

  bool operator==(const DocumentReport&) const = default;
};

// All the params of one report: 64 embeds x 32 params x 64 KiB would be
// 128 MiB, past a frame (16 MiB), and the renderer describes the document
// again (to compare with the last report) with every subresource that
// arrives.
inline constexpr size_t kMaxDocumentReportParamBytes = 1u << 20;

// Describes `page` within the browser's limits (proto/limits.h). An embed the
// browser could not host is left out: it gets no plugin, as an unknown type
// gets none, instead of a message the browser must refuse. Of an embed's
// params, the first that fit are kept; a plugin reads the ones it knows.
DocumentReport DescribeDocument(const Page& page, uint64_t navigation_id);

// Tells the browser about the document only when it would say something
// new: every image or stylesheet that arrives lays the page out again, and
// most change nothing the browser keeps (a page of 300 images would send
// 300 copies for the browser to check and match against its plugin
// instances). Changes are marked as they happen and flushed once a turn.
class DocumentReporter {
 public:
  using Send = std::function<void(const DocumentReport&)>;
  explicit DocumentReporter(Send send) : send_(std::move(send)) {}

  // A new navigation: its first description goes out whatever the last was.
  void Reset();
  // Something that may change the description happened (a resource, a
  // resize, a script's change).
  void MarkChanged() { changed_ = true; }
  bool changed() const { return changed_; }
  // Describes `page` and sends it unless equal to the last sent; clears
  // the mark.
  void Report(const Page& page, uint64_t navigation_id);

 private:
  Send send_;
  std::optional<DocumentReport> last_;  // of this navigation
  bool changed_ = false;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_DOCUMENT_REPORT_H_
