#include "renderer/renderer_service.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "ipc/fetch_body.h"
#include "ipc/shared_buffer.h"
#include "proto/limits.h"
#include "renderer/debug_urls.h"
#include "renderer/script/html_serializer.h"
#include "sandbox/exit_codes.h"
#include "sandbox/probes.h"

namespace sandtab::renderer {

using proto::BrowserToRenderer;

RendererService::RendererService(boost::asio::io_context& io, UniqueFd channel, RendererConfig config,
                                 script::JsEngine* engine)
    : io_(io),
      config_(config),
      endpoint_(io, std::move(channel), proto::PROCESS_TYPE_RENDERER),
      link_(endpoint_.channel()),
      fetches_([this](uint64_t request_id, const FetchQueue::Fetch& fetch) {
        link_.RequestFetch(request_id, fetch.url, fetch.kind, navigation_id_, fetch.post_body);
      }),
      frames_(io, IdleBufferDiscard::kIdle,
              FrameScheduler::Steps{.animation_frame = [this](double now_ms) { RunAnimationFrame(now_ms); },
                                    .frame = [this] { MakeFrame(); },
                                    .discard_back_buffers = [this] { presenter_.DiscardBackBuffers(); }}),
      reporter_([this](const DocumentReport& document) { link_.ReportDocument(document); }),
      script_env_(io, engine, config.virtual_time_budget_ms) {}

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
    case BrowserToRenderer::kMouseMove:
      return OnMouseMove(message.mouse_move());
    case BrowserToRenderer::kProbeSandbox:
      return OnProbeSandbox(message.probe_sandbox());
    case BrowserToRenderer::kWarmUp:
      return OnWarmUp(message.warm_up());
    case BrowserToRenderer::kReleaseSurface:
      return presenter_.Release(message.release_surface().generation());
    case BrowserToRenderer::kEvaluate:
      return OnEvaluate(message.evaluate());
    case BrowserToRenderer::kKeyPress:
      return OnKeyPress(message.key_press());
    case BrowserToRenderer::kDumpDom:
      return OnDumpDom(message.dump_dom());
    case BrowserToRenderer::kStorageChannel:
      return OnStorageChannel(std::move(fds));
    case BrowserToRenderer::kPageVisibility:
      return script_env_.SetHidden(message.page_visibility().hidden(), scripts_.get());
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
    reporter_.MarkChanged();  // a new width, a new content height
  }
  SchedulePaint();
}

void RendererService::OnNavigate(const proto::Navigate& navigate) {
  if (IsDebugUrl(navigate.url())) {
    RunDebugUrl(navigate.url(), [this] { link_.PresentFrameOfNoBuffer(presenter_.NextSequence()); });
    return;
  }
  navigation_id_ = navigate.navigation_id();
  scroll_.Reset(navigate.scroll_y());
  hover_.Reset();  // the browser forgets the old document's link at its commit too
  scripts_.reset();
  page_.reset();
  reporter_.Reset();
  fetches_.Clear();
  fetches_.Request(navigate.url(), proto::FetchRequest::DOCUMENT);
}

