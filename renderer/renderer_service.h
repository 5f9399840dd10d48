#ifndef SANDTAB_RENDERER_RENDERER_SERVICE_H_
#define SANDTAB_RENDERER_RENDERER_SERVICE_H_

#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <string>

#include "renderer/browser_link.h"
#include "renderer/document_report.h"
#include "renderer/fetch_queue.h"
#include "renderer/frame_presenter.h"
#include "renderer/frame_scheduler.h"
#include "renderer/link_hover.h"
#include "renderer/page/page.h"
#include "renderer/page_scripts.h"
#include "renderer/script_environment.h"
#include "renderer/scroll_position.h"

namespace sandtab::renderer {

struct RendererConfig {
  bool sandboxed = true;
  int verbosity = 0;
  bool javascript = true;           // --disable-javascript turns it off
  bool jitless = false;             // --js-flags=--jitless: no JIT, no executable memory
  int virtual_time_budget_ms = -1;  // --virtual-time-budget=MS (one-shot): timers run ahead
};

// One tab's document: it wires the renderer's end of the channel to the
// collaborators that do the work. BrowserEndpoint says Hello, answers pings
// and stops on protocol errors; BrowserLink says everything else; FetchQueue
// asks the browser for every byte; the Page lays it out with litehtml;
// PageScripts runs its JavaScript, made by the ScriptEnvironment all the
// documents share; FrameScheduler says when to paint and FramePresenter
// paints into the shared buffers; DocumentReporter tells the browser what
// changed; ScrollPosition keeps the offset. The service keeps what ties
// them together: the navigation and the order of a frame's steps.
// It trusts the browser, but still checks what it maps (seals, sizes) and
// ends on any protocol error.
class RendererService : private BrowserEndpoint::Delegate, private PageScripts::Delegate {
 public:
  // `engine` is the process's JavaScript engine, nullptr under --disable-javascript.
  RendererService(boost::asio::io_context& io, UniqueFd channel, RendererConfig config, script::JsEngine* engine);
  ~RendererService() override;

  void Start();
  // Why the service stopped (empty while running).
  const std::string& exit_reason() const { return endpoint_.stop_reason(); }

 private:
  void OnBrowserMessage(const proto::BrowserToRenderer& message, std::vector<UniqueFd> fds) override;
  void OnEndpointStopped(const std::string& reason) override;
  void Stop(const std::string& reason) { endpoint_.Stop(reason); }

  void OnSetSurface(const proto::SetSurface& request, std::vector<UniqueFd> fds);
  void OnNavigate(const proto::Navigate& navigate);
  void OnFetchResponse(const proto::FetchResponse& response, std::vector<UniqueFd> fds);
  void OnFrameAck(const proto::FrameAck& ack);
  void OnScroll(const proto::Scroll& scroll);
  void OnClick(const proto::Click& click);
  void OnMouseMove(const proto::MouseMove& move);
  void OnProbeSandbox(const proto::ProbeSandbox& probe);
  void OnWarmUp(const proto::WarmUp& warm_up);
  void OnEvaluate(const proto::Evaluate& evaluate);
  void OnKeyPress(const proto::KeyPress& key);
  void OnDumpDom(const proto::DumpDom& dump);
  void OnStorageChannel(std::vector<UniqueFd> fds);
  script::StorageBinding::Owner* StorageOwner() override { return script_env_.storage(); }

  // The current document's scripts (PageScripts::Delegate).
  void CreateScripts(std::string_view html, const std::string& url);
  void StartScripts();
  void OnConsoleLine(const script::ConsoleLine& line) override;
  void OnFrameWanted() override;
  void OnScriptFatal(const script::ScriptResult& result) override;
  void OnNavigationRequested(const std::string& url) override;
  void OnFetchWanted(uint64_t token, const std::string& url, proto::FetchRequest::Kind kind,
                     std::optional<std::string> post_body) override;
  void OnLoaded() override;
  void RunAnimationFrame(double now_ms);
  // Scripts changed the DOM since litehtml last saw it: rebuild (at most
  // once per frame, as it runs just before painting).
  void LayOutScriptChanges();

  void RequestSubresources();
  void ClampScroll();
  void SchedulePaint();
  // One frame: script changes laid out, the document reported, painted.
  void MakeFrame();
  void FlushDocumentChanges();  // scroll clamp and DocumentInfo after changes
  void Paint();

  boost::asio::io_context& io_;
  RendererConfig config_;
  BrowserEndpoint endpoint_;
  BrowserLink link_;
  FetchQueue fetches_;
  FramePresenter presenter_;
  FrameScheduler frames_;
  DocumentReporter reporter_;
  // Before the scripts: they read storage through it.
  ScriptEnvironment script_env_;

  std::unique_ptr<Page> page_;
  // After page_: the scripts' DOM is laid out into it. Reset first on navigation.
  std::unique_ptr<PageScripts> scripts_;
  LinkHover hover_;  // the link under the pointer, as the browser knows it
  uint64_t navigation_id_ = 0;
  ScrollPosition scroll_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_RENDERER_SERVICE_H_
