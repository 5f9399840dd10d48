#ifndef SANDTAB_BROWSER_TAB_TAB_PLUGINS_H_
#define SANDTAB_BROWSER_TAB_TAB_PLUGINS_H_

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

class PluginBroker;
struct PluginInstance;

// The plugin instances of one tab's document: one per <embed>, in the
// document's order, kept in step with what the renderer reports
// (DocumentInfo). The instances themselves, and their processes, belong to
// the PluginBroker.
class TabPlugins {
 public:
  // `broker` may be null (a browser without plugins, some tests): the
  // embeds are still checked, and nothing is created.
  TabPlugins(int tab_id, PluginBroker* broker) : tab_id_(tab_id), broker_(broker) {}

  // What the browser accepts in a DocumentInfo's embeds (proto/limits.h);
  // an error is a bad message.
  static Status CheckEmbeds(const proto::DocumentInfo& info);
  // Checks the embeds, then matches instances to them by position: an
  // embed of the same type, params and size keeps its instance (moved to
  // its new rect: the page laid out again); any other is replaced.
  Status Update(const proto::DocumentInfo& info);
  // The document is gone (a navigation, a renderer's death).
  void DestroyAll();
  // Sends a click at document coordinates to the instance under it, if
  // any: clicks inside an embed go to its plugin, not to the renderer.
  bool RouteClick(int x, int64_t document_y);
  // Every instance shows something final (a frame or a placeholder).
  bool AllPainted() const;
  // Instance ids in the document's order.
  const std::vector<uint64_t>& instance_ids() const { return instance_ids_; }

 private:
  PluginInstance* Find(uint64_t instance_id) const;

  const int tab_id_;
  PluginBroker* const broker_;
  std::vector<uint64_t> instance_ids_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_PLUGINS_H_
