#include "renderer/renderer_service.h"

#include <algorithm>

#include <time.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <google/protobuf/util/message_differencer.h>
#include <chrono>
#include <cstdio>

#include "ipc/handshake.h"
#include "ipc/shared_buffer.h"
#include "proto/limits.h"
#include "renderer/debug_urls.h"
#include "renderer/page/warm_up.h"
#include "sandbox/probes.h"

namespace sandtab::renderer {
namespace {

// What this thread has run, in nanoseconds. The renderer's core is shared
// (with the browser, the plugin process, other renderers; in the benchmarks
// all are pinned to one core), so wall time would count their work as this
// page's; FrameReady.work_us is the renderer's own.
uint64_t ThreadCpuNanos() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(now.tv_nsec);
}

// All the params of one DocumentInfo: 64 embeds x 32 params x 64 KiB would
// be 128 MiB, past a frame (16 MiB), and the renderer builds the message
// again (to compare with the last one sent) with every subresource that
// arrives.
constexpr size_t kMaxDocumentInfoParamBytes = 1u << 20;

}  // namespace

using proto::BrowserToRenderer;

RendererService::RendererService(boost::asio::io_context& io, ipc::UniqueFd channel, RendererConfig config)
    : io_(io), channel_(io, std::move(channel), ipc::FdPolicy::kAcceptFds), config_(config) {}

RendererService::~RendererService() = default;

void RendererService::Start() {
  channel_.Start(this);
  auto* hello = channel_.Compose();
  ipc::FillHello(proto::PROCESS_TYPE_RENDERER, hello->mutable_hello());
  channel_.Send(hello);
}

void RendererService::Stop(const std::string& reason) {
  if (exit_reason_.empty()) exit_reason_ = reason;
  channel_.Close();
  io_.stop();
}

void RendererService::OnChannelClosed(ipc::CloseCause, const std::string& reason) {
  Stop("channel closed: " + reason);
}

void RendererService::OnMessage(const BrowserToRenderer& message, std::vector<ipc::UniqueFd> fds) {
  if (!hello_received_) {
    if (message.body_case() != BrowserToRenderer::kHello) return Stop("first message is not Hello");
    Status hello = ipc::CheckHello(message.hello(), proto::PROCESS_TYPE_BROWSER);
    if (!hello) return Stop("Hello: " + hello.error());
    hello_received_ = true;
    return;
  }
  switch (message.body_case()) {
    case BrowserToRenderer::kSetSurface: return OnSetSurface(message.set_surface(), std::move(fds));
    case BrowserToRenderer::kNavigate: return OnNavigate(message.navigate());
    case BrowserToRenderer::kFetchResponse: return OnFetchResponse(message.fetch_response(), std::move(fds));
    case BrowserToRenderer::kFrameAck: return OnFrameAck(message.frame_ack());
    case BrowserToRenderer::kScroll: return OnScroll(message.scroll());
    case BrowserToRenderer::kClick: return OnClick(message.click());
    case BrowserToRenderer::kProbeSandbox: return OnProbeSandbox(message.probe_sandbox());
    case BrowserToRenderer::kWarmUp: return OnWarmUp(message.warm_up());
    case BrowserToRenderer::kReleaseSurface:
      // Unmaps and closes both buffers; the next SetSurface repaints.
      if (surface_ && surface_->generation() == message.release_surface().generation()) surface_.reset();
      paint_wanted_ = true;
      return;
    case BrowserToRenderer::kPing: {
      auto* pong = channel_.Compose();
      pong->mutable_pong()->set_cookie(message.ping().cookie());
      channel_.Send(pong);
      return;
    }
    case BrowserToRenderer::kHello: return Stop("Hello sent twice");
    case BrowserToRenderer::BODY_NOT_SET: break;
  }
  Stop("unknown message");
}

void RendererService::OnSetSurface(const proto::SetSurface& request, std::vector<ipc::UniqueFd> fds) {
  auto surface = Surface::Adopt(std::move(fds), static_cast<int>(request.width()), static_cast<int>(request.height()),
                                static_cast<int>(request.stride()), request.generation(),
                                request.has_held_buffer() ? static_cast<int>(std::min(request.held_buffer(), 2u)) : -1,
                                request.painted_buffers());
  if (!surface) return Stop("SetSurface: " + surface.error());
  surface_ = std::move(*surface);
  if (page_) {
    page_->Resize(surface_->width(), surface_->height());
    document_changed_ = true;  // a new width, a new content height
  }
  SchedulePaint();
}

