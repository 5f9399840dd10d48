#ifndef SANDTAB_BROWSER_TAB_RENDERER_KEEPER_H_
#define SANDTAB_BROWSER_TAB_RENDERER_KEEPER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/weak_anchor.h"
#include "browser/tab/renderer_host.h"
#include "browser/tab/restart_controller.h"
#include "browser/tab/retired_renderers.h"
#include "browser/tab/site_lock.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

class FrameSink;
struct TabContext;

// Keeps one tab's renderer process: starts it (the ready spare if there is
// one, else a launch), and after a death brings it back when its
// RestartController says (the CrashPolicy's delay), or not (a crash loop)
// until the user asks again. The host it makes speaks to the tab
// (RendererHost::Client); the keeper knows which host is the current one,
// and counts them (generation) so that answers meant for a dead one are
// dropped. Each process is locked to a site (SiteLock); a document of
// another site is committed in a new one (SwapProcess), the old one let go
// (RetiredRenderers).
class RendererKeeper {
 public:
  class Delegate {
   public:
    virtual ~Delegate() = default;
    // A new process is on its way.
    virtual void OnRendererLaunching() = 0;
    // A ready renderer (the spare) was taken: it can be navigated now.
    virtual void OnRendererAdopted() = 0;
    // What the renderer is for, as `ps` lists it (the process registry).
    virtual ProcessUse RendererUse() = 0;
  };

  // `sink` is the tab's surface (a spare comes with its own, adopted into
  // it); `client` hears the renderer, `delegate` the keeper.
  RendererKeeper(int tab_id, TabContext& context, FrameSink& sink, RendererHost::Client* client, Delegate* delegate);
  ~RendererKeeper();

  RendererHost* host() const { return host_.get(); }
  bool launching() const { return launching_; }
  uint64_t generation() const { return generation_; }
  int crashes() const { return restarts_.deaths(); }
  const std::string& restart_decision() const { return restarts_.decision(); }
  const std::optional<proto::DeathRecord>& last_death() const { return restarts_.last_death(); }
  // The site lock of the current renderer process (a new process starts fresh).
  SiteLock& lock() { return lock_; }
  const SiteLock& lock() const { return lock_; }
  // Retired renderers not yet reaped.
  size_t retiring() const { return retired_.size(); }
  // The crash policy stopped restarts; only StartOver starts again.
  bool stopped() const { return restarts_.stopped(); }

  // A renderer, unless one runs or is on its way.
  void Start();
  // The user asked (a reload with no renderer): after a crash loop the
  // policy starts over, and a restart waiting for its delay happens now.
  void StartOver();
  // The renderer died, or never launched (`death` says which). Records the
  // death with the policy's decision, tells the browser's death log, and
  // arms the restart. Returns whether one follows. Called from inside the
  // host's own callback: the host is destroyed after it returns.
  bool OnGone(const proto::DeathRecord& death);
  // A navigation to another site (SiteLock::NeedsNewProcess): the current
  // renderer is let go (it exits on its own; RetiredRenderers) and a new one
  // started, the spare if there is one. Its last frame stays the tab's
  // picture until the new renderer presents its first, and the new one paints
  // into buffers the old one never mapped.
  void SwapProcess();
  // No more renderers: the current one is killed (the reaper still reaps
  // it), a launch on its way discarded, a restart cancelled.
  void Close();

 private:
  bool AdoptSpare();
  void Launch();

  const int tab_id_;
  TabContext& context_;
  FrameSink& sink_;
  RendererHost::Client* const client_;
  Delegate* const delegate_;
  std::unique_ptr<RendererHost> host_;
  uint64_t generation_ = 0;  // one per host, and per launch
  bool launching_ = false;   // a launch is under way (host_ not yet made)
  bool closed_ = false;
  RestartController restarts_;
  SiteLock lock_;
  RetiredRenderers retired_;
  // A launch's callback may outlive the tab: it holds this weakly.
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RENDERER_KEEPER_H_
