#ifndef SANDTAB_BROWSER_PLUGIN_HOST_H_
#define SANDTAB_BROWSER_PLUGIN_HOST_H_

#include <boost/asio/io_context.hpp>

#include <map>
#include <memory>
#include <string>

#include "browser/child_launcher.h"
#include "browser/child_process.h"
#include "browser/hang_monitor.h"
#include "browser/plugin_instance.h"
#include "ipc/message_channel.h"
#include "proto/plugin.pb.h"

namespace sandtab::browser {

class ChildReaper;

// The browser's end of one plugin process: every instance of one plugin
// type, in every tab. Like RendererHost it validates everything the plugin
// says and kills it (never a tab) for a bad message.
class PluginHost : private ipc::MessageChannel<proto::PluginToBrowser, proto::BrowserToPlugin>::Delegate {
 public:
  class Client {
   public:
    virtual ~Client() = default;
    // Once, after the process was reaped; the host may be destroyed then.
    virtual void OnPluginGone(PluginHost* host, proto::DeathRecord record) = 0;
    // An instance showed its first frame.
    virtual void OnInstanceFirstFrame(PluginInstance* instance) = 0;
  };

  PluginHost(boost::asio::io_context& io, ChildReaper& reaper, LaunchedChild child, std::string type,
             bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client);
  ~PluginHost() override;

  const std::string& type() const { return type_; }
  pid_t pid() const { return process_->pid(); }
  bool alive() const { return process_->alive(); }
  uint64_t frames() const { return frames_; }
  // Shutdown() was called: its exit is the plan, not a death.
  bool shutting_down() const { return shutting_down_; }
  const std::map<uint64_t, PluginInstance*>& instances() const { return instances_; }

  // Sends CreateInstance with the instance's two buffers (after the Hello).
  void AddInstance(PluginInstance* instance);
  void RemoveInstance(uint64_t instance_id);
  void Click(uint64_t instance_id, int x, int y);
  void Kill(proto::DeathRecord::Cause cause, const std::string& detail);
  // No instances left after the grace period: let it exit.
  void Shutdown();

 private:
  void OnMessage(const proto::PluginToBrowser& message, std::vector<ipc::UniqueFd> fds) override;
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override;
  Status Dispatch(const proto::PluginToBrowser& message);
  Status OnFrameReady(const proto::InstanceFrameReady& frame);
  void SendCreate(PluginInstance* instance);
  void ReportBadMessage(const std::string& reason);

  ipc::MessageChannel<proto::PluginToBrowser, proto::BrowserToPlugin> channel_;
  std::shared_ptr<ChildProcess> process_;
  std::string type_;
  Client* client_;
  HangMonitor hang_monitor_;
  bool ready_ = false;
  bool shutting_down_ = false;
  std::map<uint64_t, PluginInstance*> instances_;
  uint64_t max_instance_id_seen_ = 0;  // ids are never reused
  uint64_t frames_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGIN_HOST_H_
