#ifndef SANDTAB_BROWSER_PLUGINS_PLUGIN_INSTANCE_H_
#define SANDTAB_BROWSER_PLUGINS_PLUGIN_INSTANCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "browser/process/frame_sink.h"
#include "proto/common.pb.h"

namespace sandtab::browser {

class PluginHost;

enum class PluginInstanceState {
  kStarting,  // created, no frame yet
  kRunning,   // frames flowing
  kCrashed,   // its plugin process died: "plugin crashed" placeholder
  kMissing,   // no such plugin type: "missing plugin" placeholder
  kBlocked,   // refused by the browser (a debug param, a budget, a crash loop): "plugin blocked" placeholder
};
const char* PluginInstanceStateName(PluginInstanceState state);

// One <embed> of one tab, as the browser tracks it: where the renderer laid
// it out (document coordinates), its own surface, and the plugin process
// that paints it. Owned by the PluginBroker.
struct PluginInstance {
  uint64_t id = 0;
  int tab_id = 0;
  std::string type;  // NAME of application/x-sandtab-NAME (or the raw MIME type if unknown)
  proto::Rect rect;  // document coordinates
  std::vector<std::pair<std::string, std::string>> params;
  PluginInstanceState state = PluginInstanceState::kStarting;
  std::string crash_reason;         // why it crashed or is blocked
  std::unique_ptr<FrameSink> sink;  // null for a missing plugin
  PluginHost* host = nullptr;       // null once the process is gone
  int64_t last_latency_us = -1;     // plugin paint -> browser received
  // The size the PluginBudget holds for it (0x0 when nothing is charged).
  int charged_width = 0;
  int charged_height = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGINS_PLUGIN_INSTANCE_H_
