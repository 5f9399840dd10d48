#include "browser/tab/tab.h"

#include <boost/asio/post.hpp>
#include <cstring>

#include "browser/common/browser_config.h"
#include "browser/process/child_launcher.h"
#include "browser/process/child_reaper.h"
#include "browser/process/death_classifier.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/tab/renderer_launch.h"
#include "browser/tab/spare_renderer.h"
#include "browser/common/trace_recorder.h"
#include "browser/loader/resource_loader.h"
#include "browser/process/sandbox_report.h"
#include "browser/loader/url.h"
#include "ipc/shared_buffer.h"
#include "proto/limits.h"

namespace sandtab::browser {

namespace {

// A tab without a surface (see TabManager's --max-surfaces) is pinged this
// many hang timeouts apart while idle: 30 s by default.
constexpr int kBackgroundPingFactor = 6;


}  // namespace

const char* TabStateName(TabState state) {
  switch (state) {
    case TabState::kLaunching: return "launching";
    case TabState::kLoading: return "loading";
    case TabState::kLoaded: return "loaded";
    case TabState::kCrashed: return "crashed";
    case TabState::kCrashLoop: return "crash-loop";
    case TabState::kClosed: return "closed";
  }
  return "unknown";
}

Tab::Tab(int id, TabContext& context, std::unique_ptr<FrameSink> sink)
    : id_(id),
      context_(context),
      sink_(std::move(sink)),
      body_pacer_(context.io,
                  {[this] { return unread_attachments(); },
                   [this](uint64_t request_id, FetchResult result) {
                     if (host_) host_->AnswerFetch(request_id, std::move(result));
                   },
                   [this](const std::string& reason) {
                     if (host_) host_->ReportBadMessage(reason);
                   }}),
      crash_policy_(context.crash_policy),
      restart_timer_(context.io) {}

Tab::~Tab() { Close(); }

void Tab::StartRenderer() {
  if (context_.spare && AdoptSpareRenderer()) return;
  LaunchRequest request = RendererLaunchRequest(context_.config);
  state_ = TabState::kLaunching;
  launching_ = true;
  const uint64_t generation = ++host_generation_;
  context_.launcher.Launch(request, [this, alive = std::weak_ptr<int>(alive_), generation,
                                     &reaper = context_.reaper](Result<LaunchedChild> child) {
    if (!alive.lock() || generation != host_generation_ || state_ == TabState::kClosed) {
      if (child) DiscardLaunchedChild(*child, reaper);
      return;
    }
    launching_ = false;
    if (!child) return OnRendererGone(LaunchFailedRecord(child.error()));
    if (context_.trace) context_.trace->Instant("RendererLaunched", child->pid, "tab " + std::to_string(id_));
    host_ = std::make_unique<RendererHost>(context_.io, context_.reaper, context_.processes, std::move(*child),
                                           context_.config.enable_logging, context_.hang_timeout,
                                           static_cast<RendererHost::Client*>(this));
    host_->SetUse(RendererUse());
  });
}

ProcessUse Tab::RendererUse() {
  ProcessUse use;
  use.role = ProcessRole::kRenderer;
  use.tab = id_;
  use.state = [this] { return std::string(TabStateName(state_)); };
  return use;
}

// A spare renderer (--spare-renderer) is forked, sandboxed, past its Hello
// and warmed up on a surface of its own already: the tab takes it with that
// surface (its last frame stays shown until the first new one) and has only
// to navigate.
bool Tab::AdoptSpareRenderer() {
  auto spare = context_.spare->Take(sink_->width(), sink_->height());
  if (!spare) return false;
  ++host_generation_;
  launching_ = false;
  sink_->AdoptSurface(std::move(*spare->surface));
  host_ = std::move(spare->host);
  host_->set_client(this);
  host_->SetUse(RendererUse());
  host_->SetIdlePingInterval(context_.hang_timeout);
  if (context_.trace) context_.trace->Instant("SpareRendererTaken", host_->pid(), "tab " + std::to_string(id_));
  CommitNavigation();
  return true;
}

bool Tab::painted() const {
  return state_ == TabState::kLoaded && sink_->has_frame() &&
         (!context_.plugins || context_.plugins->TabPluginsPainted(id_));
}

void Tab::ReleaseSurface() {
  if (sink_->released() || !host_ || !host_->ready() || state_ != TabState::kLoaded) return;
  host_->ReleaseSurface(sink_->generation());
  sink_->Release();
  // A background tab has nothing to do until it is used again, and any use
  // sends it work, which brings the pings back to one per timeout. Pinging
  // hundreds of them every timeout was most of an idle browser's CPU.
  host_->SetIdlePingInterval(context_.hang_timeout * kBackgroundPingFactor);
}

void Tab::RestoreSurface() {
  if (!sink_->released()) return;
  if (Status restored = sink_->Restore(); !restored) return;  // stays released; a later use retries
  if (!host_ || !host_->ready()) return;
  host_->SetIdlePingInterval(context_.hang_timeout);
  SendSurface();
}

void Tab::SendSurface() { host_->SendSurface(*sink_); }

void Tab::OnPluginsChanged() {
  if (painted()) NotifyWaiters(true);
}

void Tab::Navigate(const std::string& url) {
  history_.Push(url);
  Reload();
}

void Tab::Reload() {
  if (host_) return CommitNavigation();
  if (launching_) return;  // the renderer commits the current entry once ready
  // No renderer (a first start, or a sad tab): the user asked, so start over
  // whatever the crash policy had decided.
  if (state_ == TabState::kCrashLoop) crash_policy_.Reset();
  restart_timer_.cancel();
  StartRenderer();
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

void Tab::CommitNavigation() {
  if (!host_ || !host_->ready()) return;  // OnRendererReady commits
  ++navigation_id_;
  state_ = TabState::kLoading;
  navigation_start_ = std::chrono::steady_clock::now();
  if (context_.trace) context_.trace->Instant("Navigate", host_->pid(), history_.current_url());
  DestroyPlugins();
  // The previous navigation's answers are dropped when they come (their
  // navigation id is stale), so they must not stay counted against the
  // renderer's limit of outstanding requests.
  outstanding_fetches_.clear();
  grants_.Reset();
  body_pacer_.Clear();
  title_.clear();
  document_error_.clear();
  render_work_us_ = 0;
  content_height_ = 0;
  scroll_y_ = history_.current_scroll();
  host_->Navigate(navigation_id_, history_.current_url(), scroll_y_);
}

void Tab::Scroll(int delta_y) {
  if (host_ && host_->ready()) host_->Scroll(delta_y);
}

void Tab::Click(int x, int y) {
  // Clicks inside a plugin instance go to its plugin, not to the renderer.
  const int64_t document_y = int64_t{y} + scroll_y_;
  if (context_.plugins) {
    for (PluginInstance* instance : context_.plugins->InstancesOfTab(id_)) {
      const proto::Rect& r = instance->rect;
      if (x >= r.x() && x < int64_t{r.x()} + r.width() && document_y >= r.y() &&
          document_y < int64_t{r.y()} + r.height()) {
        context_.plugins->Click(instance, x - r.x(), static_cast<int>(document_y - r.y()));
        return;
      }
    }
  }
  if (host_ && host_->ready()) host_->Click(x, y);
}

void Tab::RunDebugUrl(const std::string& url) {
  if (!host_ || !host_->ready()) return;
  // The current document is left behind: `wait` now waits for whatever the
  // fault leads to (normally a restored page).
  state_ = TabState::kLoading;
  grants_.Reset();
  host_->Navigate(++navigation_id_, url);
}

void Tab::KillRenderer() {
  if (!host_ || !host_->alive()) return;
  // Not "loaded" any more from this moment: a `wait` now waits for the
  // restored page, not for the reaper to notice the death.
  state_ = TabState::kLoading;
  if (context_.trace) context_.trace->Instant("KillRenderer", host_->pid(), "tab " + std::to_string(id_));
  host_->Kill(proto::DeathRecord::KILLED_BY_USER, "kill from the shell");
}

void Tab::Close() {
  if (state_ == TabState::kClosed) return;
  state_ = TabState::kClosed;
  restart_timer_.cancel();
  DestroyPlugins();
  body_pacer_.Clear();
  host_.reset();  // kills the renderer; the reaper still reaps it
  NotifyWaiters(false);
  for (auto& [id, callback] : sandbox_requests_) callback(nullptr);
  sandbox_requests_.clear();
}

void Tab::WaitUntilPainted(double seconds, WaitCallback callback) {
  RestoreSurface();
  if (painted()) {
    boost::asio::post(context_.io, [callback = std::move(callback)] { callback(true); });
    return;
  }
  auto timer = std::make_shared<boost::asio::steady_timer>(context_.io);
  timer->expires_after(std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000)));
  waiters_.push_back({timer, std::move(callback)});
  timer->async_wait([this, timer](const boost::system::error_code& ec) {
    if (ec) return;
    for (auto it = waiters_.begin(); it != waiters_.end(); ++it) {
      if (it->timer == timer) {
        auto callback = std::move(it->callback);
        waiters_.erase(it);
        callback(false);
        return;
      }
    }
  });
}

