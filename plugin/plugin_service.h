#ifndef SANDTAB_PLUGIN_PLUGIN_SERVICE_H_
#define SANDTAB_PLUGIN_PLUGIN_SERVICE_H_

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "plugin/frame_ticker.h"
#include "plugin/instance_surface.h"
#include "plugin/plugin_instance.h"
#include "plugin/plugin_link.h"
#include "plugin/plugin_registry.h"
#include "proto/plugin.pb.h"

namespace sandtab::plugin {

struct PluginConfig {
  bool sandboxed = true;
  int verbosity = 0;
  bool debug_params = false;  // --enable-plugin-debug: act on crash=1, hang=1, badmessage=1
};

// Every instance of one plugin type in every tab. Built as the renderer's
// service is: BrowserEndpoint says Hello, answers pings and stops on protocol
// errors, PluginLink says the rest; after the Hello the browser creates,
// clicks, acks and destroys instances; each instance paints into a
// free buffer of its own surface and reports InstanceFrameReady. Animated
// instances share one timer (~30 fps), so one process drives them all with
// one wake-up per frame. The browser is trusted here, but what it sends is
// still checked (seals, sizes, ids); any protocol error ends the process,
// which the browser sees as a plugin crash.
class PluginService : private BrowserEndpoint::Delegate {
 public:
  static constexpr std::chrono::microseconds kFrameInterval{33'333};
  // The sandbox allows 512 open files; each instance holds two buffer fds.
  static constexpr size_t kMaxInstances = 200;

  PluginService(boost::asio::io_context& io, UniqueFd channel, const PluginType& type, PluginConfig config);
  ~PluginService() override;

  void Start();
  // Why the service stopped (empty while running).
  const std::string& exit_reason() const { return endpoint_.stop_reason(); }
  size_t instance_count() const { return instances_.size(); }

 private:
  struct Instance {
    uint64_t id = 0;
    int tab_id = 0;
    std::unique_ptr<PluginInstance> plugin;
    std::unique_ptr<InstanceSurface> surface;
    uint64_t sequence = 0;
    bool paint_wanted = true;  // a frame is due but may wait for a free buffer
  };

  void OnBrowserMessage(const proto::BrowserToPlugin& message, std::vector<UniqueFd> fds) override;
  void OnEndpointStopped(const std::string& reason) override;
  void Stop(const std::string& reason) { endpoint_.Stop(reason); }

  void OnCreateInstance(const proto::CreateInstance& request, std::vector<UniqueFd> fds);
  void OnDestroyInstance(const proto::DestroyInstance& request);
  void OnFrameAck(const proto::InstanceFrameAck& ack);
  void OnClick(const proto::InstanceClick& click);

  // Coalesces: one paint pass per turn of the loop, however many requests.
  void SchedulePaint();
  void PaintWanted();
  void PaintInstance(Instance& instance);
  void ArmTimerIfNeeded();
  void OnTimer();

  boost::asio::io_context& io_;
  BrowserEndpoint endpoint_;
  PluginLink link_;
  const PluginType& type_;
  PluginConfig config_;

  std::map<uint64_t, std::unique_ptr<Instance>> instances_;
  bool paint_scheduled_ = false;
  FrameTicker ticker_;
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PLUGIN_SERVICE_H_
