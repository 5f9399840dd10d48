#include "browser/tab/tab.h"

#include <boost/asio/post.hpp>

#include "browser/common/browser_config.h"
#include "browser/common/trace_recorder.h"
#include "browser/loader/resource_loader.h"
#include "browser/loader/site.h"
#include "browser/loader/url.h"
#include "browser/process/sandbox_report.h"
#include "proto/limits.h"

namespace sandtab::browser {

const char* TabStateName(TabState state) {
  switch (state) {
    case TabState::kLaunching:
      return "launching";
    case TabState::kLoading:
      return "loading";
    case TabState::kLoaded:
      return "loaded";
    case TabState::kCrashed:
      return "crashed";
    case TabState::kCrashLoop:
      return "crash-loop";
    case TabState::kClosed:
      return "closed";
  }
  return "unknown";
}

Tab::Tab(int id, TabContext& context, std::unique_ptr<FrameSink> sink)
    : id_(id),
      context_(context),
      sink_(std::move(sink)),
      fetches_(id, context.io, context.loader, FetchHooks()),
      plugins_(id, context.plugins),
      waiters_(context.io),
      scripts_(context.io, context.config.enable_logging),
      keeper_(id, context, *sink_, static_cast<RendererHost::Client*>(this),
              static_cast<RendererKeeper::Delegate*>(this)) {}

Tab::~Tab() { Close(); }

TabFetches::Hooks Tab::FetchHooks() {
  TabFetches::Hooks hooks;
  hooks.asker = [this]() -> std::optional<TabFetches::Asker> {
    if (!host()) return std::nullopt;
    return TabFetches::Asker{keeper_.generation(), navigation_id_};
  };
  hooks.renderer.unread = [this] { return unread_attachments(); };
  hooks.renderer.send = [this](uint64_t request_id, FetchResult result) {
    if (host()) host()->AnswerFetch(request_id, std::move(result));
  };
  hooks.renderer.bad_message = [this](const std::string& reason) {
    if (host()) host()->ReportBadMessage(reason);
  };
  hooks.document_failed = [this](std::string error) { document_.error = std::move(error); };
  hooks.check_document = [this](const std::string& url) {
    return keeper_.lock().CheckDocument(SiteOf(url), "FetchRequest: DOCUMENT");
  };
  hooks.landed_elsewhere = [this](const std::string& final_url) { return LandedElsewhere(final_url); };
  hooks.sandbox_page = [this](TabFetches::PageCallback page) {
    RequestSandboxReport(
        [this, page = std::move(page)](const proto::SandboxReport* report) { page(SandboxReportHtml(pid(), report)); });
  };
  return hooks;
}

ProcessUse Tab::RendererUse() {
  ProcessUse use;
  use.role = ProcessRole::kRenderer;
  use.tab = id_;
  use.state = [this] { return std::string(TabStateName(state_)); };
  use.site = [this] { return site_lock(); };
  return use;
}

bool Tab::painted() const { return state_ == TabState::kLoaded && sink_->has_frame() && plugins_.AllPainted(); }

bool Tab::CanReleaseSurface() const { return !sink_->released() && ready_host() && state_ == TabState::kLoaded; }

void Tab::ReleaseSurface(bool keep_frame) {
  if (!CanReleaseSurface()) return;
  host()->ReleaseSurface(sink_->generation());
  sink_->Release(keep_frame);
  // A background tab has nothing to do until it is used again, and any use
  // sends it work, which brings the pings back to one per timeout. Pinging
  // hundreds of them every timeout was most of an idle browser's CPU.
  host()->SetIdlePingInterval(context_.hang_timeout * kBackgroundPingFactor);
}

void Tab::RestoreSurface() {
  if (!sink_->released()) return;
  if (Status restored = sink_->Restore(); !restored) return;  // stays released; a later use retries
  if (!host() || !host()->ready()) return;
  host()->SetIdlePingInterval(context_.hang_timeout);
  host()->SendSurface(*sink_);
}

void Tab::OnPluginsChanged() {
  context_.TabChanged(id_);
  if (painted()) waiters_.NotifyAll(true);
}

void Tab::Navigate(const std::string& url) {
  history_.Push(url);
  Reload();
}

void Tab::Reload() {
  if (host()) return CommitNavigation();
  // No renderer: the one on its way commits the current entry once ready.
  // A first start or a sad tab: the user asked, so start over whatever the
  // crash policy had decided.
  keeper_.StartOver();
}

bool Tab::Back() {
  if (!history_.Back()) return false;
  CommitNavigation();
  return true;
}

bool Tab::Forward() {
  if (!history_.Forward()) return false;
  CommitNavigation();
  return true;
}

Site Tab::SiteOf(const std::string& url) const { return SiteForSpec(url, context_.config.content_root); }

void Tab::CommitNavigation() {
  if (!host() || !host()->ready()) return;  // OnRendererReady commits
  const Site site = SiteOf(history_.current_url());
  if (keeper_.lock().NeedsNewProcess(site)) {
    // What the old renderer was asked is answered by nobody now; its
    // document stays on screen until the new renderer paints.
    fetches_.DropOutstanding();
    scripts_.FailOutstanding("the tab navigated before the answer came");
    sandbox_questions_.FailAll();
    // The new renderer (now if it is the spare, else once ready) commits.
    return keeper_.SwapProcess();
  }
  keeper_.lock().Commit(site);
  // A tab that gave its pixels back (the surface budget) loads only once it
  // paints: a navigation is a use, so it gets a surface again, and the
  // budget takes it back later if the tab stays in the background.
  RestoreSurface();
  ++navigation_id_;
  state_ = TabState::kLoading;
  document_ = Document{};
  document_.navigation_start = std::chrono::steady_clock::now();
  if (context_.trace) context_.trace->Instant("Navigate", host()->pid(), history_.current_url());
  plugins_.DestroyAll();
  scripts_.FailOutstanding("the tab navigated before the answer came");
  // The previous navigation's answers are dropped when they come (their
  // navigation id is stale), so they must not stay counted against the
  // renderer's limit of outstanding requests.
  fetches_.DropOutstanding();
  fetches_.grants().Reset();
  document_.scroll_y = history_.current_scroll();
  host()->Navigate(navigation_id_, history_.current_url(), document_.scroll_y);
  context_.TabChanged(id_);
}

bool Tab::LandedElsewhere(const std::string& final_url) {
  if (!keeper_.lock().NeedsNewProcess(SiteOf(final_url))) return false;
  if (context_.trace) context_.trace->Instant("CrossSiteRedirect", pid(), final_url);
  history_.ReplaceCurrentUrl(final_url);
  CommitNavigation();
  return true;
}

void Tab::Scroll(int delta_y) {
  if (host() && host()->ready()) host()->Scroll(delta_y);
}

void Tab::Click(int x, int y) {
  // Clicks inside a plugin instance go to its plugin, not to the renderer.
  if (plugins_.RouteClick(x, int64_t{y} + document_.scroll_y)) return;
  if (host() && host()->ready()) host()->Click(x, y);
}

void Tab::MovePointer(int x, int y) {
  if (ready_host()) ready_host()->MovePointer(x, y);
}

Status Tab::OnHoveredLink(uint64_t navigation_id, std::string shown) {
  if (navigation_id > navigation_id_) return Error{"HoveredLink: navigation that never started"};
  // A link of the document we left is no longer under the pointer.
  if (navigation_id < navigation_id_ || shown == document_.hovered_link) return OkStatus();
  document_.hovered_link = std::move(shown);
  context_.TabChanged(id_);
  return OkStatus();
}

Status Tab::ResizeViewport(int width, int height) {
  if (width == sink_->width() && height == sink_->height()) return OkStatus();
  TRY(sink_->Resize(width, height));
  if (!sink_->released() && host() && host()->ready()) host()->SendSurface(*sink_);
  context_.TabChanged(id_);
  return OkStatus();
}

void Tab::RunDebugUrl(const std::string& url) {
  if (!host() || !host()->ready()) return;
  // As on a tab in view: a frame into a released surface is stale, not
  // hostile (FrameSink::Present), so about:badmessage would be ignored and
  // the tab left loading.
  RestoreSurface();
  // The current document is left behind: `wait` now waits for whatever the
  // fault leads to (normally a restored page).
  state_ = TabState::kLoading;
  fetches_.grants().Reset();
  scripts_.FailOutstanding("the tab navigated before the answer came");
  host()->Navigate(++navigation_id_, url);
}

void Tab::KillRenderer() {
  if (!host() || !host()->alive()) return;
  // Not "loaded" any more from this moment: a `wait` now waits for the
  // restored page, not for the reaper to notice the death.
  state_ = TabState::kLoading;
  if (context_.trace) context_.trace->Instant("KillRenderer", host()->pid(), "tab " + std::to_string(id_));
  host()->Kill(proto::DeathRecord::KILLED_BY_USER, "kill from the shell");
}

void Tab::Close() {
  if (state_ == TabState::kClosed) return;
  state_ = TabState::kClosed;
  plugins_.DestroyAll();
  fetches_.DropOutstanding();
  scripts_.FailOutstanding("tab closed");
  keeper_.Close();
  waiters_.NotifyAll(false);
  sandbox_questions_.FailAll();
}

void Tab::WaitUntilPainted(double seconds, WaitCallback callback) {
  RestoreSurface();
  if (painted()) {
    boost::asio::post(context_.io, [callback = std::move(callback)] { callback(true); });
    return;
  }
  waiters_.Add(std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000)), std::move(callback));
}

