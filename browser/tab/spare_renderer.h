#ifndef SANDTAB_BROWSER_TAB_SPARE_RENDERER_H_
#define SANDTAB_BROWSER_TAB_SPARE_RENDERER_H_

#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <optional>

#include "base/weak_anchor.h"
#include "browser/process/crash_policy.h"
#include "browser/process/frame_sink.h"
#include "browser/tab/renderer_host.h"
#include "browser/tab/tab_context.h"

namespace sandtab::browser {

// Chrome's spare renderer (its "spare RenderProcessHost"), on by default
// (--no-spare-renderer turns it off): one renderer started before any tab asks for it, so the
// next tab that needs one (a new tab, or a restart after a death) skips the
// fork, layer 2 and the handshake, and paints into memory that is already
// mapped and written in that process. On some VMs the first touch of a
// page in a new process is slow and a 1280x800 buffer is 1,000 pages: that,
// not the fork, is most of a restored frame's time
// (docs/performance-history.md, "Page faults").
//
// The spare is a real sandboxed renderer with a surface of its own
// (allocated here, like every buffer, by the browser). Once it said Hello it
// gets SetSurface and WarmUp; after WarmedUp it is ready. A tab that takes
// it takes its surface too (FrameSink::AdoptSurface). It says nothing else:
// any other message is a bad message and kills it. It is kept only while at
// least one tab is open, is replaced a moment after it is taken, and stops
// being replaced if spares keep dying (the tabs' crash policy, applied to
// spares). `ps` lists it apart ("spare-renderer"): one renderer more than
// there are tabs. One-shot runs and renderer command prefixes keep none
// unless asked (ParseCommandLine).
class SpareRenderer : private RendererHost::Client {
 public:
  struct Taken {
    std::unique_ptr<RendererHost> host;  // ready: Hello done, surface set, warmed up
    std::unique_ptr<FrameSink> surface;  // both buffers owned by that renderer
  };

  // What a tab's renderer is launched with (a copy: the spare exists
  // before the tabs' context is complete, which names it).
  explicit SpareRenderer(RendererLaunchContext context);
  ~SpareRenderer() override;

  // Whether a spare should exist (the tab manager says: while tabs are open).
  void SetWanted(bool wanted);
  // The ready spare, if its surface has this size; a new one follows.
  std::optional<Taken> Take(int width, int height);

  bool ready() const { return state_ == State::kReady; }
  // The spare's process while one exists (launching or ready), else -1.
  pid_t pid() const;
  const char* state_name() const;
  uint64_t taken() const { return taken_; }
  // The spare's own surface (two buffers once it said Hello), for `stats`.
  size_t shared_bytes() const { return surface_ ? surface_->shared_bytes() : 0; }
  // Spares are not replaced after too many of them died.
  bool disabled() const { return state_ == State::kDisabled; }

 private:
  enum class State { kIdle, kScheduled, kLaunching, kStarting, kWarming, kReady, kDisabled };

  void Schedule(std::chrono::milliseconds delay);
  void Launch();
  void Drop();

  // RendererHost::Client: a spare only says Hello and WarmedUp.
  void OnRendererReady() override;
  Status OnWarmedUp(const proto::WarmedUp& warmed_up) override;
  Status OnFetchRequest(const proto::FetchRequest&) override { return Unexpected("FetchRequest"); }
  Status OnFrameReady(const proto::FrameReady&) override { return Unexpected("FrameReady"); }
  Status OnDocumentInfo(const proto::DocumentInfo&) override { return Unexpected("DocumentInfo"); }
  Status OnNavigateRequest(const proto::NavigateRequest&) override { return Unexpected("NavigateRequest"); }
  Status OnSandboxReport(const proto::SandboxReport&) override { return Unexpected("SandboxReport"); }
  Status OnConsoleMessage(const proto::ConsoleMessage&) override { return Unexpected("ConsoleMessage"); }
  Status OnEvalResult(uint64_t, EvalAnswer) override { return Unexpected("EvalResult"); }
  Status OnDomDump(const proto::DomDump&) override { return Unexpected("DomDump"); }
  void OnRendererGone(const proto::DeathRecord& record) override;
  static Status Unexpected(const char* what) { return Error{std::string(what) + " from a spare renderer"}; }

  const RendererLaunchContext context_;
  State state_ = State::kIdle;
  bool wanted_ = false;
  uint64_t generation_ = 0;  // launches and hosts from before a Drop are ignored
  std::unique_ptr<RendererHost> host_;
  std::unique_ptr<FrameSink> surface_;
  CrashPolicy deaths_;
  uint64_t taken_ = 0;
  boost::asio::steady_timer timer_;
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_SPARE_RENDERER_H_
