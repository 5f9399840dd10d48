#include "renderer/document_report.h"

#include "proto/limits.h"

namespace sandtab::renderer {

DocumentReport DescribeDocument(const Page& page, uint64_t navigation_id) {
  DocumentReport report;
  report.navigation_id = navigation_id;
  report.title = page.Title(proto::kMaxTitleBytes);
  report.content_height = page.ContentHeight();
  size_t param_bytes = 0;
  for (EmbedBox& box : page.Embeds()) {
    if (report.embeds.size() >= static_cast<size_t>(proto::kMaxEmbeds)) break;
    if (!proto::EmbedRectFits(box.x, box.y, box.width, box.height) ||
        box.mime_type.size() > proto::kMaxEmbedTypeBytes) {
      continue;
    }
    EmbedBox& embed = report.embeds.emplace_back();
    embed.mime_type = std::move(box.mime_type);
    embed.x = box.x;
    embed.y = box.y;
    embed.width = box.width;
    embed.height = box.height;
    for (auto& [name, value] : box.params) {
      if (embed.params.size() >= static_cast<size_t>(proto::kMaxEmbedParams)) break;
      const size_t bytes = name.size() + value.size();
      if (bytes > proto::kMaxEmbedParamBytes || param_bytes + bytes > kMaxDocumentReportParamBytes) continue;
      param_bytes += bytes;
      embed.params.emplace_back(std::move(name), std::move(value));
    }
  }
  return report;
}

void DocumentReporter::Reset() {
  last_.reset();
  changed_ = false;
}

void DocumentReporter::Report(const Page& page, uint64_t navigation_id) {
  changed_ = false;
  DocumentReport document = DescribeDocument(page, navigation_id);
  if (last_ && *last_ == document) return;
  send_(document);
  last_ = std::move(document);
}

}  // namespace sandtab::renderer
