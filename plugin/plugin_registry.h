#ifndef SANDTAB_PLUGIN_PLUGIN_REGISTRY_H_
#define SANDTAB_PLUGIN_PLUGIN_REGISTRY_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "plugin/plugin_instance.h"

namespace sandtab::plugin {

// Every plugin type this binary knows. A type's name is the suffix of its
// MIME type: "clock" serves application/x-sandtab-clock. One process runs
// one type (`sandtab-plugin --type=NAME`) for every tab.
struct PluginType {
  std::string_view name;
  std::string_view description;
  // Makes an instance from the page's params. Never fails: invalid params
  // make an instance that paints an error.
  std::unique_ptr<PluginInstance> (*create)(const PluginParams& params);
};

std::span<const PluginType> PluginTypes();
// nullptr for a type this binary does not know.
const PluginType* FindPluginType(std::string_view name);
// "clock, chart, ppm", for error messages.
std::string KnownPluginTypeNames();

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PLUGIN_REGISTRY_H_