void Tab::NotifyWaiters(bool painted) {
  auto waiters = std::move(waiters_);
  waiters_.clear();
  for (auto& waiter : waiters) {
    waiter.timer->cancel();
    waiter.callback(painted);
  }
}

void Tab::RequestSandboxReport(SandboxCallback callback) {
  if (!host_ || !host_->ready()) return callback(nullptr);
  uint64_t request_id = next_probe_id_++;
  sandbox_requests_.emplace_back(request_id, std::move(callback));
  host_->ProbeSandbox(request_id);
}

// ------------------------------------------------------------- renderer events

void Tab::OnRendererReady() {
  if (Status restored = sink_->Restore(); !restored) {
    return host_->Kill(proto::DeathRecord::LAUNCH_FAILED, "surface: " + restored.error());
  }
  SendSurface();
  CommitNavigation();
}

Status Tab::OnFrameReady(const proto::FrameReady& frame) {
  if (frame.navigation_id() > navigation_id_) return Error{"FrameReady: navigation that never started"};
  auto to_ack =
      sink_->Present({frame.buffer(), frame.generation(), frame.sequence(), frame.damage(), &frame.solid_rows()});
  if (!to_ack) return Error{"FrameReady: " + to_ack.error()};
  if (*to_ack >= 0) host_->AckFrame(static_cast<uint32_t>(*to_ack));
  if (frame.navigation_id() == navigation_id_) {
    render_work_us_ += std::min<uint64_t>(frame.work_us(), 60'000'000);
    scroll_y_ = std::max(0, frame.scroll_y());
    history_.set_current_scroll(scroll_y_);
    if (context_.trace && context_.trace->recording()) {  // a string per frame only when someone reads it
      context_.trace->Instant("FrameReady", host_->pid(),
                              "renderer's work " + std::to_string(frame.work_us()) + " us of CPU");
    }
    if (frame.loaded() && state_ == TabState::kLoading) {
      state_ = TabState::kLoaded;
      if (context_.trace) context_.trace->Complete("Navigation to loaded", host_->pid(), navigation_start_, history_.current_url());
    }
    if (painted()) NotifyWaiters(true);
  }
  return OkStatus();
}

