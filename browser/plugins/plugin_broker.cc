#include "browser/plugins/plugin_broker.h"

#include <boost/asio/post.hpp>
#include <set>

#include "base/delete_soon.h"
#include "browser/common/browser_config.h"
#include "browser/process/child_launcher.h"
#include "browser/process/death_classifier.h"
#include "browser/plugins/plugin_debug_params.h"
#include "proto/limits.h"
#include "proto/plugin_types.h"

namespace sandtab::browser {
namespace {

// After its last instance goes, a plugin process lingers this long, so a
// reload or the next page with the same plugin does not pay for a new one.
constexpr std::chrono::milliseconds kGracePeriod{2000};

}  // namespace

PluginBroker::PluginBroker(boost::asio::io_context& io, const BrowserConfig& config, ChildReaper& reaper,
                           ProcessRegistry& registry, std::chrono::milliseconds hang_timeout,
                           CrashPolicyConfig relaunch, DeathCallback on_death)
    : io_(io),
      config_(config),
      reaper_(reaper),
      registry_(registry),
      hang_timeout_(hang_timeout),
      on_death_(std::move(on_death)),
      relaunch_(relaunch) {}

PluginBroker::~PluginBroker() {
  grace_timers_.clear();
  relaunch_timers_.clear();
  hosts_.clear();  // kills what is left; the reaper reaps
}

bool PluginBroker::IsKnownType(const std::string& type) { return proto::IsPluginTypeName(type); }

PluginHost* PluginBroker::HostForType(const std::string& type) {
  auto it = hosts_.find(type);
  return it == hosts_.end() ? nullptr : it->second.get();
}

PluginHost* PluginBroker::StartHost(const std::string& type, std::string* error) {
  LaunchRequest request;
  request.kind = ChildKind::kPlugin;
  request.sandbox = config_.sandbox ? SandboxMode::kSandboxed : SandboxMode::kUnsandboxed;
  SetProgram(request, config_.plugin_launcher, config_.bin_dir, config_.bin_dir + "/sandtab-plugin");
  request.argv.push_back("--type=" + type);
  if (!config_.sandbox) request.argv.push_back("--no-sandbox");
  // The plugin acts on debug params only when told (the browser has refused
  // them already otherwise): a second lock on the same door.
  if (config_.enable_plugin_debug) request.argv.push_back("--enable-plugin-debug");
  // Plugins start cold and at once: one process per type is started rarely.
  auto child = ColdLauncher::LaunchNow(request);
  if (!child) {
    *error = child.error();
    return nullptr;
  }
  auto host = std::make_unique<PluginHost>(io_, reaper_, registry_, std::move(*child), type, config_.enable_logging,
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
  const std::string_view type = proto::PluginTypeOfMime(mime);
  const bool ours = !type.empty();
  instance->type = ours ? std::string(type) : mime;
  PluginInstance* raw = instance.get();
  instances_[raw->id] = std::move(instance);
  if (!ours || !IsKnownType(raw->type)) {
    raw->state = PluginInstanceState::kMissing;
    return raw;
  }
  const int width = std::clamp(raw->rect.width(), 1, proto::kMaxEmbedSide);
  const int height = std::clamp(raw->rect.height(), 1, proto::kMaxEmbedSide);
  if (std::string refusal = Refusal(*raw, width, height); !refusal.empty()) {
    raw->state = PluginInstanceState::kBlocked;
    raw->crash_reason = std::move(refusal);
    return raw;
  }
  raw->charged_width = width;
  raw->charged_height = height;
  auto sink = FrameSink::Create(width, height);
  if (!sink) {
    Retire(raw, PluginInstanceState::kCrashed, sink.error());
    return raw;
  }
  raw->sink = std::move(*sink);
  Connect(raw);
  return raw;
}

std::string PluginBroker::Refusal(const PluginInstance& instance, int width, int height) {
  if (!config_.enable_plugin_debug) {
    if (std::string debug = FindPluginDebugParam(instance.params); !debug.empty()) {
      return "the page asks for the debug param '" + debug + "', which only --enable-plugin-debug allows";
    }
  }
  const auto now = PluginRelaunchPolicy::Clock::now();
  const PluginHost* host = HostForType(instance.type);
  if (!host || host->shutting_down()) {
    PluginRelaunchPolicy::Gate gate = relaunch_.Check(instance.type, now);
    if (gate.state == PluginRelaunchPolicy::State::kCrashLoop) return gate.text;
  }
  return budget_.Charge(instance.tab_id, instance.type, width, height, now);
}

void PluginBroker::Connect(PluginInstance* instance) {
  grace_timers_.erase(instance->type);
  PluginHost* host = HostForType(instance->type);
  // One that was let go after its grace period is on its way out: the new
  // process takes its place (OnPluginGone then leaves the new one alone).
  if (host && host->shutting_down()) host = nullptr;
  if (host) return host->AddInstance(instance);
  PluginRelaunchPolicy::Gate gate = relaunch_.Check(instance->type, PluginRelaunchPolicy::Clock::now());
  if (gate.state == PluginRelaunchPolicy::State::kBackoff) {
    // The instance waits ("starting") with its surface; one timer per type
    // launches the process for every instance that waits by then.
    auto& timer = relaunch_timers_[instance->type];
    if (!timer) {
      timer = std::make_unique<boost::asio::steady_timer>(io_, gate.not_before);
      timer->async_wait([this, type = instance->type](const boost::system::error_code& ec) {
        if (!ec) LaunchWaiting(type);
      });
    }
    return;
  }
  std::string error;
  if (!(host = StartHost(instance->type, &error))) {
    relaunch_.OnDeath(instance->type, PluginRelaunchPolicy::Clock::now());
    return Retire(instance, PluginInstanceState::kCrashed, "launch failed: " + error);
  }
  host->AddInstance(instance);
}

void PluginBroker::LaunchWaiting(const std::string& type) {
  relaunch_timers_.erase(type);  // its handler is this call: the timer may go
  std::vector<PluginInstance*> waiting;
  for (auto& [id, instance] : instances_) {
    if (instance->type == type && instance->state == PluginInstanceState::kStarting && !instance->host &&
        instance->sink) {
      waiting.push_back(instance.get());
    }
  }
  for (PluginInstance* instance : waiting) Connect(instance);
}

void PluginBroker::Retire(PluginInstance* instance, PluginInstanceState state, std::string reason) {
  instance->state = state;
  instance->crash_reason = std::move(reason);
  instance->sink.reset();  // unmaps and closes its memfds: a placeholder pins no shared memory
  if (instance->charged_width > 0) {
    budget_.Release(instance->tab_id, instance->type, instance->charged_width, instance->charged_height);
    instance->charged_width = instance->charged_height = 0;
  }
}

void PluginBroker::DestroyInstance(uint64_t instance_id) {
  auto it = instances_.find(instance_id);
  if (it == instances_.end()) return;
  PluginInstance* instance = it->second.get();
  std::string type = instance->type;
  if (PluginHost* host = instance->host) host->RemoveInstance(instance_id);
  Retire(instance, instance->state, instance->crash_reason);
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

void PluginBroker::OnUserReload(int tab_id) {
  for (PluginInstance* instance : InstancesOfTab(tab_id)) relaunch_.Reset(instance->type);
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
    Retire(instance.get(), PluginInstanceState::kCrashed, DescribeDeath(record));
    tabs.insert(instance->tab_id);
  }
  for (int tab : tabs) record.add_tab_ids(tab);
  // A process we let go after its grace period ending cleanly is no death.
  const bool planned = host->shutting_down() && tabs.empty() && record.cause() == proto::DeathRecord::EXITED;
  if (planned) {
    record.set_restart_decision("not needed");
  } else {
    // Every other end counts towards a crash loop, whoever caused it.
    record.set_restart_decision(relaunch_.OnDeath(host->type(), PluginRelaunchPolicy::Clock::now()));
  }
  if (on_death_ && !planned) on_death_(record);
  for (int tab : tabs) NotifyInstanceChanged(tab);
  // We are inside the host's own callback: destroy it after returning.
  auto it = hosts_.find(host->type());
  if (it != hosts_.end() && it->second.get() == host) {
    DeleteSoon(io_, std::move(it->second));
    hosts_.erase(it);
  }
}

}  // namespace sandtab::browser
