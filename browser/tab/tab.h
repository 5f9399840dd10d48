#ifndef SANDTAB_BROWSER_TAB_TAB_H_
#define SANDTAB_BROWSER_TAB_TAB_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "browser/process/frame_sink.h"
#include "browser/tab/navigation_history.h"
#include "browser/tab/paint_waiters.h"
#include "browser/tab/renderer_host.h"
#include "browser/tab/renderer_keeper.h"
#include "browser/tab/renderer_storage.h"
#include "browser/tab/sandbox_questions.h"
#include "browser/tab/tab_activity.h"
#include "browser/tab/tab_context.h"
#include "browser/tab/tab_fetches.h"
#include "browser/tab/tab_plugins.h"
#include "browser/tab/tab_scripts.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

enum class TabState { kLaunching, kLoading, kLoaded, kCrashed, kCrashLoop, kClosed };
const char* TabStateName(TabState state);

// One tab: its navigation state and its surface, and the collaborators that
// do the rest: RendererKeeper (the renderer process, its restarts),
// TabFetches (the renderer's requests for bytes), TabPlugins (the
// document's embeds), TabScripts (the console, eval and DOM dumps),
// PaintWaiters. The tab validates what its renderer
// says against the navigation state and hands each message to the one
// that owns it.
class Tab : private RendererHost::Client, private RendererKeeper::Delegate {
 public:
  using WaitCallback = PaintWaiters::Callback;
  using SandboxCallback = SandboxQuestions::Callback;

  Tab(int id, TabContext& context, std::unique_ptr<FrameSink> sink);
  ~Tab() override;

  int id() const { return id_; }
  TabState state() const { return state_; }
  const std::string& url() const { return history_.current_url(); }
  const NavigationHistory& history() const { return history_; }
  size_t pending_fetches() const { return fetches_.outstanding(); }
  const FetchBodyPacer& body_pacer() const { return fetches_.body_pacer(); }
  // Fds and bytes sent to the renderer and not read by it yet.
  ipc::UnreadAttachments::Totals unread_attachments() {
    return host() ? host()->unread_attachments() : ipc::UnreadAttachments::Totals{};
  }
  const std::string& title() const { return document_.title; }
  pid_t pid() const { return host() && host()->alive() ? host()->pid() : -1; }
  int crashes() const { return keeper_.crashes(); }
  int scroll_y() const { return document_.scroll_y; }
  const FrameSink& sink() const { return *sink_; }
  const std::optional<proto::DeathRecord>& last_death() const { return keeper_.last_death(); }
  const std::string& restart_decision() const { return keeper_.restart_decision(); }
  // The site the renderer process is locked to (DESIGN section 14): what the
  // browser answers its requests for a site's data by. Opaque while unlocked.
  const Site& LockedSite() const { return keeper_.lock().site(); }
  // The lock as `tabs` and `ps` show it ("http://example.com", "none", "unlocked").
  std::string site_lock() const { return keeper_.lock().ToString(); }
  // Why the current document could not be loaded (its error page shows), or empty.
  const std::string& document_error() const { return document_.error; }
  // Microseconds the renderer reports it spent on the current document
  // (parse, resources, layout, paint), summed over its frames.
  uint64_t render_work_us() const { return document_.render_work_us; }
  // Loaded and painted for the current navigation, plugins included.
  bool painted() const;
  // A plugin instance of this tab painted its first frame or died.
  void OnPluginsChanged();