void RendererService::OnNavigate(const proto::Navigate& navigate) {
  if (IsDebugUrl(navigate.url())) {
    RunDebugUrl(navigate.url(), [this] {
      // A frame for a buffer that does not exist: the browser must kill us.
      auto* bad = channel_.Compose();
      bad->mutable_frame_ready()->set_buffer(7);
      bad->mutable_frame_ready()->set_sequence(++frame_sequence_);
      channel_.Send(bad);
    });
    return;
  }
  navigation_id_ = navigate.navigation_id();
  url_ = navigate.url();
  requested_scroll_y_ = std::max(0, navigate.scroll_y());
  scroll_y_ = 0;
  page_.reset();
  sent_document_info_.reset();
  pending_.clear();
  queued_stylesheets_.clear();
  queued_images_.clear();
  Fetch(url_, proto::FetchRequest::DOCUMENT);
}

void RendererService::OnFetchResponse(const proto::FetchResponse& response, std::vector<ipc::UniqueFd> fds) {
  auto it = pending_.find(response.request_id());
  if (it == pending_.end()) return;  // for a navigation we already left
  PendingFetch fetch = std::move(it->second);
  pending_.erase(it);
  SendQueuedFetches();

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
  if (fetch.kind == proto::FetchRequest::DOCUMENT) {
    if (!surface_) return Stop("document before surface");
    const std::string& base = response.final_url().empty() ? fetch.url : response.final_url();
    page_ = std::make_unique<Page>(body, base, surface_->width(), surface_->height(),
                                   SyntaxForMimeType(response.mime_type()));
    RequestSubresources();
    ClampScroll();
    SendDocumentInfo();
    document_changed_ = false;
  } else if (page_) {
    page_->SupplyResource(fetch.url, response.ok(), body);
    RequestSubresources();
    // The scroll clamp and DocumentInfo need the layout: they wait for the
    // end of this turn of the loop, so resources that arrive together (one
    // read can hold many responses) are laid out once.
    document_changed_ = true;
  }
  work_ns_ += ThreadCpuNanos() - work_start;
  SchedulePaint();
}

void RendererService::SendDocumentInfo() {
  auto* message = channel_.Compose();
  auto* info = message->mutable_document_info();
  info->set_navigation_id(navigation_id_);
  info->set_title(page_->Title(proto::kMaxTitleBytes));
  info->set_content_height(page_->ContentHeight());
  // Where plugins go: the browser creates their instances there. An embed
  // the browser could not host (proto/limits.h) is left out: it gets no
  // plugin, as an unknown type gets none, instead of a message the browser
  // must refuse.
  size_t param_bytes = 0;
  for (const EmbedBox& box : page_->Embeds()) {
    if (info->embeds_size() >= proto::kMaxEmbeds) break;
    if (!proto::EmbedRectFits(box.x, box.y, box.width, box.height) || box.mime_type.size() > proto::kMaxEmbedTypeBytes) {
      continue;
    }
    auto* embed = info->add_embeds();
    embed->set_mime_type(box.mime_type);
    embed->mutable_rect()->set_x(box.x);
    embed->mutable_rect()->set_y(box.y);
    embed->mutable_rect()->set_width(box.width);
    embed->mutable_rect()->set_height(box.height);
    // The first params that fit; a plugin reads the ones it knows.
    for (const auto& [name, value] : box.params) {
      if (embed->params_size() >= proto::kMaxEmbedParams) break;
      const size_t bytes = name.size() + value.size();
      if (bytes > proto::kMaxEmbedParamBytes || param_bytes + bytes > kMaxDocumentInfoParamBytes) continue;
      param_bytes += bytes;
      auto* param = embed->add_params();
      param->set_name(name);
      param->set_value(value);
    }
  }
  // Every image or stylesheet that arrives lays the page out again, and most
  // change nothing the browser keeps: a page of 300 images would send 300
  // copies for the browser to check and match against its plugin instances.
  if (sent_document_info_ && google::protobuf::util::MessageDifferencer::Equals(*info, *sent_document_info_)) return;
  sent_document_info_ = *info;
  channel_.Send(message);
}

void RendererService::ClampScroll() {
  if (!page_ || !surface_) return;
  const int max_scroll = std::max(0, page_->ContentHeight() - surface_->height());
  // A restored scroll position applies as soon as the page is tall enough.
  if (requested_scroll_y_ > 0) scroll_y_ = requested_scroll_y_;
  if (page_->IsComplete()) requested_scroll_y_ = 0;
  scroll_y_ = std::clamp(scroll_y_, 0, max_scroll);
}

void RendererService::OnFrameAck(const proto::FrameAck& ack) {
  if (!surface_ || !surface_->MarkReturned(static_cast<int>(ack.buffer()))) {
    return Stop("FrameAck for a buffer the browser does not hold");
  }
  if (paint_wanted_) SchedulePaint();
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
  // The browser decides whether and where to go.
  auto* message = channel_.Compose();
  message->mutable_navigate_request()->set_url(*link);
  channel_.Send(message);
}

