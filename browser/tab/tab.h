#ifndef SANDTAB_BROWSER_TAB_TAB_H_
#define SANDTAB_BROWSER_TAB_TAB_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "browser/process/crash_policy.h"
#include "browser/tab/fetch_body_pacer.h"
#include "browser/process/frame_sink.h"
#include "browser/tab/navigation_history.h"
#include "browser/tab/renderer_grants.h"
#include "browser/tab/renderer_host.h"
#include "browser/tab/tab_context.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

enum class TabState { kLaunching, kLoading, kLoaded, kCrashed, kCrashLoop, kClosed };
const char* TabStateName(TabState state);

// One tab: its navigation state, its surface, and the renderer process that
// paints it. Validates everything its renderer says against that state, and
// brings the renderer back after a death as its CrashPolicy decides.
class Tab : private RendererHost::Client {
 public:
  using WaitCallback = std::function<void(bool painted)>;
  using SandboxCallback = std::function<void(const proto::SandboxReport*)>;

  Tab(int id, TabContext& context, std::unique_ptr<FrameSink> sink);
  ~Tab() override;

  int id() const { return id_; }
  TabState state() const { return state_; }
  const std::string& url() const { return history_.current_url(); }
  const NavigationHistory& history() const { return history_; }
  size_t pending_fetches() const { return outstanding_fetches_.size(); }
  const FetchBodyPacer& body_pacer() const { return body_pacer_; }
  // Fds and bytes sent to the renderer and not read by it yet.
  ipc::UnreadAttachments::Totals unread_attachments() {
    return host_ ? host_->unread_attachments() : ipc::UnreadAttachments::Totals{};
  }
  const std::string& title() const { return title_; }
  pid_t pid() const { return host_ && host_->alive() ? host_->pid() : -1; }
  int crashes() const { return crashes_; }
  int scroll_y() const { return scroll_y_; }
  const FrameSink& sink() const { return *sink_; }
  const std::optional<proto::DeathRecord>& last_death() const { return last_death_; }
  const std::string& restart_decision() const { return restart_decision_; }
  // Why the current document could not be loaded (its error page shows), or empty.
  const std::string& document_error() const { return document_error_; }
  // Microseconds the renderer reports it spent on the current document
  // (parse, resources, layout, paint), summed over its frames.
  uint64_t render_work_us() const { return render_work_us_; }
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
  // Sends a debug URL (about:crash, about:hang, ...) to the renderer without
  // making it the tab's URL, so that a restart reloads the real page.
  void RunDebugUrl(const std::string& url);
  // Kills the renderer on purpose (`kill ID`): a death like any other.
  void KillRenderer();
  // Calls back when painted (true) or after `seconds` (false). A released
  // surface is brought back first (RestoreSurface).
  void WaitUntilPainted(double seconds, WaitCallback callback);
  void RequestSandboxReport(SandboxCallback callback);
  // Background tabs give their pixel buffers back (Chrome discards
  // background tabs; we keep the renderer and drop only its surface, which
  // is what dominates a tab's memory). Restored on demand: a wait or a
  // screenshot brings a new surface and the renderer repaints it. Bringing
  // it back is not a use (MarkUsed): `screenshot all` passes through every
  // tab without making them all "recently used".
  void ReleaseSurface();
  void RestoreSurface();
  bool surface_released() const { return sink_->released(); }
  // A pinned surface is left alone by the surface budget (TabManager): the
  // contact sheet pins the few it brought back until it has drawn them.
  void PinSurface(bool pinned) { surface_pinned_ = pinned; }
  bool surface_pinned() const { return surface_pinned_; }
  std::chrono::steady_clock::time_point last_used() const { return last_used_; }
  void MarkUsed() { last_used_ = std::chrono::steady_clock::now(); }
  void Close();

 private:
  // RendererHost::Client
  void OnRendererReady() override;
  Status OnFetchRequest(const proto::FetchRequest& request) override;
  Status OnFrameReady(const proto::FrameReady& frame) override;
  Status OnDocumentInfo(const proto::DocumentInfo& info) override;
  Status OnNavigateRequest(const proto::NavigateRequest& request) override;
  Status OnSandboxReport(const proto::SandboxReport& report) override;
  void OnRendererGone(const proto::DeathRecord& record) override;

  void StartRenderer();
  bool AdoptSpareRenderer();
  // Its renderer as `ps` lists it: this tab's, in this tab's state.
  ProcessUse RendererUse();
  void SendSurface();  // SetSurface with the sink's buffers
  void CommitNavigation();  // sends Navigate for the history's current entry
  void SendFetchResponse(uint64_t request_id, struct FetchResult result);  // paced (FetchBodyPacer)
  Status AnswerAboutSandbox(uint64_t request_id);
  void NotifyWaiters(bool painted);
  Status UpdateEmbeds(const proto::DocumentInfo& info);
  void DestroyPlugins();

  const int id_;
  TabContext& context_;
  // Callbacks that may outlive the tab (fetches, posted work) hold a weak
  // reference to this and drop their answer once it has expired.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  std::unique_ptr<FrameSink> sink_;
  std::unique_ptr<RendererHost> host_;
  uint64_t host_generation_ = 0;  // answers for a dead renderer are dropped
  bool launching_ = false;        // a launch is under way (host_ not yet made)
  TabState state_ = TabState::kLaunching;
  NavigationHistory history_;
  RendererGrants grants_;  // what the current document may ask for
  uint64_t navigation_id_ = 0;
  std::string title_;
  std::string document_error_;
  int scroll_y_ = 0;
  int content_height_ = 0;
  uint64_t render_work_us_ = 0;
  std::chrono::steady_clock::time_point navigation_start_;  // for the trace
  std::chrono::steady_clock::time_point last_used_ = std::chrono::steady_clock::now();
  bool surface_pinned_ = false;
  std::set<uint64_t> outstanding_fetches_;
  FetchBodyPacer body_pacer_;
  std::vector<uint64_t> plugin_instances_;  // in the order of the document's embeds
  int crashes_ = 0;
  CrashPolicy crash_policy_;
  std::string restart_decision_;
  std::optional<proto::DeathRecord> last_death_;
  boost::asio::steady_timer restart_timer_;
  struct Waiter {
    std::shared_ptr<boost::asio::steady_timer> timer;
    WaitCallback callback;
  };
  std::vector<Waiter> waiters_;
  uint64_t next_probe_id_ = 1;
  std::vector<std::pair<uint64_t, SandboxCallback>> sandbox_requests_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_H_