void Tab::RequestSandboxReport(SandboxCallback callback) {
  if (!host() || !host()->ready()) return callback(nullptr);
  host()->ProbeSandbox(sandbox_questions_.Ask(std::move(callback)));
}

void Tab::Evaluate(const std::string& expression, TabScripts::EvalCallback done) {
  scripts_.Evaluate(ready_host(), expression, std::move(done));
}

void Tab::DumpDom(TabScripts::DumpCallback done) { scripts_.DumpDom(ready_host(), std::move(done)); }

Status Tab::PressKey(const std::string& key) {
  if (key.empty() || key.size() > proto::kMaxKeyBytes) return Error{"a key is 1 to 32 bytes"};
  if (!ready_host()) return Error{"the tab has no running renderer"};
  ready_host()->PressKey(key);
  return OkStatus();
}

// ------------------------------------------------------------- renderer events

void Tab::OnRendererReady() {
  if (Status restored = sink_->Restore(); !restored) {
    return host()->Kill(proto::DeathRecord::LAUNCH_FAILED, "surface: " + restored.error());
  }
  host()->SendSurface(*sink_);
  StartRenderer();
}

void Tab::StartRenderer() {
  if (activity_.hidden()) host()->SetPageHidden(true);
  ConnectStorage();
  CommitNavigation();
}

