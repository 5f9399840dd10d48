#include "plugin/plugin_service.h"

#include <boost/asio/post.hpp>
#include <algorithm>
#include <cstdio>

#include "plugin/debug_params.h"

namespace sandtab::plugin {

using proto::BrowserToPlugin;

PluginService::PluginService(boost::asio::io_context& io, UniqueFd channel, const PluginType& type, PluginConfig config)
    : io_(io),
      endpoint_(io, std::move(channel), proto::PROCESS_TYPE_PLUGIN),
      link_(endpoint_.channel()),
      type_(type),
      config_(config),
      ticker_(io, kFrameInterval, [this] { OnTimer(); }) {}

PluginService::~PluginService() = default;

void PluginService::Start() { endpoint_.Start(this); }

void PluginService::OnEndpointStopped(const std::string&) {
  ticker_.Cancel();
  io_.stop();
}

void PluginService::OnBrowserMessage(const BrowserToPlugin& message, std::vector<UniqueFd> fds) {
  switch (message.body_case()) {
    case BrowserToPlugin::kCreateInstance:
      return OnCreateInstance(message.create_instance(), std::move(fds));
    case BrowserToPlugin::kDestroyInstance:
      return OnDestroyInstance(message.destroy_instance());
    case BrowserToPlugin::kFrameAck:
      return OnFrameAck(message.frame_ack());
    case BrowserToPlugin::kClick:
      return OnClick(message.click());
    // The endpoint's, on this loop: a hung instance (hang=1) answers no ping.
    case BrowserToPlugin::kHello:
    case BrowserToPlugin::kPing:
    case BrowserToPlugin::BODY_NOT_SET:
      break;
  }
  Stop("unknown message");
}

void PluginService::OnCreateInstance(const proto::CreateInstance& request, std::vector<UniqueFd> fds) {
  const uint64_t id = request.instance_id();
  if (instances_.count(id)) return Stop("CreateInstance: instance " + std::to_string(id) + " already exists");
  if (instances_.size() >= kMaxInstances) return Stop("CreateInstance: over the cap of 200 instances");
  const int held = request.has_held_buffer() ? static_cast<int>(std::min(request.held_buffer(), 2u)) : -1;
  auto surface = InstanceSurface::Adopt(std::move(fds), request.width(), request.height(), held);
  if (!surface) return Stop("CreateInstance: " + surface.error());

  PluginParams params;
  for (const proto::PluginParam& param : request.params()) params.Add(param.name(), param.value());
  // The browser refuses these unless the user enabled them; ignoring them
  // here too means a slip in the browser's check is not a page's crash button.
  switch (config_.debug_params ? DebugActionFor(params) : DebugAction::kNone) {
    case DebugAction::kCrash:
      CrashOnPurpose();
    case DebugAction::kHang:
      HangOnPurpose();
    case DebugAction::kBadMessage:
      link_.PresentInstanceFrameOfNoBuffer(id);
      break;
    case DebugAction::kNone:
      break;
  }

  auto instance = std::make_unique<Instance>();
  instance->id = id;
  instance->tab_id = request.tab_id();
  instance->plugin = type_.create(params);
  instance->surface = std::move(*surface);
  if (config_.verbosity > 0) {
    std::fprintf(stderr, "sandtab-plugin[%.*s]: instance %llu (tab %d) %dx%d\n", static_cast<int>(type_.name.size()),
                 type_.name.data(), static_cast<unsigned long long>(id), request.tab_id(), request.width(),
                 request.height());
  }
  instances_[id] = std::move(instance);
  SchedulePaint();  // the first frame, at once
  ArmTimerIfNeeded();
}

void PluginService::OnDestroyInstance(const proto::DestroyInstance& request) {
  // An unknown id is harmless (e.g. a page closed while its instance was
  // refused); the browser drops frames still in flight for it.
  instances_.erase(request.instance_id());
}

void PluginService::OnFrameAck(const proto::InstanceFrameAck& ack) {
  auto it = instances_.find(ack.instance_id());
  if (it == instances_.end()) return;  // destroyed meanwhile
  Instance& instance = *it->second;
  if (!instance.surface->MarkReturned(static_cast<int>(ack.buffer()))) {
    return Stop("InstanceFrameAck for a buffer the browser does not hold");
  }
  if (instance.paint_wanted) SchedulePaint();
}

void PluginService::OnClick(const proto::InstanceClick& click) {
  auto it = instances_.find(click.instance_id());
  if (it == instances_.end()) return;
  Instance& instance = *it->second;
  // The browser routes clicks inside the instance; clamp anyway, so a plugin
  // type never sees coordinates outside itself.
  const int x = std::clamp(click.x(), 0, instance.surface->width() - 1);
  const int y = std::clamp(click.y(), 0, instance.surface->height() - 1);
  if (instance.plugin->OnClick(x, y)) {
    instance.paint_wanted = true;
    SchedulePaint();
  }
  ArmTimerIfNeeded();  // a click may have resumed an animation
}

void PluginService::SchedulePaint() {
  if (paint_scheduled_) return;
  paint_scheduled_ = true;
  boost::asio::post(io_, [this] {
    paint_scheduled_ = false;
    PaintWanted();
  });
}

void PluginService::PaintWanted() {
  for (auto& [id, instance] : instances_) {
    if (instance->paint_wanted) PaintInstance(*instance);
  }
}

void PluginService::PaintInstance(Instance& instance) {
  InstanceSurface& surface = *instance.surface;
  const int buffer = surface.FreeBuffer();
  if (buffer < 0) return;  // both on screen: the next ack paints
  instance.paint_wanted = false;
  cairo_surface_t* target = surface.CairoSurface(buffer);
  cairo_t* cr = cairo_create(target);
  instance.plugin->Paint(cr, surface.width(), surface.height());
  cairo_destroy(cr);
  cairo_surface_flush(target);
  surface.MarkPresented(buffer);

  link_.PresentInstanceFrame(instance.id, static_cast<uint32_t>(buffer), ++instance.sequence, surface.width(),
                             surface.height());
}

void PluginService::ArmTimerIfNeeded() {
  if (ticker_.armed()) return;
  bool any_animated = false;
  for (auto& [id, instance] : instances_) any_animated = any_animated || instance->plugin->Animated();
  if (any_animated) ticker_.Arm();  // an idle process sleeps: no wake-ups at all
}

void PluginService::OnTimer() {
  const int64_t now_us = MonotonicMicros();
  for (auto& [id, instance] : instances_) {
    if (!instance->plugin->Animated()) continue;
    instance->plugin->Tick(now_us);
    instance->paint_wanted = true;
    PaintInstance(*instance);
  }
  ArmTimerIfNeeded();
}

}  // namespace sandtab::plugin
