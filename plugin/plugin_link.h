#ifndef SANDTAB_PLUGIN_PLUGIN_LINK_H_
#define SANDTAB_PLUGIN_PLUGIN_LINK_H_

#include <cstdint>

#include "ipc/child_endpoint.h"
#include "proto/plugin.pb.h"

namespace sandtab::plugin {

using BrowserEndpoint = ipc::ChildEndpoint<proto::BrowserToPlugin, proto::PluginToBrowser>;

// The plugin process's sending half of its channel to the browser: one named
// method per message it may say (proto/plugin.proto), so the wire format of
// this end lives here and nowhere else in plugin/. Hello and Pong are the
// endpoint's own.
class PluginLink {
 public:
  explicit PluginLink(BrowserEndpoint::Channel& channel) : channel_(channel) {}

  // InstanceFrameReady: the whole `width` x `height` of `buffer` is new,
  // painted now (painted_at_us, CLOCK_MONOTONIC).
  void PresentInstanceFrame(uint64_t instance_id, uint32_t buffer, uint64_t sequence, int width, int height);
  // An InstanceFrameReady for a buffer that does not exist (badmessage=1):
  // the browser must kill this process.
  void PresentInstanceFrameOfNoBuffer(uint64_t instance_id);

 private:
  BrowserEndpoint::Channel& channel_;
};

// CLOCK_MONOTONIC in microseconds: the clock of painted_at_us and of the
// animations' ticks.
int64_t MonotonicMicros();

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PLUGIN_LINK_H_