Status Tab::OnDocumentInfo(const proto::DocumentInfo& info) {
  if (info.navigation_id() > navigation_id_) return Error{"DocumentInfo: navigation that never started"};
  if (info.title().size() > proto::kMaxTitleBytes) return Error{"DocumentInfo: title longer than 1 KiB"};
  if (info.navigation_id() < navigation_id_) return OkStatus();
  if (context_.trace) {
    context_.trace->Instant("DocumentInfo", host_->pid(),
                            std::to_string(info.content_height()) + " px tall, " +
                                std::to_string(info.embeds_size()) + " embeds");
  }
  title_ = info.title();
  content_height_ = std::max(0, info.content_height());
  return UpdateEmbeds(info);
}

Status Tab::OnNavigateRequest(const proto::NavigateRequest& request) {
  if (request.url().size() > proto::kMaxUrlBytes) return Error{"NavigateRequest: URL longer than 2 MiB"};
  // A link click. The browser decides, before anything enters history: the
  // renderer's grants first (RendererGrants: no file:, about: or debug URL
  // from a web page; a refusal is dropped, the tab stays), then the same
  // loader policy as any other navigation, with Private Network Access
  // bound to the clicking document's address space (a refusal there is an
  // error page).
  auto url = ParseUrl(request.url());
  RendererGrants::Decision decision =
      url ? grants_.MayNavigate(*url) : RendererGrants::Decision{false, "URL must parse", url.error()};
  if (!decision.allowed) {
    context_.loader.RecordDecision(id_, request.url(), decision.rule,
                                   "refused renderer-initiated navigation: " + decision.detail);
    return OkStatus();
  }
  history_.Push(request.url(), grants_.address_space());
  Reload();
  return OkStatus();
}

Status Tab::OnSandboxReport(const proto::SandboxReport& report) {
  for (auto it = sandbox_requests_.begin(); it != sandbox_requests_.end(); ++it) {
    if (it->first == report.request_id()) {
      auto callback = std::move(it->second);
      sandbox_requests_.erase(it);
      callback(&report);
      return OkStatus();
    }
  }
  return Error{"SandboxReport nobody asked for"};
}

void Tab::OnRendererGone(const proto::DeathRecord& death) {
  proto::DeathRecord record = death;
  record.add_tab_ids(id_);
  // We are inside the host's own callback: destroy it after returning.
  if (host_) boost::asio::post(context_.io, [dead = std::shared_ptr<RendererHost>(std::move(host_))] {});
  ++host_generation_;
  DestroyPlugins();  // the restored page lays them out again
  outstanding_fetches_.clear();
  body_pacer_.Clear();
  for (auto& [id, callback] : sandbox_requests_) callback(nullptr);
  sandbox_requests_.clear();
  ++crashes_;
  CrashPolicy::Decision decision = crash_policy_.OnCrash(CrashPolicy::Clock::now());
  restart_decision_ = decision.text;
  record.set_restart_decision(decision.text);
  last_death_ = record;
  if (context_.trace) context_.trace->Instant("RendererGone", record.pid(), DescribeDeath(record));
  if (context_.on_death) context_.on_death(record);
  if (!decision.restart) {
    state_ = TabState::kCrashLoop;
    return;
  }
  state_ = TabState::kCrashed;
  restart_timer_.expires_after(decision.delay);
  restart_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && state_ == TabState::kCrashed && !launching_) StartRenderer();
  });
}

}  // namespace sandtab::browser