  void Navigate(const std::string& url);
  void Reload();
  bool Back();
  bool Forward();
  void Scroll(int delta_y);
  void Click(int x, int y);
  // The pointer is over the page at (x, y), negative when it left: the
  // renderer says which link is under it (hovered_link), coalesced.
  void MovePointer(int x, int y);
  // The link under the pointer, resolved and made safe to show (the
  // window's status line, as Chrome's bubble), or "" for none.
  const std::string& hovered_link() const { return document_.hovered_link; }
  // The viewport takes a new size (the window's page area): a new surface,
  // which the renderer lays the page out again for.
  Status ResizeViewport(int width, int height);
  // Sends a debug URL (about:crash, about:hang, ...) to the renderer without
  // making it the tab's URL, so that a restart reloads the real page.
  void RunDebugUrl(const std::string& url);
  // Kills the renderer on purpose (`kill ID`): a death like any other.
  void KillRenderer();
  // Calls back when painted (true) or after `seconds` (false). A released
  // surface is brought back first (RestoreSurface).
  void WaitUntilPainted(double seconds, WaitCallback callback);
  void RequestSandboxReport(SandboxCallback callback);
  // The page's scripts (DESIGN section 13): evaluate an expression, dump
  // the DOM, press a key. Each question is answered once, asynchronously
  // (TabScripts says with which errors).
  void Evaluate(const std::string& expression, TabScripts::EvalCallback done);
  void DumpDom(TabScripts::DumpCallback done);
  Status PressKey(const std::string& key);
  // The page's console lines, kept across renderer restarts.
  const ConsoleLog& console() const { return scripts_.console(); }
  // eval and DOM-dump questions waiting for the renderer's answer.
  size_t script_questions() const { return scripts_.outstanding(); }
  // Background tabs give their pixel buffers back (Chrome discards
  // background tabs; we keep the renderer and drop only its surface, which
  // is what dominates a tab's memory). Restored on demand: a wait or a
  // screenshot brings a new surface and the renderer repaints it. Bringing
  // it back is not a use (MarkUsed): `screenshot all` passes through every
  // tab without making them all "recently used".
  // With `keep_frame`, the frame on show is kept as a saved frame. Only a
  // loaded tab with a ready renderer releases (CanReleaseSurface).
  void ReleaseSurface(bool keep_frame);
  bool CanReleaseSurface() const;
  void RestoreSurface();
  bool surface_released() const { return sink_->released(); }
  // The last frame kept while released (FrameSink::Release), which the
  // surface budget drops for all but the most recently used tabs.
  bool has_saved_frame() const { return sink_->has_saved_frame(); }
  void DropSavedFrame() { sink_->DropSavedFrame(); }
  // A pinned surface is left alone by the surface budget (TabManager): the
  // window pins the tab it shows, the contact sheet the few it brought back
  // until it has drawn them.
  void PinSurface(bool pinned) { activity_.Pin(pinned); }
  bool surface_pinned() const { return activity_.pinned(); }
  std::chrono::steady_clock::time_point last_used() const { return activity_.last_used(); }
  void MarkUsed() {
    activity_.MarkUsed();
    context_.TabUsed(id_);
  }
  // In the background (not the tab used last, ForegroundTab): the renderer
  // stops the page's animation frames and wakes its timers once a second.
  void SetHidden(bool hidden);
  bool hidden() const { return activity_.hidden(); }
  void Close();

 private:
  // What the renderer said about the current document; each navigation
  // starts it afresh.
  struct Document {
    std::string title;
    std::string error;
    std::string hovered_link;
    int content_height = 0;
    int scroll_y = 0;  // from the history entry at commit, then as the renderer's frames say
    uint64_t render_work_us = 0;
    std::chrono::steady_clock::time_point navigation_start;  // for the trace
  };

  // RendererHost::Client
  void OnRendererReady() override;
  Status OnFetchRequest(const proto::FetchRequest& request) override;
  Status OnFrameReady(const proto::FrameReady& frame) override;
  Status OnDocumentInfo(const proto::DocumentInfo& info) override;
  Status OnNavigateRequest(const proto::NavigateRequest& request) override;
  Status OnSandboxReport(const proto::SandboxReport& report) override;
  Status OnConsoleMessage(const proto::ConsoleMessage& message) override {
    return scripts_.OnConsoleMessage(message, navigation_id_);
  }
  Status OnEvalResult(uint64_t request_id, EvalAnswer answer) override {
    return scripts_.OnEvalResult(request_id, std::move(answer));
  }
  Status OnDomDump(const proto::DomDump& dump) override { return scripts_.OnDomDump(dump); }
  Status OnHoveredLink(uint64_t navigation_id, std::string shown) override;
  void OnRendererGone(const proto::DeathRecord& record) override;
  // RendererKeeper::Delegate
  void OnRendererLaunching() override {
    state_ = TabState::kLaunching;
    context_.TabChanged(id_);
  }
  void OnRendererAdopted() override { StartRenderer(); }
  ProcessUse RendererUse() override;  // this tab's renderer, in this tab's state

  RendererHost* host() const { return keeper_.host(); }
  RendererHost* ready_host() const { return host() && host()->ready() ? host() : nullptr; }
  // The renderer's channel, for TabFetches.
  TabFetches::Hooks FetchHooks();
  // Sends Navigate for the history's current entry, or swaps the renderer
  // for a new one when the entry is of a site the process may not have.
  void CommitNavigation();
  Site SiteOf(const std::string& url) const;
  // The answer to a document that redirected to `final_url` (TabFetches).
  bool LandedElsewhere(const std::string& final_url);
  // A renderer of this tab is ready (launched for it, or the spare adopted):
  // it hears the tab's visibility, gets its storage channel and commits.
  void StartRenderer();
  // Gives a new renderer its storage channel (when the browser keeps storage).
  void ConnectStorage();

  const int id_;
  TabContext& context_;
  std::unique_ptr<FrameSink> sink_;
  TabState state_ = TabState::kLaunching;
  NavigationHistory history_;
  uint64_t navigation_id_ = 0;
  Document document_;
  TabActivity activity_;  // its visibility is told to every renderer of the tab once it is ready
  TabFetches fetches_;
  TabPlugins plugins_;
  PaintWaiters waiters_;
  TabScripts scripts_;
  SandboxQuestions sandbox_questions_;
  std::unique_ptr<RendererStorage> storage_;  // the current renderer's storage channel
  // Last: its destructor kills the renderer, whose callbacks reach the
  // members above.
  RendererKeeper keeper_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_H_
