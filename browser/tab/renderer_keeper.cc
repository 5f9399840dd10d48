#include "browser/tab/renderer_keeper.h"

#include <boost/asio/post.hpp>

#include "base/delete_soon.h"
#include "browser/common/browser_config.h"
#include "browser/common/trace_recorder.h"
#include "browser/process/death_classifier.h"
#include "browser/process/frame_sink.h"
#include "browser/tab/renderer_launch.h"
#include "browser/tab/spare_renderer.h"
#include "browser/tab/tab_context.h"

namespace sandtab::browser {

RendererKeeper::RendererKeeper(int tab_id, TabContext& context, FrameSink& sink, RendererHost::Client* client,
                               Delegate* delegate)
    : tab_id_(tab_id),
      context_(context),
      sink_(sink),
      client_(client),
      delegate_(delegate),
      restarts_(context.io, context.crash_policy, [this] { Start(); }),
      retired_(context.io, context.on_death) {}

RendererKeeper::~RendererKeeper() { Close(); }

void RendererKeeper::Start() {
  if (closed_ || host_ || launching_) return;
  restarts_.OnStarted();
  if (context_.spare && AdoptSpare()) return;
  Launch();
}

void RendererKeeper::Launch() {
  delegate_->OnRendererLaunching();
  launching_ = true;
  lock_ = SiteLock();
  const uint64_t generation = ++generation_;
  LaunchRenderer(
      context_, client_,
      [this, alive = alive_.token(), generation] { return alive.Alive() && generation == generation_ && !closed_; },
      [this](Result<std::unique_ptr<RendererHost>> host) {
        launching_ = false;
        if (!host) return client_->OnRendererGone(LaunchFailedRecord(host.error()));
        host_ = std::move(*host);
        host_->SetUse(delegate_->RendererUse());
        if (context_.trace) context_.trace->Instant("RendererLaunched", host_->pid(), "tab " + std::to_string(tab_id_));
      });
}

// A spare renderer (--spare-renderer) is forked, sandboxed, past its Hello
// and warmed up on a surface of its own already: the tab takes it with that
// surface (its last frame stays shown until the first new one) and has only
// to navigate.
bool RendererKeeper::AdoptSpare() {
  auto spare = context_.spare->Take(sink_.width(), sink_.height());
  if (!spare) return false;
  ++generation_;
  launching_ = false;
  lock_ = SiteLock();
  sink_.AdoptSurface(std::move(*spare->surface));
  host_ = std::move(spare->host);
  host_->set_client(client_);
  host_->SetUse(delegate_->RendererUse());
  host_->SetIdlePingInterval(context_.hang_timeout);
  if (context_.trace) context_.trace->Instant("SpareRendererTaken", host_->pid(), "tab " + std::to_string(tab_id_));
  delegate_->OnRendererAdopted();
  return true;
}

void RendererKeeper::SwapProcess() {
  if (closed_ || launching_) return;
  if (host_) {
    if (context_.trace) context_.trace->Instant("ProcessSwap", host_->pid(), "tab " + std::to_string(tab_id_));
    retired_.Retire(std::move(host_), tab_id_, lock_.ToString());
    ++generation_;  // what was asked of the old renderer is answered to nobody
    lock_ = SiteLock();
  }
  if (context_.spare && AdoptSpare()) return;
  if (Status fresh = sink_.ReplaceBuffers(); !fresh) {
    return client_->OnRendererGone(LaunchFailedRecord("surface for the new site: " + fresh.error()));
  }
  Launch();
}

void RendererKeeper::StartOver() {
  if (host_ || launching_) return;
  restarts_.StartOver();
  Start();
}

bool RendererKeeper::OnGone(const proto::DeathRecord& death) {
  proto::DeathRecord record = death;
  record.add_tab_ids(tab_id_);
  record.set_site(lock_.ToString());
  // We are inside the host's own callback: destroy it after returning.
  DeleteSoon(context_.io, std::move(host_));
  ++generation_;
  const bool restart = restarts_.OnDeath(&record);
  if (context_.trace) context_.trace->Instant("RendererGone", record.pid(), DescribeDeath(record));
  if (context_.on_death) context_.on_death(record);
  return restart;
}

void RendererKeeper::Close() {
  if (closed_) return;
  closed_ = true;
  restarts_.Cancel();
  host_.reset();  // kills the renderer; the reaper still reaps it
}

}  // namespace sandtab::browser