void RendererService::OnFetchResponse(const proto::FetchResponse& response, std::vector<UniqueFd> fds) {
  std::optional<FetchQueue::Fetch> fetch = fetches_.TakeAnswered(response.request_id());
  if (!fetch) return;  // for a navigation we already left

  FrameScheduler::WorkTimer work = frames_.TimeWork();
  Result<ipc::ReceivedFetchBody> received = ipc::ReceivedFetchBody::Read(response, fds);
  if (!received) return Stop("FetchResponse body: " + received.error());
  const std::string_view body = received->bytes();
  if (fetch->kind == proto::FetchRequest::DOCUMENT) {
    const Surface* surface = presenter_.surface();
    if (!surface) return Stop("document before surface");
    const std::string& base = response.final_url().empty() ? fetch->url : response.final_url();
    // A scripted document is laid out from its DOM from the start, so that
    // litehtml's boxes name their DOM nodes (hit testing): one parse each.
    if (script_env_.enabled() && PageScripts::HasScripts(body)) CreateScripts(body, base);
    const std::string from_dom = scripts_ ? scripts_->TakeLayoutHtml() : std::string();
    page_ = std::make_unique<Page>(scripts_ ? std::string_view(from_dom) : body, base, surface->width(),
                                   surface->height(), SyntaxForMimeType(response.mime_type()));
    if (scripts_) StartScripts();
    RequestSubresources();
    // Its first frame waits a little for the images its build asks for
    // (FrameScheduler::HoldNextFrameWhile), not for its sheets: until they
    // are in it cannot paint at all.
    frames_.HoldNextFrameWhile([this] { return page_ && !page_->IsRenderBlocked() && !page_->IsComplete(); });
    ClampScroll();
    reporter_.Report(*page_, navigation_id_);
  } else if (fetch->kind == proto::FetchRequest::SCRIPT || fetch->kind == proto::FetchRequest::FETCH) {
    if (scripts_) {
      script::FetchAnswer answer;
      answer.ok = response.ok();
      answer.status = response.ok() ? 200 : 0;
      // A server's error is still a response for fetch() (ok false, its
      // status): only a network error or a refusal rejects. A script that
      // came with an error status is not run (answer.ok stays false).
      if (int status = 0; fetch->kind == proto::FetchRequest::FETCH && !response.ok() &&
                          std::sscanf(response.error().c_str(), "failed: HTTP %d", &status) == 1) {
        answer.ok = true;
        answer.status = status;
      }
      answer.error = response.error();
      answer.body.assign(body);
      answer.mime_type = response.mime_type();
      answer.url = response.final_url().empty() ? fetch->url : response.final_url();
      scripts_->SupplyFetch(fetch->token, answer);
    }
  } else if (page_) {
    page_->SupplyResource(fetch->url, response.ok(), body);
    RequestSubresources();
    // The scroll clamp and DocumentInfo need the layout: they wait for the
    // end of this turn of the loop, so resources that arrive together (one
    // read can hold many responses) are laid out once.
    reporter_.MarkChanged();
  }
  SchedulePaint();
}

void RendererService::RequestSubresources() {
  for (const ResourceRequest& request : page_->TakeResourceRequests()) {
    fetches_.Request(request.url, request.kind == ResourceRequest::Kind::kStylesheet ? proto::FetchRequest::STYLESHEET
                                                                                     : proto::FetchRequest::IMAGE);
  }
  if (scripts_ && page_->IsComplete()) scripts_->SubresourcesComplete();
}

void RendererService::ClampScroll() {
  const Surface* surface = presenter_.surface();
  if (page_ && surface) scroll_.Clamp(page_->ContentHeight(), surface->height(), page_->IsComplete());
}

void RendererService::OnFrameAck(const proto::FrameAck& ack) {
  if (!presenter_.Returned(ack.buffer())) return Stop("FrameAck for a buffer the browser does not hold");
  frames_.BufferReturned();
  if (presenter_.paint_wanted()) SchedulePaint();
}

void RendererService::OnScroll(const proto::Scroll& scroll) {
  scroll_.ScrollBy(scroll.delta_y());
  ClampScroll();
  SchedulePaint();
}

void RendererService::OnClick(const proto::Click& click) {
  if (!page_) return;
  const int x = click.x(), y = click.y() + scroll_.y();
  auto link = page_->LinkAt(x, y);
  if (link && link->size() > proto::kMaxUrlBytes) link.reset();  // nowhere the browser could go
  if (!scripts_) {
    if (link) link_.RequestNavigation(*link);
    return;
  }
  // The page's listeners first: preventDefault() keeps the link from going.
  uint64_t serial = 0;
  if (auto value = page_->AttributeAt(x, y, std::string(script::kLayoutNodeAttribute).c_str())) {
    serial = std::strtoull(value->c_str(), nullptr, 10);
  }
  scripts_->Click(serial, [this, link = std::move(link), navigation = navigation_id_](bool not_canceled) {
    if (not_canceled && link && navigation == navigation_id_) link_.RequestNavigation(*link);
  });
}