void Tab::SetHidden(bool hidden) {
  if (!activity_.SetHidden(hidden)) return;
  if (RendererHost* renderer = ready_host()) renderer->SetPageHidden(hidden);
}

void Tab::ConnectStorage() {
  storage_.reset();
  if (!context_.storage || !host()) return;
  RendererHost* renderer = host();
  RendererStorage::Hooks hooks;
  // The process's lock, not its document: a renderer's data are its site's
  // for the process's whole life (Chrome's CanAccessDataForOrigin).
  hooks.site = [this] { return LockedSite(); };
  hooks.bad_message = [this, renderer](const std::string& reason) {
    if (host() == renderer) renderer->ReportBadMessage(reason);
  };
  auto created = RendererStorage::Create(context_.io, *context_.storage, std::move(hooks));
  if (!created) return renderer->Kill(proto::DeathRecord::LAUNCH_FAILED, created.error());
  storage_ = std::move(created->first);
  renderer->SendStorageChannel(std::move(created->second));
}

Status Tab::OnFetchRequest(const proto::FetchRequest& request) { return fetches_.OnRequest(request, history_); }

Status Tab::OnFrameReady(const proto::FrameReady& frame) {
  if (frame.navigation_id() > navigation_id_) return Error{"FrameReady: navigation that never started"};
  auto to_ack =
      sink_->Present({frame.buffer(), frame.generation(), frame.sequence(), frame.damage(), &frame.solid_rows()});
  if (!to_ack) return Error{"FrameReady: " + to_ack.error()};
  if (*to_ack >= 0) host()->AckFrame(static_cast<uint32_t>(*to_ack));
  context_.TabChanged(id_);  // a viewer draws later, from the loop
  if (frame.navigation_id() == navigation_id_) {
    document_.render_work_us += std::min<uint64_t>(frame.work_us(), 60'000'000);
    document_.scroll_y = std::max(0, frame.scroll_y());
    history_.set_current_scroll(document_.scroll_y);
    if (context_.trace && context_.trace->recording()) {  // a string per frame only when someone reads it
      context_.trace->Instant("FrameReady", host()->pid(),
                              "renderer's work " + std::to_string(frame.work_us()) + " us of CPU");
    }
    if (frame.loaded() && state_ == TabState::kLoading) {
      state_ = TabState::kLoaded;
      if (context_.trace) {
        context_.trace->Complete("Navigation to loaded", host()->pid(), document_.navigation_start,
                                 history_.current_url());
      }
    }
    if (painted()) waiters_.NotifyAll(true);  // last: a waiter may close the tab
  }
  return OkStatus();
}

