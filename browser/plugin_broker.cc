#include "browser/plugin_broker.h"

#include <boost/asio/post.hpp>
#include <set>

#include "browser/browser_config.h"
#include "browser/child_launcher.h"
#include "browser/death_classifier.h"

namespace sandtab::browser {
namespace {

// After its last instance goes, a plugin process lingers this long, so a
// reload or the next page with the same plugin does not pay for a new one.
constexpr std::chrono::milliseconds kGracePeriod{2000};
constexpr int kMaxInstanceSide = 4096;
// One plugin process serves at most this many instances (each holds two
// fds in it; the plugin refuses more and would end for every tab).
constexpr size_t kMaxInstancesPerProcess = 200;

const std::set<std::string>& KnownTypes() {
  static const std::set<std::string> types = {"clock", "chart", "ppm"};
  return types;
}

}  // namespace

PluginBroker::PluginBroker(boost::asio::io_context& io, const BrowserConfig& config, ChildReaper& reaper,
                           std::chrono::milliseconds hang_timeout, DeathCallback on_death)
    : io_(io),
      config_(config),
      reaper_(reaper),
      hang_timeout_(hang_timeout),
      on_death_(std::move(on_death)) {}

PluginBroker::~PluginBroker() {
  grace_timers_.clear();
  hosts_.clear();  // kills what is left; the reaper reaps
}

bool PluginBroker::IsKnownType(const std::string& type) { return KnownTypes().count(type) > 0; }

PluginHost* PluginBroker::HostForType(const std::string& type) {
  auto it = hosts_.find(type);
  return it == hosts_.end() ? nullptr : it->second.get();
}

PluginHost* PluginBroker::StartHost(const std::string& type, std::string* error) {
  LaunchRequest request;
  request.kind = ChildKind::kPlugin;
  request.sandbox = config_.sandbox ? SandboxMode::kSandboxed : SandboxMode::kUnsandboxed;
  request.argv = config_.plugin_launcher;
  if (!request.argv.empty()) request.view_dirs = {config_.bin_dir};
  request.argv.push_back(config_.bin_dir + "/sandtab-plugin");
  request.argv.push_back("--type=" + type);
  if (!config_.sandbox) request.argv.push_back("--no-sandbox");
  // Plugins start cold and at once: one process per type is started rarely.
  auto child = ColdLauncher::LaunchNow(request);
  if (!child) {
    *error = child.error();
    return nullptr;
  }
  auto host = std::make_unique<PluginHost>(io_, reaper_, std::move(*child), type, config_.enable_logging,
                                           hang_timeout_, static_cast<PluginHost::Client*>(this));
  PluginHost* raw = host.get();
  hosts_[type] = std::move(host);
  return raw;
}

PluginInstance* PluginBroker::CreateInstance(int tab_id, const proto::EmbedInfo& embed) {
  auto instance = std::make_unique<PluginInstance>();
  instance->id = next_instance_id_++;
  instance->tab_id = tab_id;
  instance->rect = embed.rect();
  for (const auto& param : embed.params()) instance->params.emplace_back(param.name(), param.value());
  const std::string& mime = embed.mime_type();
  const bool ours = mime.rfind(kMimePrefix, 0) == 0;
  instance->type = ours ? mime.substr(sizeof(kMimePrefix) - 1) : mime;
  PluginInstance* raw = instance.get();
  instances_[raw->id] = std::move(instance);
  if (!ours || !IsKnownType(raw->type)) {
    raw->state = PluginInstanceState::kMissing;
    return raw;
  }
  const int width = std::clamp(raw->rect.width(), 1, kMaxInstanceSide);
  const int height = std::clamp(raw->rect.height(), 1, kMaxInstanceSide);
  auto sink = FrameSink::Create(width, height);
  if (!sink) {
    raw->state = PluginInstanceState::kCrashed;
    raw->crash_reason = sink.error();
    return raw;
  }
  raw->sink = std::move(*sink);
  grace_timers_.erase(raw->type);
  PluginHost* host = HostForType(raw->type);
  std::string error;
  if (!host && !(host = StartHost(raw->type, &error))) {
    raw->state = PluginInstanceState::kCrashed;
    raw->crash_reason = "launch failed: " + error;
    return raw;
  }
  if (host->instances().size() >= kMaxInstancesPerProcess) {
    raw->state = PluginInstanceState::kCrashed;
    raw->crash_reason = "too many " + raw->type + " instances (at most " +
                        std::to_string(kMaxInstancesPerProcess) + " per plugin process)";
    return raw;
  }
  host->AddInstance(raw);
  return raw;
}

void PluginBroker::DestroyInstance(uint64_t instance_id) {
  auto it = instances_.find(instance_id);
  if (it == instances_.end()) return;
  std::string type = it->second->type;
  if (PluginHost* host = it->second->host) host->RemoveInstance(instance_id);
  instances_.erase(it);
  MaybeStopHost(type);
}

void PluginBroker::DestroyInstancesOfTab(int tab_id) {
  for (PluginInstance* instance : InstancesOfTab(tab_id)) DestroyInstance(instance->id);
}

std::vector<PluginInstance*> PluginBroker::InstancesOfTab(int tab_id) const {
  std::vector<PluginInstance*> result;
  for (const auto& [id, instance] : instances_) {
    if (instance->tab_id == tab_id) result.push_back(instance.get());
  }
  return result;
}

bool PluginBroker::TabPluginsPainted(int tab_id) const {
  for (const auto& [id, instance] : instances_) {
    if (instance->tab_id == tab_id && instance->state == PluginInstanceState::kStarting) return false;
  }
  return true;
}

void PluginBroker::Click(PluginInstance* instance, int x, int y) {
  if (instance->host) instance->host->Click(instance->id, x, y);
}

Status PluginBroker::KillPlugin(const std::string& type) {
  PluginHost* host = HostForType(type);
  if (!host || !host->alive()) return Error{"no plugin process of type '" + type + "' (see 'plugins')"};
  // A plugin is pid 1 of its PID namespace, which ignores signals it has no
  // handler for from outside, except SIGKILL.
  host->Kill(proto::DeathRecord::KILLED_BY_USER, "crash plugin from the shell");
  return OkStatus();
}

void PluginBroker::MaybeStopHost(const std::string& type) {
  PluginHost* host = HostForType(type);
  if (!host || !host->instances().empty()) return;
  auto& timer = grace_timers_[type];
  timer = std::make_unique<boost::asio::steady_timer>(io_, kGracePeriod);
  timer->async_wait([this, type](const boost::system::error_code& ec) {
    if (ec) return;
    PluginHost* host = HostForType(type);
    if (host && host->instances().empty()) host->Shutdown();
  });
}

void PluginBroker::OnPluginGone(PluginHost* host, proto::DeathRecord record) {
  std::set<int> tabs;
  for (auto& [id, instance] : instances_) {
    if (instance->host != host) continue;
    instance->host = nullptr;
    instance->state = PluginInstanceState::kCrashed;
    instance->crash_reason = DescribeDeath(record);
    tabs.insert(instance->tab_id);
  }
  for (int tab : tabs) record.add_tab_ids(tab);
  record.set_restart_decision(tabs.empty() ? "not needed" : "restarts when a tab using it reloads");
  // A process we let go after its grace period ending cleanly is no death.
  const bool planned = host->shutting_down() && tabs.empty() && record.cause() == proto::DeathRecord::EXITED;
  if (on_death_ && !planned) on_death_(record);
  for (int tab : tabs) NotifyInstanceChanged(tab);
  // We are inside the host's own callback: destroy it after returning.
  auto it = hosts_.find(host->type());
  if (it != hosts_.end() && it->second.get() == host) {
    boost::asio::post(io_, [dead = std::shared_ptr<PluginHost>(std::move(it->second))] {});
    hosts_.erase(it);
  }
}

}  // namespace sandtab::browser
