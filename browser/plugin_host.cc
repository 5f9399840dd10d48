#include "browser/plugin_host.h"

#include <time.h>


#include "ipc/handshake.h"

namespace sandtab::browser {

using proto::DeathRecord;
using proto::PluginToBrowser;

const char* PluginInstanceStateName(PluginInstanceState state) {
  switch (state) {
    case PluginInstanceState::kStarting: return "starting";
    case PluginInstanceState::kRunning: return "running";
    case PluginInstanceState::kCrashed: return "crashed";
    case PluginInstanceState::kMissing: return "missing";
  }
  return "unknown";
}

PluginHost::PluginHost(boost::asio::io_context& io, ChildReaper& reaper, LaunchedChild child, std::string type,
                       bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client)
    : channel_(io, std::move(child.channel), ipc::FdPolicy::kRejectFds),
      type_(std::move(type)),
      client_(client),
      hang_monitor_(
          io, hang_timeout,
          [this](uint64_t cookie) {
            auto* ping = channel_.Compose();
            ping->mutable_ping()->set_cookie(cookie);
            channel_.Send(ping);
          },
          [this](std::chrono::milliseconds waited) {
            hang_monitor_.Stop();
            Kill(DeathRecord::UNRESPONSIVE, "no answer to a ping for " + std::to_string(waited.count()) + " ms");
          }) {
  process_ = ChildProcess::Create(io, reaper, child.pid, std::move(child.log), proto::PROCESS_TYPE_PLUGIN,
                                  log_to_stderr, [this](DeathRecord record) {
                                    hang_monitor_.Stop();
                                    channel_.Close();
                                    record.set_plugin_type(type_);
                                    client_->OnPluginGone(this, std::move(record));
                                  });
  channel_.Start(this);
  auto* hello = channel_.Compose();
  ipc::FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
  channel_.Send(hello);
}

PluginHost::~PluginHost() {
  hang_monitor_.Stop();
  process_->Abandon();
  channel_.Close();
}

void PluginHost::AddInstance(PluginInstance* instance) {
  instances_[instance->id] = instance;
  max_instance_id_seen_ = std::max(max_instance_id_seen_, instance->id);
  instance->host = this;
  if (ready_) SendCreate(instance);
}

void PluginHost::SendCreate(PluginInstance* instance) {
  auto fds = instance->sink->AttachRenderer();
  if (!fds) {
    instance->state = PluginInstanceState::kCrashed;
    instance->crash_reason = "cannot share its surface: " + fds.error();
    return;
  }
  auto* message = channel_.Compose();
  auto* create = message->mutable_create_instance();
  create->set_instance_id(instance->id);
  create->set_width(instance->sink->width());
  create->set_height(instance->sink->height());
  create->set_tab_id(instance->tab_id);
  for (const auto& [name, value] : instance->params) {
    auto* param = create->add_params();
    param->set_name(name);
    param->set_value(value);
  }
  channel_.Send(message, std::move(*fds));
}

void PluginHost::RemoveInstance(uint64_t instance_id) {
  auto it = instances_.find(instance_id);
  if (it == instances_.end()) return;
  it->second->host = nullptr;
  instances_.erase(it);
  if (!ready_) return;
  auto* message = channel_.Compose();
  message->mutable_destroy_instance()->set_instance_id(instance_id);
  channel_.Send(message);
}

void PluginHost::Click(uint64_t instance_id, int x, int y) {
  if (!ready_ || !instances_.count(instance_id)) return;
  auto* message = channel_.Compose();
  auto* click = message->mutable_click();
  click->set_instance_id(instance_id);
  click->set_x(x);
  click->set_y(y);
  channel_.Send(message);
}

void PluginHost::Kill(DeathRecord::Cause cause, const std::string& detail) {
  process_->Kill(cause, detail);  // before the close: see RendererHost::Kill
  channel_.Close();
}

void PluginHost::Shutdown() {
  // Closing the channel is the plugin's signal to exit; the reaper reports it.
  shutting_down_ = true;
  hang_monitor_.Stop();
  channel_.Close();
}

void PluginHost::ReportBadMessage(const std::string& reason) { Kill(DeathRecord::BAD_MESSAGE, reason); }

void PluginHost::OnMessage(const PluginToBrowser& message, std::vector<ipc::UniqueFd>) {
  Status status = Dispatch(message);
  if (!status) ReportBadMessage(status.error());
}

Status PluginHost::Dispatch(const PluginToBrowser& message) {
  if (!ready_) {
    if (message.body_case() != PluginToBrowser::kHello) return Error{"first message is not Hello"};
    Status hello = ipc::CheckHello(message.hello(), proto::PROCESS_TYPE_PLUGIN);
    if (!hello) return Error{"Hello: " + hello.error()};
    ready_ = true;
    hang_monitor_.Start();
    for (auto& [id, instance] : instances_) SendCreate(instance);
    return OkStatus();
  }
  switch (message.body_case()) {
    case PluginToBrowser::kHello: return Error{"Hello: sent twice"};
    case PluginToBrowser::kFrameReady: return OnFrameReady(message.frame_ready());
    case PluginToBrowser::kPong:
      if (!hang_monitor_.OnPong(message.pong().cookie())) return Error{"Pong: no ping with that cookie"};
      return OkStatus();
    case PluginToBrowser::BODY_NOT_SET: break;
  }
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
  auto to_ack = instance->sink->Present({frame.buffer(), instance->sink->generation(), frame.sequence(), frame.damage()});
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
    auto* message = channel_.Compose();
    auto* ack = message->mutable_frame_ack();
    ack->set_instance_id(frame.instance_id());
    ack->set_buffer(static_cast<uint32_t>(*to_ack));
    channel_.Send(message);
  }
  if (first) client_->OnInstanceFirstFrame(instance);
  return OkStatus();
}

void PluginHost::OnChannelClosed(ipc::CloseCause cause, const std::string& reason) {
  if (cause == ipc::CloseCause::kProtocolError) return ReportBadMessage(reason);
  // EOF or an I/O error: its death, if it is dying, comes from waitpid.
  process_->ExpectExit(reason);
}

}  // namespace sandtab::browser