Status Tab::OnDocumentInfo(const proto::DocumentInfo& info) {
  if (info.navigation_id() > navigation_id_) return Error{"DocumentInfo: navigation that never started"};
  if (info.title().size() > proto::kMaxTitleBytes) return Error{"DocumentInfo: title longer than 1 KiB"};
  if (info.navigation_id() < navigation_id_) return OkStatus();
  if (context_.trace) {
    context_.trace->Instant(
        "DocumentInfo", host()->pid(),
        std::to_string(info.content_height()) + " px tall, " + std::to_string(info.embeds_size()) + " embeds");
  }
  document_.title = info.title();
  document_.content_height = std::max(0, info.content_height());
  context_.TabChanged(id_);
  return plugins_.Update(info);
}

Status Tab::OnNavigateRequest(const proto::NavigateRequest& request) {
  if (request.url().size() > proto::kMaxUrlBytes) return Error{"NavigateRequest: URL longer than 2 MiB"};
  // A link click. The browser decides, before anything enters history: the
  // renderer's grants first (RendererGrants: no file:, about: or debug URL
  // from a web page; a refusal is dropped, the tab stays), then the same
  // loader policy as any other navigation, with Private Network Access
  // bound to the clicking document's address space (a refusal there is an
  // error page).
  const RendererGrants& grants = fetches_.grants();
  auto url = ParseUrl(request.url());
  RendererGrants::Decision decision =
      url ? grants.MayNavigate(*url) : RendererGrants::Decision{false, "URL must parse", url.error()};
  if (!decision.allowed) {
    context_.loader.RecordDecision(id_, request.url(), decision.rule,
                                   "refused renderer-initiated navigation: " + decision.detail);
    return OkStatus();
  }
  history_.Push(request.url(), grants.address_space());
  Reload();
  return OkStatus();
}

Status Tab::OnSandboxReport(const proto::SandboxReport& report) { return sandbox_questions_.OnReport(report); }

void Tab::OnRendererGone(const proto::DeathRecord& death) {
  plugins_.DestroyAll();  // the restored page lays them out again
  fetches_.DropOutstanding();
  sandbox_questions_.FailAll();
  scripts_.OnRendererGone();
  document_.hovered_link.clear();  // its page took no more moves
  state_ = keeper_.OnGone(death) ? TabState::kCrashed : TabState::kCrashLoop;
  context_.TabChanged(id_);
}

}  // namespace sandtab::browser
