#include "browser/plugins/plugin_host.h"

#include <time.h>

#include <algorithm>

namespace sandtab::browser {

using proto::DeathRecord;
using proto::PluginToBrowser;

const char* PluginInstanceStateName(PluginInstanceState state) {
  switch (state) {
    case PluginInstanceState::kStarting:
      return "starting";
    case PluginInstanceState::kRunning:
      return "running";
    case PluginInstanceState::kCrashed:
      return "crashed";
    case PluginInstanceState::kMissing:
      return "missing";
    case PluginInstanceState::kBlocked:
      return "blocked";
  }
  return "unknown";
}

PluginHost::PluginHost(boost::asio::io_context& io, ChildReaper& reaper, ProcessRegistry& registry, LaunchedChild child,
                       std::string type, bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client)
    : ChildHost(io, reaper, registry, std::move(child), proto::PROCESS_TYPE_PLUGIN, log_to_stderr, hang_timeout),
      type_(std::move(type)),
      client_(client) {
  ProcessUse use;
  use.role = ProcessRole::kPlugin;
  use.plugin_type = type_;
  use.state = [this] { return std::to_string(instances_.size()) + " instances"; };
  SetUse(std::move(use));
}

void PluginHost::OnChildGone(DeathRecord record) {
  record.set_plugin_type(type_);
  client_->OnPluginGone(this, std::move(record));
}

void PluginHost::OnReady() {
  for (auto& [id, instance] : instances_) SendCreate(instance);
}

void PluginHost::AddInstance(PluginInstance* instance) {
  instances_[instance->id] = instance;
  max_instance_id_seen_ = std::max(max_instance_id_seen_, instance->id);
  instance->host = this;
  if (ready()) SendCreate(instance);
}

void PluginHost::SendCreate(PluginInstance* instance) {
  auto fds = instance->sink->AttachRenderer();
  if (!fds) {
    instance->state = PluginInstanceState::kCrashed;
    instance->crash_reason = "cannot share its surface: " + fds.error();
    return;
  }
  auto* message = Compose();
  auto* create = message->mutable_create_instance();
  create->set_instance_id(instance->id);
  create->set_width(instance->sink->width());
  create->set_height(instance->sink->height());
  create->set_tab_id(instance->tab_id);
  if (instance->sink->held_buffer() >= 0) {
    create->set_held_buffer(static_cast<uint32_t>(instance->sink->held_buffer()));
  }
  for (const auto& [name, value] : instance->params) {
    auto* param = create->add_params();
    param->set_name(name);
    param->set_value(value);
  }
  Send(message, std::move(*fds));
}

void PluginHost::RemoveInstance(uint64_t instance_id) {
  auto it = instances_.find(instance_id);
  if (it == instances_.end()) return;
  it->second->host = nullptr;
  instances_.erase(it);
  if (!ready()) return;
  auto* message = Compose();
  message->mutable_destroy_instance()->set_instance_id(instance_id);
  Send(message);
}

void PluginHost::Click(uint64_t instance_id, int x, int y) {
  if (!ready() || !instances_.count(instance_id)) return;
  auto* message = Compose();
  auto* click = message->mutable_click();
  click->set_instance_id(instance_id);
  click->set_x(x);
  click->set_y(y);
  Send(message);
}

void PluginHost::Shutdown() {
  // Closing the channel is the plugin's signal to exit; the reaper reports it.
  shutting_down_ = true;
  CloseChannel();
}

Status PluginHost::OnChildMessage(const PluginToBrowser& message) {
  if (message.has_frame_ready()) return OnFrameReady(message.frame_ready());
  return Error{"unknown message"};
}

Status PluginHost::OnFrameReady(const proto::InstanceFrameReady& frame) {
  auto it = instances_.find(frame.instance_id());
  // A frame for an instance destroyed a moment ago is in flight legitimately;
  // an id this process was never given is not.
  if (it == instances_.end()) {
    if (frame.instance_id() == 0 || frame.instance_id() > max_instance_id_seen_) {
      return Error{"InstanceFrameReady for instance " + std::to_string(frame.instance_id()) + " it was never given"};
    }
    return OkStatus();
  }
  PluginInstance* instance = it->second;
  auto to_ack =
      instance->sink->Present({frame.buffer(), instance->sink->generation(), frame.sequence(), frame.damage()});
  if (!to_ack) return Error{"InstanceFrameReady: " + to_ack.error()};
  ++frames_;
  const bool first = instance->state == PluginInstanceState::kStarting;
  instance->state = PluginInstanceState::kRunning;
  timespec now;
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  const int64_t now_us = int64_t{now.tv_sec} * 1000000 + now.tv_nsec / 1000;
  if (frame.painted_at_us() > 0 && frame.painted_at_us() <= now_us) {
    instance->last_latency_us = now_us - frame.painted_at_us();
  }
  if (*to_ack >= 0) {
    auto* message = Compose();
    auto* ack = message->mutable_frame_ack();
    ack->set_instance_id(frame.instance_id());
    ack->set_buffer(static_cast<uint32_t>(*to_ack));
    Send(message);
  }
  if (first) client_->OnInstanceFirstFrame(instance);
  return OkStatus();
}

}  // namespace sandtab::browser
