#include "renderer/browser_link.h"

#include "base/utf8.h"
#include "proto/limits.h"

namespace sandtab::renderer {

void BrowserLink::RequestFetch(uint64_t request_id, const std::string& url, proto::FetchRequest::Kind kind,
                               uint64_t navigation_id, const std::optional<std::string>& post_body) {
  auto* message = channel_.Compose();
  auto* request = message->mutable_fetch_request();
  request->set_request_id(request_id);
  request->set_url(url);
  request->set_kind(kind);
  request->set_navigation_id(navigation_id);
  if (post_body) {
    request->set_method("POST");
    request->set_body(*post_body);
  }
  channel_.Send(message);
}

void BrowserLink::PresentFrame(const FrameReport& report, const SolidColorBands& solid_bands) {
  auto* message = channel_.Compose();
  auto* frame = message->mutable_frame_ready();
  for (int band = 0; band < solid_bands.band_count(); ++band) {
    if (!solid_bands.IsSolid(band)) continue;
    const uint32_t pixel = solid_bands.Pixel(band);
    const int rows = solid_bands.BandRows(band);
    auto& runs = *frame->mutable_solid_rows();
    if (!runs.empty() && runs.rbegin()->argb() == pixel &&
        runs.rbegin()->first_row() + runs.rbegin()->row_count() == static_cast<uint32_t>(solid_bands.BandTop(band))) {
      runs.rbegin()->set_row_count(runs.rbegin()->row_count() + static_cast<uint32_t>(rows));
      continue;
    }
    auto* run = frame->add_solid_rows();
    run->set_first_row(static_cast<uint32_t>(solid_bands.BandTop(band)));
    run->set_row_count(static_cast<uint32_t>(rows));
    run->set_argb(pixel);
  }
  frame->set_buffer(report.buffer);
  frame->mutable_damage()->set_width(report.width);
  frame->mutable_damage()->set_height(report.height);
  frame->set_sequence(report.sequence);
  frame->set_navigation_id(report.navigation_id);
  frame->set_scroll_y(report.scroll_y);
  frame->set_loaded(report.loaded);
  frame->set_generation(report.generation);
  frame->set_work_us(report.work_us);
  channel_.Send(message);
}

void BrowserLink::PresentFrameOfNoBuffer(uint64_t sequence) {
  auto* message = channel_.Compose();
  message->mutable_frame_ready()->set_buffer(7);  // only 0 and 1 exist
  message->mutable_frame_ready()->set_sequence(sequence);
  channel_.Send(message);
}

void BrowserLink::ReportDocument(const DocumentReport& document) {
  auto* message = channel_.Compose();
  auto* info = message->mutable_document_info();
  info->set_navigation_id(document.navigation_id);
  info->set_title(document.title);
  info->set_content_height(document.content_height);
  for (const EmbedBox& box : document.embeds) {
    auto* embed = info->add_embeds();
    embed->set_mime_type(box.mime_type);
    embed->mutable_rect()->set_x(box.x);
    embed->mutable_rect()->set_y(box.y);
    embed->mutable_rect()->set_width(box.width);
    embed->mutable_rect()->set_height(box.height);
    for (const auto& [name, value] : box.params) {
      auto* param = embed->add_params();
      param->set_name(name);
      param->set_value(value);
    }
  }
  channel_.Send(message);
}

void BrowserLink::RequestNavigation(const std::string& url) {
  auto* message = channel_.Compose();
  message->mutable_navigate_request()->set_url(url);
  channel_.Send(message);
}

void BrowserLink::ReportHoveredLink(uint64_t navigation_id, const std::string& url) {
  auto* message = channel_.Compose();
  message->mutable_hovered_link()->set_navigation_id(navigation_id);
  message->mutable_hovered_link()->set_url(url);
  channel_.Send(message);
}

void BrowserLink::AckMouseMove() {
  auto* message = channel_.Compose();
  message->mutable_mouse_move_ack();
  channel_.Send(message);
}

void BrowserLink::ReportSandbox(uint64_t request_id, bool layer2_engaged,
                                const std::vector<sandbox::ProbeResult>& probes) {
  auto* message = channel_.Compose();
  auto* report = message->mutable_sandbox_report();
  report->set_request_id(request_id);
  report->set_layer2_engaged(layer2_engaged);
  for (const auto& result : probes) {
    auto* outcome = report->add_probes();
    outcome->set_name(result.name);
    outcome->set_denied(result.denied);
    outcome->set_error_number(result.error);
    outcome->set_detail(result.detail);
  }
  channel_.Send(message);
}

void BrowserLink::ReportWarmedUp(uint64_t generation, uint64_t work_us) {
  auto* message = channel_.Compose();
  message->mutable_warmed_up()->set_generation(generation);
  message->mutable_warmed_up()->set_work_us(work_us);
  channel_.Send(message);
}

void BrowserLink::ReportConsoleLine(uint64_t navigation_id, const std::string& level, const std::string& text) {
  auto* message = channel_.Compose();
  auto* line = message->mutable_console_message();
  line->set_navigation_id(navigation_id);
  line->set_level(level);
  std::string bounded = text;
  CutUtf8(bounded, proto::kMaxConsoleTextBytes);
  line->set_text(bounded);
  channel_.Send(message);
}

void BrowserLink::ReportEvalResult(uint64_t request_id, bool ok, const std::string& value, bool value_is_json,
                                   const std::string& error) {
  auto* message = channel_.Compose();
  auto* result = message->mutable_eval_result();
  result->set_request_id(request_id);
  result->set_ok(ok);
  if (ok && value.size() > proto::kMaxEvalResultBytes) {
    result->set_ok(false);
    result->set_error("the result is larger than 1 MiB");
  } else if (ok) {
    result->set_value(value);
    result->set_value_is_json(value_is_json);
  } else {
    std::string bounded = error;
    CutUtf8(bounded, proto::kMaxEvalResultBytes);
    result->set_error(bounded);
  }
  channel_.Send(message);
}

void BrowserLink::ReportDomDump(uint64_t request_id, std::string html) {
  CutUtf8(html, proto::kMaxDomDumpBytes);
  auto* message = channel_.Compose();
  message->mutable_dom_dump()->set_request_id(request_id);
  message->mutable_dom_dump()->set_html(std::move(html));
  channel_.Send(message);
}

void BrowserLink::ReportScriptTimedOut(const std::string& detail) {
  auto* message = channel_.Compose();
  std::string bounded = detail;
  CutUtf8(bounded, 1024);
  message->mutable_script_timed_out()->set_detail(bounded);
  channel_.Send(message);
}

}  // namespace sandtab::renderer