void RendererService::OnMouseMove(const proto::MouseMove& move) {
  std::optional<std::string> link;
  if (page_ && move.x() >= 0 && move.y() >= 0) link = page_->LinkAt(move.x(), move.y() + scroll_.y());
  if (auto changed = hover_.Update(link)) link_.ReportHoveredLink(navigation_id_, *changed);
  link_.AckMouseMove();
}

void RendererService::OnProbeSandbox(const proto::ProbeSandbox& probe) {
  link_.ReportSandbox(probe.request_id(), config_.sandboxed,
                      sandbox::RunForbiddenProbes(probe.browser_pid(), config_.jitless));
}

void RendererService::OnWarmUp(const proto::WarmUp& warm_up) {
  const auto start = std::chrono::steady_clock::now();
  Result<uint64_t> painted = presenter_.WarmUp(warm_up.generation());
  if (!painted) return Stop(painted.error());
  // A spare's next document may have scripts: their context is made now,
  // not after the take (given back after the first frame if it has none).
  // Never beside a document's own: SpiderMonkey has one per thread.
  if (!scripts_) script_env_.PrepareContext();
  const auto work_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  link_.ReportWarmedUp(warm_up.generation(), static_cast<uint64_t>(work_us.count()));
}

void RendererService::CreateScripts(std::string_view html, const std::string& url) {
  std::string error;
  scripts_ = script_env_.Create(html, url, this, &error);
  if (!scripts_) OnConsoleLine(script::MakeConsoleLine("error", "scripts could not start: " + error));
}

void RendererService::StartScripts() {
  scripts_->Start();
  if (page_ && page_->IsComplete()) scripts_->SubresourcesComplete();
}

void RendererService::OnEvaluate(const proto::Evaluate& evaluate) {
  const uint64_t id = evaluate.request_id();
  if (!script_env_.enabled())
    return link_.ReportEvalResult(id, false, {}, false, "JavaScript is disabled (--disable-javascript)");
  if (!page_) return link_.ReportEvalResult(id, false, {}, false, "no document yet");
  // A page without scripts gets its context now, for this.
  if (!scripts_) {
    CreateScripts(page_->html(), page_->url());
    if (!scripts_) return link_.ReportEvalResult(id, false, {}, false, "the page's scripts could not start");
    page_->ReplaceHtml(scripts_->TakeLayoutHtml());  // its boxes now name their nodes
    StartScripts();
  }
  scripts_->Evaluate(evaluate.expression(), [this, id](const script::ScriptResult& result) {
    link_.ReportEvalResult(id, result.ok(), result.value, result.value_is_json, result.error);
  });
}

void RendererService::OnKeyPress(const proto::KeyPress& key) {
  if (scripts_) scripts_->PressKey(key.key());
}

void RendererService::OnStorageChannel(std::vector<UniqueFd> fds) {
  if (Status adopted = script_env_.AdoptStorageChannel(std::move(fds)); !adopted) Stop(adopted.error());
}

void RendererService::OnDumpDom(const proto::DumpDom& dump) {
  if (scripts_) return link_.ReportDomDump(dump.request_id(), scripts_->DumpHtml());
  // No scripts ran: the DOM is the document as parsed.
  link_.ReportDomDump(dump.request_id(), page_ ? PageScripts::ParseAndSerialize(page_->html()) : std::string());
}

void RendererService::OnConsoleLine(const script::ConsoleLine& line) {
  if (config_.verbosity > 0)
    std::fprintf(stderr, "sandtab-renderer: console.%s: %s\n", line.level.c_str(), line.text.c_str());
  link_.ReportConsoleLine(navigation_id_, line.level, line.text);
}

void RendererService::OnFrameWanted() { frames_.RequestAnimationFrame(); }