void RendererService::OnProbeSandbox(const proto::ProbeSandbox& probe) {
  auto* message = channel_.Compose();
  auto* report = message->mutable_sandbox_report();
  report->set_request_id(probe.request_id());
  report->set_layer2_engaged(config_.sandboxed);
  for (const auto& result : sandbox::RunForbiddenProbes(probe.browser_pid())) {
    auto* outcome = report->add_probes();
    outcome->set_name(result.name);
    outcome->set_denied(result.denied);
    outcome->set_error_number(result.error);
    outcome->set_detail(result.detail);
  }
  channel_.Send(message);
}

// A spare renderer, before any tab: fault in and paint every buffer it owns
// once, so the first real frame runs warm (on these VMs the first touch of a
// page in a process costs several microseconds; a 1280x800 buffer has 1,000).
void RendererService::OnWarmUp(const proto::WarmUp& warm_up) {
  if (!surface_ || surface_->generation() != warm_up.generation()) return Stop("WarmUp without that surface");
  const auto start = std::chrono::steady_clock::now();
  for (int buffer = 0; buffer < 2; ++buffer) {
    if (!surface_->Owns(buffer)) continue;
    surface_->PrefaultRows(buffer, 0, surface_->height());
    PaintWarmUpPage(surface_->CairoSurface(buffer), surface_->width(), surface_->height());
  }
  auto* message = channel_.Compose();
  message->mutable_warmed_up()->set_generation(warm_up.generation());
  message->mutable_warmed_up()->set_work_us(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count()));
  channel_.Send(message);
}

void RendererService::SchedulePaint() {
  paint_wanted_ = true;
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
  SendDocumentInfo();
  work_ns_ += ThreadCpuNanos() - work_start;
}

void RendererService::Paint() {
  if (!surface_ || !page_ || !paint_wanted_) return;
  // Wait for the stylesheets (each ends, arrived or failed, within the
  // browser's fetch timeout); their arrival schedules this paint again.
  if (page_->IsRenderBlocked()) return;
  const int buffer = surface_->FreeBuffer();
  if (buffer < 0) return;  // the next FrameAck paints
  paint_wanted_ = false;
  const uint64_t paint_start = ThreadCpuNanos();
  // Solid-colour bands are left alone (their pages untouched); the browser
  // fills them. Only the rows about to be painted are prefaulted.
  cairo_surface_t* target = surface_->CairoSurface(buffer);
  cairo_t* cr = cairo_create(target);
  page_->PaintExceptSolidBands(cr, scroll_y_, solid_bands_, [this, buffer](int first_row, int rows) {
    surface_->PrefaultRows(buffer, first_row, rows);
  });
  cairo_destroy(cr);
  cairo_surface_flush(target);
  surface_->MarkPresented(buffer);

  auto* message = channel_.Compose();
  auto* frame = message->mutable_frame_ready();
  for (int band = 0; band < solid_bands_.band_count(); ++band) {
    if (!solid_bands_.IsSolid(band)) continue;
    const uint32_t pixel = solid_bands_.Pixel(band);
    const int rows = solid_bands_.BandRows(band);
    auto& runs = *frame->mutable_solid_rows();
    // Neighbouring bands of one colour make one run.
    if (!runs.empty() && runs.rbegin()->argb() == pixel &&
        runs.rbegin()->first_row() + runs.rbegin()->row_count() == static_cast<uint32_t>(solid_bands_.BandTop(band))) {
      runs.rbegin()->set_row_count(runs.rbegin()->row_count() + static_cast<uint32_t>(rows));
      continue;
    }
    auto* run = frame->add_solid_rows();
    run->set_first_row(static_cast<uint32_t>(solid_bands_.BandTop(band)));
    run->set_row_count(static_cast<uint32_t>(rows));
    run->set_argb(pixel);
  }
  frame->set_buffer(static_cast<uint32_t>(buffer));
  frame->mutable_damage()->set_width(surface_->width());
  frame->mutable_damage()->set_height(surface_->height());
  frame->set_sequence(++frame_sequence_);
  frame->set_navigation_id(navigation_id_);
  frame->set_scroll_y(scroll_y_);
  frame->set_loaded(page_->IsComplete());
  frame->set_generation(surface_->generation());
  work_ns_ += ThreadCpuNanos() - paint_start;
  frame->set_work_us(work_ns_ / 1000);
  work_ns_ = 0;
  channel_.Send(message);
}

}  // namespace sandtab::renderer
