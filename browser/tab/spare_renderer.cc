#include "browser/tab/spare_renderer.h"

#include <boost/asio/post.hpp>

#include "base/delete_soon.h"
#include "browser/common/browser_config.h"
#include "browser/process/child_reaper.h"
#include "browser/tab/renderer_launch.h"
#include "browser/common/trace_recorder.h"

namespace sandtab::browser {
namespace {

// A new spare starts this long after the last one was taken (or the first
// tab opened): after the page that took it has had the CPU for its first
// frame, since a spare's start-up (fork, warm-up of 8 MB) would compete
// with it on a busy core.
constexpr std::chrono::milliseconds kRefillDelay{100};

}  // namespace

SpareRenderer::SpareRenderer(RendererLaunchContext context)
    : context_(std::move(context)), deaths_(context_.crash_policy), timer_(context_.io) {}

SpareRenderer::~SpareRenderer() {
  timer_.cancel();
  host_.reset();  // kills the process; the reaper still reaps it
}

void SpareRenderer::SetWanted(bool wanted) {
  if (wanted == wanted_) return;
  wanted_ = wanted;
  if (!wanted) return Drop();
  if (state_ == State::kIdle) Schedule(kRefillDelay);
}

void SpareRenderer::Drop() {
  ++generation_;
  timer_.cancel();
  host_.reset();  // never called from the host's own callbacks
  surface_.reset();
  if (state_ != State::kDisabled) state_ = State::kIdle;
}

void SpareRenderer::Schedule(std::chrono::milliseconds delay) {
  state_ = State::kScheduled;
  timer_.expires_after(delay);
  timer_.async_wait([this, alive = alive_.token()](const boost::system::error_code& ec) {
    if (ec || !alive.Alive() || state_ != State::kScheduled) return;
    if (wanted_) Launch();
  });
}

void SpareRenderer::Launch() {
  state_ = State::kLaunching;
  const uint64_t generation = ++generation_;
  LaunchRenderer(
      context_, this, [this, alive = alive_.token(), generation] { return alive.Alive() && generation == generation_; },
      [this](Result<std::unique_ptr<RendererHost>> host) {
        if (!host) return OnRendererGone(LaunchFailedRecord(host.error()));
        state_ = State::kStarting;
        host_ = std::move(*host);
        ProcessUse use;
        use.role = ProcessRole::kSpareRenderer;
        use.state = [this] { return std::string(state_name()); };
        host_->SetUse(std::move(use));
      });
}

void SpareRenderer::OnRendererReady() {
  auto surface = FrameSink::Create(context_.config.window_width, context_.config.window_height);
  if (!surface) return host_->Kill(proto::DeathRecord::LAUNCH_FAILED, "spare surface: " + surface.error());
  surface_ = std::move(*surface);
  if (!host_->SendSurface(*surface_)) return;
  host_->WarmUp(surface_->generation());
  state_ = State::kWarming;
}

Status SpareRenderer::OnWarmedUp(const proto::WarmedUp& warmed_up) {
  if (state_ != State::kWarming || warmed_up.generation() != surface_->generation()) {
    return Error{"WarmedUp nobody asked for"};
  }
  state_ = State::kReady;
  host_->SetIdlePingInterval(context_.hang_timeout * kBackgroundPingFactor);
  if (context_.trace) {
    context_.trace->Instant("SpareRendererReady", host_->pid(),
                            "warmed up in " + std::to_string(warmed_up.work_us()) + " us");
  }
  return OkStatus();
}

std::optional<SpareRenderer::Taken> SpareRenderer::Take(int width, int height) {
  if (state_ != State::kReady || surface_->width() != width || surface_->height() != height) return std::nullopt;
  ++taken_;
  Taken taken{std::move(host_), std::move(surface_)};
  state_ = State::kIdle;
  if (wanted_) Schedule(kRefillDelay);
  return taken;
}

void SpareRenderer::OnRendererGone(const proto::DeathRecord& death) {
  // We are inside the host's own callback: destroy it after returning.
  DeleteSoon(context_.io, std::move(host_));
  surface_.reset();
  ++generation_;
  CrashPolicy::Decision decision = deaths_.OnCrash(CrashPolicy::Clock::now());
  proto::DeathRecord record = death;
  if (decision.restart) {
    record.set_restart_decision("spare renderer: a new one in " +
                                std::to_string(std::max(decision.delay, kRefillDelay).count()) + " ms");
    state_ = State::kIdle;
    if (wanted_) Schedule(std::max(decision.delay, kRefillDelay));
  } else {
    record.set_restart_decision("spare renderers stopped (" + decision.text + ")");
    state_ = State::kDisabled;
    timer_.cancel();
  }
  if (context_.trace) context_.trace->Instant("SpareRendererGone", record.pid(), record.restart_decision());
  if (context_.on_death) context_.on_death(record);
}

pid_t SpareRenderer::pid() const { return host_ && host_->alive() ? host_->pid() : -1; }

const char* SpareRenderer::state_name() const {
  switch (state_) {
    case State::kIdle:
      return "none";
    case State::kScheduled:
      return "scheduled";
    case State::kLaunching:
      return "launching";
    case State::kStarting:
      return "starting";
    case State::kWarming:
      return "warming up";
    case State::kReady:
      return "ready";
    case State::kDisabled:
      return "disabled";
  }
  return "unknown";
}

}  // namespace sandtab::browser
