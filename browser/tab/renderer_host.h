#ifndef SANDTAB_BROWSER_TAB_RENDERER_HOST_H_
#define SANDTAB_BROWSER_TAB_RENDERER_HOST_H_

#include <cstdint>
#include <string>

#include "base/result.h"
#include "browser/loader/fetch_result.h"
#include "browser/process/child_host.h"
#include "browser/tab/pointer_motion.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

class FrameSink;

// A script's answer to Evaluate, checked: `value` is one JSON value made
// safe to splice into our own JSON (CleanJson) when `value_is_json`, else
// the value's string form; `error` the exception's text when !ok.
struct EvalAnswer {
  bool ok = false;
  std::string value;
  bool value_is_json = false;
  std::string error;
};

// The browser's end of one renderer process. It checks what it can know
// alone (Hello first, message shapes: ChildHost); the tab checks state
// (navigations, buffers) and answers with a Status whose error becomes a
// bad message.
class RendererHost : public ChildHost<proto::RendererToBrowser, proto::BrowserToRenderer> {
 public:
  class Client {
   public:
    virtual ~Client() = default;
    virtual void OnRendererReady() = 0;
    virtual Status OnFetchRequest(const proto::FetchRequest& request) = 0;
    virtual Status OnFrameReady(const proto::FrameReady& frame) = 0;
    virtual Status OnDocumentInfo(const proto::DocumentInfo& info) = 0;
    virtual Status OnNavigateRequest(const proto::NavigateRequest& request) = 0;
    virtual Status OnSandboxReport(const proto::SandboxReport& report) = 0;
    // Script messages (DESIGN section 13), their shapes checked here; the
    // navigation and request ids are the client's to check.
    virtual Status OnConsoleMessage(const proto::ConsoleMessage& message) = 0;
    virtual Status OnEvalResult(uint64_t request_id, EvalAnswer answer) = 0;
    virtual Status OnDomDump(const proto::DomDump& dump) = 0;
    // The link under the pointer changed, as the window shows it ("" none):
    // HoveredLink checked here (ShownHoveredLink, a move in flight). Only a
    // tab's renderer is sent moves, so only a tab hears of links.
    virtual Status OnHoveredLink(uint64_t /*navigation_id*/, std::string /*shown*/) { return OkStatus(); }
    // Only a spare renderer is asked to warm up; from anyone else it is a bad message.
    virtual Status OnWarmedUp(const proto::WarmedUp&) { return Error{"WarmedUp nobody asked for"}; }
    // Once, after the process was reaped.
    virtual void OnRendererGone(const proto::DeathRecord& record) = 0;
  };

  // Takes every message as valid and does nothing with it: the client of a
  // renderer whose words no longer matter (RetiredRenderers), and of tests.
  class DiscardingClient : public Client {
   public:
    void OnRendererReady() override {}
    Status OnFetchRequest(const proto::FetchRequest&) override { return OkStatus(); }
    Status OnFrameReady(const proto::FrameReady&) override { return OkStatus(); }
    Status OnDocumentInfo(const proto::DocumentInfo&) override { return OkStatus(); }
    Status OnNavigateRequest(const proto::NavigateRequest&) override { return OkStatus(); }
    Status OnSandboxReport(const proto::SandboxReport&) override { return OkStatus(); }
    Status OnConsoleMessage(const proto::ConsoleMessage&) override { return OkStatus(); }
    Status OnEvalResult(uint64_t, EvalAnswer) override { return OkStatus(); }
    Status OnDomDump(const proto::DomDump&) override { return OkStatus(); }
    void OnRendererGone(const proto::DeathRecord&) override {}
  };

  RendererHost(boost::asio::io_context& io, ChildReaper& reaper, ProcessRegistry& registry, LaunchedChild child,
               bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client)
      : ChildHost(io, reaper, registry, std::move(child), proto::PROCESS_TYPE_RENDERER, log_to_stderr, hang_timeout),
        client_(client),
        motion_([this](int x, int y) { SendMouseMove(x, y); }) {}

  // The messages a renderer is sent, one named sender each: the wire
  // format of this channel's browser end lives in this class only, so a
  // schema change touches it and the renderer's end (RendererService).
  // A send to a renderer that is going away is dropped (its death comes
  // through the reaper).

  // Hands the renderer `sink`'s buffers (a new generation of them): SetSurface
  // with their fds, the buffer the browser still shows, and which ones were
  // painted. If the fds cannot be had the renderer is of no use: it is
  // killed (launch failed) and false returned.
  bool SendSurface(FrameSink& sink);
  // Load `url` as navigation `navigation_id`, scrolled to `scroll_y`.
  void Navigate(uint64_t navigation_id, const std::string& url, int scroll_y = 0);
  // `buffer` is the renderer's again (the browser shows the other one).
  void AckFrame(uint32_t buffer);
  void Scroll(int delta_y);
  void Click(int x, int y);
  // The pointer is at (x, y) over the page (negative: it left): a MouseMove,
  // coalesced with the ones still unanswered (PointerMotion).
  void MovePointer(int x, int y) { motion_.Move(x, y); }
  const PointerMotion& pointer_motion() const { return motion_; }
  // The surface of `generation` is given back: paint nothing until a new SetSurface.
  void ReleaseSurface(uint64_t generation);
  // Asks for a SandboxReport answering `request_id`.
  void ProbeSandbox(uint64_t request_id);
  // The tab went to the background (animation frames stop, timers once a second) or came back.
  void SetPageHidden(bool hidden);
  // A spare renderer: make the first frame on the surface of `generation` cheap now.
  void WarmUp(uint64_t generation);
  // Evaluates `expression` in the page (at most kMaxEvalBytes); answered by
  // an EvalResult with `request_id`.
  void Evaluate(uint64_t request_id, const std::string& expression);
  // A key pressed in the tab (DOM KeyboardEvent.key, at most kMaxKeyBytes).
  void PressKey(const std::string& key);
  // Asks for the serialized DOM; answered by a DomDump with `request_id`.
  void DumpDom(uint64_t request_id);
  // The renderer's end of its storage channel (RendererStorage), once.
  void SendStorageChannel(UniqueFd socket);
  // Answers FetchRequest `request_id`: a body up to 64 KiB inline, a larger
  // one in a frozen memfd (ipc/fetch_body.h).
  void AnswerFetch(uint64_t request_id, FetchResult result);

  // A spare renderer changes hands when a tab takes it.
  void set_client(Client* client) { client_ = client; }

 private:
  void OnReady() override { client_->OnRendererReady(); }
  Status OnChildMessage(const proto::RendererToBrowser& message) override;
  Status OnConsoleMessage(const proto::ConsoleMessage& message);
  Status OnEvalResult(const proto::EvalResult& result);
  Status OnDomDump(const proto::DomDump& dump);
  Status OnHoveredLink(const proto::HoveredLink& link);
  void SendMouseMove(int x, int y);
  // The renderer's watchdog stopped a script: the renderer is hung by our
  // rule, whatever it says next, so it dies as the hang monitor would kill it.
  void OnScriptTimedOut(const proto::ScriptTimedOut& timed_out);
  void OnChildGone(proto::DeathRecord record) override { client_->OnRendererGone(record); }

  Client* client_;
  PointerMotion motion_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RENDERER_HOST_H_
