#ifndef SANDTAB_BROWSER_PLUGINS_PLUGIN_HOST_H_
#define SANDTAB_BROWSER_PLUGINS_PLUGIN_HOST_H_

#include <boost/asio/io_context.hpp>

#include <map>
#include <memory>
#include <string>

#include "browser/process/child_host.h"
#include "browser/plugins/plugin_instance.h"
#include "proto/plugin.pb.h"

namespace sandtab::browser {

// The browser's end of one plugin process: every instance of one plugin
// type, in every tab. Like RendererHost it validates everything the plugin
// says and kills it (never a tab) for a bad message.
class PluginHost : public ChildHost<proto::PluginToBrowser, proto::BrowserToPlugin> {
 public:
  class Client {
   public:
    virtual ~Client() = default;
    // Once, after the process was reaped; the host may be destroyed then.
    virtual void OnPluginGone(PluginHost* host, proto::DeathRecord record) = 0;
    // An instance showed its first frame.
    virtual void OnInstanceFirstFrame(PluginInstance* instance) = 0;
  };

  PluginHost(boost::asio::io_context& io, ChildReaper& reaper, ProcessRegistry& registry, LaunchedChild child,
             std::string type, bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client);

  const std::string& type() const { return type_; }
  uint64_t frames() const { return frames_; }
  // Shutdown() was called: its exit is the plan, not a death.
  bool shutting_down() const { return shutting_down_; }
  const std::map<uint64_t, PluginInstance*>& instances() const { return instances_; }

  // Sends CreateInstance with the instance's two buffers (after the Hello).
  void AddInstance(PluginInstance* instance);
  void RemoveInstance(uint64_t instance_id);
  void Click(uint64_t instance_id, int x, int y);
  // No instances left after the grace period: let it exit.
  void Shutdown();

 private:
  void OnReady() override;
  Status OnChildMessage(const proto::PluginToBrowser& message) override;
  void OnChildGone(proto::DeathRecord record) override;
  Status OnFrameReady(const proto::InstanceFrameReady& frame);
  void SendCreate(PluginInstance* instance);

  std::string type_;
  Client* client_;
  bool shutting_down_ = false;
  std::map<uint64_t, PluginInstance*> instances_;
  uint64_t max_instance_id_seen_ = 0;  // ids are never reused
  uint64_t frames_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGINS_PLUGIN_HOST_H_
