#ifndef SANDTAB_BROWSER_PLUGINS_PLUGIN_BROKER_H_
#define SANDTAB_BROWSER_PLUGINS_PLUGIN_BROKER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "browser/plugins/plugin_budget.h"
#include "browser/plugins/plugin_host.h"
#include "browser/plugins/plugin_instance.h"
#include "browser/plugins/plugin_relaunch_policy.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

struct BrowserConfig;
class ChildReaper;

// One plugin process per plugin type, started on first use, shared by every
// instance in every tab, stopped after a grace period once its last instance
// is gone (DESIGN section 1). A plugin's death marks its instances crashed in
// every tab that used it; the tabs themselves carry on.
//
// That process is shared, so no one page may break or fill it: an embed
// asking for a debug fault (without --enable-plugin-debug) or over its tab's
// budget (PluginBudget) is refused with a "blocked" placeholder before the
// plugin hears of it, and a process that died is relaunched only as the
// crash-loop policy allows (PluginRelaunchPolicy).
class PluginBroker : private PluginHost::Client {
 public:
  using DeathCallback = std::function<void(const proto::DeathRecord&)>;

  PluginBroker(boost::asio::io_context& io, const BrowserConfig& config, ChildReaper& reaper, ProcessRegistry& registry,
               std::chrono::milliseconds hang_timeout, CrashPolicyConfig relaunch, DeathCallback on_death);
  ~PluginBroker() override;

  static bool IsKnownType(const std::string& type);

  // An instance for one embed of a tab; an unknown type gets a "missing
  // plugin" instance that never starts a process, a refused one a "blocked"
  // instance that never reaches it.
  PluginInstance* CreateInstance(int tab_id, const proto::EmbedInfo& embed);
  void DestroyInstance(uint64_t instance_id);
  void DestroyInstancesOfTab(int tab_id);
  std::vector<PluginInstance*> InstancesOfTab(int tab_id) const;
  void Click(PluginInstance* instance, int x, int y);

  // Told when an instance shows its first frame or dies, so a tab waiting to
  // be "painted" (which includes its plugins) can re-check.
  void set_on_instance_changed(std::function<void(int tab_id)> callback) { on_instance_changed_ = std::move(callback); }
  // Every instance of the tab shows something final: a frame, or a
  // placeholder (missing, crashed).
  bool TabPluginsPainted(int tab_id) const;
  void NotifyInstanceChanged(int tab_id) {
    if (on_instance_changed_) on_instance_changed_(tab_id);
  }

  const std::map<std::string, std::unique_ptr<PluginHost>>& hosts() const { return hosts_; }
  PluginHost* HostForType(const std::string& type);
  // `crash plugin NAME`.
  Status KillPlugin(const std::string& type);
  // The user reloads the tab: the plugin types it uses start their crash
  // policy over (as a reload does for a tab's renderer).
  void OnUserReload(int tab_id);

  const PluginBudget& budget() const { return budget_; }
  PluginRelaunchPolicy& relaunch_policy() { return relaunch_; }
  const std::map<uint64_t, std::unique_ptr<PluginInstance>>& instances() const { return instances_; }

 private:
  void OnPluginGone(PluginHost* host, proto::DeathRecord record) override;
  void OnInstanceFirstFrame(PluginInstance* instance) override { NotifyInstanceChanged(instance->tab_id); }
  PluginHost* StartHost(const std::string& type, std::string* error);
  // Why this embed may not have an instance now ("" if it may).
  std::string Refusal(const PluginInstance& instance, int width, int height);
  // Gives the instance a process: the running one, a new one, or one the
  // relaunch policy starts later (LaunchWaiting).
  void Connect(PluginInstance* instance);
  void LaunchWaiting(const std::string& type);
  // The instance shows a placeholder from now on: its surface and its
  // charge are given back.
  void Retire(PluginInstance* instance, PluginInstanceState state, std::string reason);
  void MaybeStopHost(const std::string& type);

  boost::asio::io_context& io_;
  const BrowserConfig& config_;
  ChildReaper& reaper_;
  ProcessRegistry& registry_;
  std::chrono::milliseconds hang_timeout_;
  DeathCallback on_death_;
  std::function<void(int tab_id)> on_instance_changed_;
  std::map<std::string, std::unique_ptr<PluginHost>> hosts_;
  std::map<uint64_t, std::unique_ptr<PluginInstance>> instances_;
  uint64_t next_instance_id_ = 1;
  std::map<std::string, std::unique_ptr<boost::asio::steady_timer>> grace_timers_;
  std::map<std::string, std::unique_ptr<boost::asio::steady_timer>> relaunch_timers_;
  PluginBudget budget_;
  PluginRelaunchPolicy relaunch_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGINS_PLUGIN_BROKER_H_
