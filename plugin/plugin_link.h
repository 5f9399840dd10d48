#ifndef SANDTAB_PLUGIN_PLUGIN_LINK_H_
#define SANDTAB_PLUGIN_PLUGIN_LINK_H_

#include <cstdint>

#include "ipc/child_endpoint.h"
#include "proto/plugin.pb.h"

namespace sandtab::plugin {

// CLOCK_MONOTONIC in microseconds: the clock of painted_at_us and of the
// animations' ticks.
int64_t MonotonicMicros();

// Hello, pings and the stop on a protocol error: the same for every child.
using BrowserEndpoint = ipc::ChildEndpoint<proto::BrowserToPlugin, proto::PluginToBrowser>;

// The only place in plugin/ that writes plugin.proto's messages to the
// browser; what the browser sends is read by PluginService's dispatch. A
// schema change of this channel touches this class and the browser's
// PluginHost.
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

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PLUGIN_LINK_H_