void RendererService::RunAnimationFrame(double now_ms) {
  if (scripts_ && scripts_->RunAnimationFrame(now_ms)) SchedulePaint();
}

void RendererService::OnScriptFatal(const script::ScriptResult& result) {
  if (result.outcome == script::ScriptOutcome::kOutOfMemory) {
    std::fprintf(stderr, "sandtab-renderer: out of memory in a script: %s\n", result.error.c_str());
    std::fflush(stderr);
    ::_exit(sandbox::kExitOutOfMemory);
  }
  // The browser is the authority on hangs: it kills this renderer now,
  // recorded unresponsive, rather than at its hang timeout.
  link_.ReportScriptTimedOut(result.error.empty() ? "a script ran too long" : result.error);
}

void RendererService::OnNavigationRequested(const std::string& url) {
  if (url.size() <= proto::kMaxUrlBytes) link_.RequestNavigation(url);
}

void RendererService::OnFetchWanted(uint64_t token, const std::string& url, proto::FetchRequest::Kind kind,
                                    std::optional<std::string> post_body) {
  const char* refusal = url.size() > proto::kMaxUrlBytes                             ? "URL longer than 2 MiB"
                        : post_body && post_body->size() > proto::kMaxFetchBodyBytes ? "body larger than 1 MiB"
                                                                                     : nullptr;
  if (refusal) {
    script::FetchAnswer answer;
    answer.error = refusal;
    return scripts_->SupplyFetch(token, answer);
  }
  fetches_.Request(url, kind, token, std::move(post_body));
}

void RendererService::OnLoaded() { SchedulePaint(); }

void RendererService::LayOutScriptChanges() {
  if (!scripts_ || !page_ || !scripts_->DomChangedSinceLayout()) return;
  FrameScheduler::WorkTimer work = frames_.TimeWork();
  // In place where litehtml allows it (text, style attributes, the title);
  // a rebuild from the DOM otherwise, or when an in-place change fails.
  static const std::string kAttribute(script::kLayoutNodeAttribute);
  PageScripts::LayoutUpdate update = scripts_->TakeLayoutUpdate();
  bool in_place = !update.rebuild;
  for (const auto& [node, text] : update.texts) {
    in_place = in_place && page_->ReplaceElementText(kAttribute.c_str(), node, text);
  }
  for (const auto& [node, style] : update.styles) {
    in_place = in_place && page_->SetElementStyle(kAttribute.c_str(), node, style);
  }
  if (!in_place) {
    page_->ReplaceHtml(scripts_->TakeLayoutHtml());
    RequestSubresources();
  } else if (update.title) {
    page_->SetTitle(*update.title);
  }
  reporter_.MarkChanged();
}

void RendererService::SchedulePaint() {
  presenter_.WantPaint();
  frames_.SchedulePaint();
}

void RendererService::MakeFrame() {
  LayOutScriptChanges();
  FlushDocumentChanges();
  Paint();
}

void RendererService::FlushDocumentChanges() {
  // Render-blocked, the page keeps its old document (page.h): nothing to
  // tell until the last stylesheet arrives, which marks it changed again.
  if (!reporter_.changed() || !page_ || page_->IsRenderBlocked()) return;
  FrameScheduler::WorkTimer work = frames_.TimeWork();
  ClampScroll();
  reporter_.Report(*page_, navigation_id_);
}

void RendererService::Paint() {
  if (!page_) return;
  std::optional<FrameReport> frame = presenter_.Paint(*page_, scroll_.y(), navigation_id_, frames_.work_ns());
  if (!frame) return;
  // A scripted page has loaded once its load event ran (and its virtual time is spent).
  if (scripts_ && !scripts_->loaded()) frame->loaded = false;
  link_.PresentFrame(*frame, presenter_.solid_bands());
  frames_.FramePresented();
  // A document without scripts does not need the spare's prepared
  // context: its memory goes back once the frame is out.
  if (!scripts_) script_env_.ReleasePreparedContextSoon();
}

}  // namespace sandtab::renderer
