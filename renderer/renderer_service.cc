#include "renderer/renderer_service.h"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "ipc/shared_buffer.h"
#include "proto/limits.h"
#include "renderer/debug_urls.h"
#include "renderer/thread_cpu_time.h"
#include "sandbox/probes.h"

namespace sandtab::renderer {

using proto::BrowserToRenderer;

RendererService::RendererService(boost::asio::io_context& io, UniqueFd channel, RendererConfig config)
    : io_(io),
      config_(config),
      endpoint_(io, std::move(channel), proto::PROCESS_TYPE_RENDERER),
      link_(endpoint_.channel()),
      fetches_([this](uint64_t request_id, const FetchQueue::Fetch& fetch) {
        link_.RequestFetch(request_id, fetch.url, fetch.kind, navigation_id_);
      }) {}

RendererService::~RendererService() = default;

void RendererService::Start() { endpoint_.Start(this); }

void RendererService::OnEndpointStopped(const std::string&) { io_.stop(); }

void RendererService::OnBrowserMessage(const BrowserToRenderer& message, std::vector<UniqueFd> fds) {
  switch (message.body_case()) {
    case BrowserToRenderer::kSetSurface:
      return OnSetSurface(message.set_surface(), std::move(fds));
    case BrowserToRenderer::kNavigate:
      return OnNavigate(message.navigate());
    case BrowserToRenderer::kFetchResponse:
      return OnFetchResponse(message.fetch_response(), std::move(fds));
    case BrowserToRenderer::kFrameAck:
      return OnFrameAck(message.frame_ack());
    case BrowserToRenderer::kScroll:
      return OnScroll(message.scroll());
    case BrowserToRenderer::kClick:
      return OnClick(message.click());
    case BrowserToRenderer::kProbeSandbox:
      return OnProbeSandbox(message.probe_sandbox());
    case BrowserToRenderer::kWarmUp:
      return OnWarmUp(message.warm_up());
    case BrowserToRenderer::kReleaseSurface:
      return presenter_.Release(message.release_surface().generation());
    case BrowserToRenderer::kEvaluate:  // not handled yet (issue 21)
    case BrowserToRenderer::kKeyPress:
    case BrowserToRenderer::kDumpDom:
    case BrowserToRenderer::kHello:  // the endpoint's
    case BrowserToRenderer::kPing:
    case BrowserToRenderer::BODY_NOT_SET:
      break;
  }
  Stop("unknown message");
}

void RendererService::OnSetSurface(const proto::SetSurface& request, std::vector<UniqueFd> fds) {
  Status adopted = presenter_.Adopt(request, std::move(fds));
  if (!adopted) return Stop("SetSurface: " + adopted.error());
  if (page_) {
    page_->Resize(presenter_.surface()->width(), presenter_.surface()->height());
    document_changed_ = true;  // a new width, a new content height
  }
  SchedulePaint();
}

void RendererService::OnNavigate(const proto::Navigate& navigate) {
  if (IsDebugUrl(navigate.url())) {
    RunDebugUrl(navigate.url(), [this] { link_.PresentFrameOfNoBuffer(presenter_.NextSequence()); });
    return;
  }
  navigation_id_ = navigate.navigation_id();
  requested_scroll_y_ = std::max(0, navigate.scroll_y());
  scroll_y_ = 0;
  page_.reset();
  reported_document_.reset();
  fetches_.Clear();
  fetches_.Request(navigate.url(), proto::FetchRequest::DOCUMENT);
}

void RendererService::OnFetchResponse(const proto::FetchResponse& response, std::vector<UniqueFd> fds) {
  std::optional<FetchQueue::Fetch> fetch = fetches_.TakeAnswered(response.request_id());
  if (!fetch) return;  // for a navigation we already left

  std::string body_from_memory;
  const uint64_t work_start = ThreadCpuNanos();
  std::string_view body = response.body();
  if (!fds.empty()) {
    // Large bodies arrive as a memfd sealed against writes too; check it
    // before mapping it, read-only.
    auto buffer = ipc::SharedBuffer::AdoptFrozen(std::move(fds[0]), response.body_size());
    if (!buffer) return Stop("FetchResponse body: " + buffer.error());
    auto bytes = buffer->bytes();
    body_from_memory.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    body = body_from_memory;
  }
  if (fetch->kind == proto::FetchRequest::DOCUMENT) {
    const Surface* surface = presenter_.surface();
    if (!surface) return Stop("document before surface");
    const std::string& base = response.final_url().empty() ? fetch->url : response.final_url();
    page_ = std::make_unique<Page>(body, base, surface->width(), surface->height(),
                                   SyntaxForMimeType(response.mime_type()));
    RequestSubresources();
    ClampScroll();
    ReportDocument();
    document_changed_ = false;
  } else if (page_) {
    page_->SupplyResource(fetch->url, response.ok(), body);
    RequestSubresources();
    // The scroll clamp and DocumentInfo need the layout: they wait for the
    // end of this turn of the loop, so resources that arrive together (one
    // read can hold many responses) are laid out once.
    document_changed_ = true;
  }
  work_ns_ += ThreadCpuNanos() - work_start;
  SchedulePaint();
}

void RendererService::RequestSubresources() {
  for (const ResourceRequest& request : page_->TakeResourceRequests()) {
    fetches_.Request(request.url, request.kind == ResourceRequest::Kind::kStylesheet ? proto::FetchRequest::STYLESHEET
                                                                                     : proto::FetchRequest::IMAGE);
  }
}

void RendererService::ReportDocument() {
  DocumentReport document = DescribeDocument(*page_, navigation_id_);
  if (reported_document_ && *reported_document_ == document) return;
  link_.ReportDocument(document);
  reported_document_ = std::move(document);
}

void RendererService::ClampScroll() {
  const Surface* surface = presenter_.surface();
  if (!page_ || !surface) return;
  const int max_scroll = std::max(0, page_->ContentHeight() - surface->height());
  // A restored scroll position applies as soon as the page is tall enough.
  if (requested_scroll_y_ > 0) scroll_y_ = requested_scroll_y_;
  if (page_->IsComplete()) requested_scroll_y_ = 0;
  scroll_y_ = std::clamp(scroll_y_, 0, max_scroll);
}

void RendererService::OnFrameAck(const proto::FrameAck& ack) {
  if (!presenter_.Returned(ack.buffer())) return Stop("FrameAck for a buffer the browser does not hold");
  if (presenter_.paint_wanted()) SchedulePaint();
}

void RendererService::OnScroll(const proto::Scroll& scroll) {
  requested_scroll_y_ = 0;
  scroll_y_ += scroll.delta_y();
  ClampScroll();
  SchedulePaint();
}

void RendererService::OnClick(const proto::Click& click) {
  if (!page_) return;
  auto link = page_->LinkAt(click.x(), click.y() + scroll_y_);
  if (!link || link->size() > proto::kMaxUrlBytes) return;  // nowhere the browser could go
  link_.RequestNavigation(*link);
}

void RendererService::OnProbeSandbox(const proto::ProbeSandbox& probe) {
  link_.ReportSandbox(probe.request_id(), config_.sandboxed, sandbox::RunForbiddenProbes(probe.browser_pid()));
}

void RendererService::OnWarmUp(const proto::WarmUp& warm_up) {
  Result<uint64_t> work_us = presenter_.WarmUp(warm_up.generation());
  if (!work_us) return Stop(work_us.error());
  link_.ReportWarmedUp(warm_up.generation(), *work_us);
}

void RendererService::SchedulePaint() {
  presenter_.WantPaint();
  if (paint_scheduled_) return;
  paint_scheduled_ = true;
  // Coalesce: many changes in one turn of the loop make one frame.
  boost::asio::post(io_, [this] {
    paint_scheduled_ = false;
    FlushDocumentChanges();
    Paint();
  });
}

void RendererService::FlushDocumentChanges() {
  // Render-blocked, the page keeps its old document (page.h): nothing to
  // tell until the last stylesheet arrives, which marks it changed again.
  if (!document_changed_ || !page_ || page_->IsRenderBlocked()) return;
  document_changed_ = false;
  const uint64_t work_start = ThreadCpuNanos();
  ClampScroll();
  ReportDocument();
  work_ns_ += ThreadCpuNanos() - work_start;
}

void RendererService::Paint() {
  if (!page_) return;
  std::optional<FrameReport> frame = presenter_.Paint(*page_, scroll_y_, navigation_id_, work_ns_);
  if (!frame) return;
  work_ns_ = 0;
  link_.PresentFrame(*frame, presenter_.solid_bands());
}

}  // namespace sandtab::renderer
