#include "plugin/plugin_registry.h"

#include "plugin/chart_plugin.h"
#include "plugin/clock_plugin.h"
#include "plugin/ppm_plugin.h"

namespace sandtab::plugin {
namespace {

constexpr PluginType kTypes[] = {
    {"clock", "animated analog clock; click pauses", &ClockInstance::Create},
    {"chart", "bar chart from data=\"3,5,2\" (colors, title optional)", &ChartInstance::Create},
    {"ppm", "plain PPM/PGM image from data=\"P3 ...\"", &PpmInstance::Create},
};

}  // namespace

std::span<const PluginType> PluginTypes() { return kTypes; }

const PluginType* FindPluginType(std::string_view name) {
  for (const PluginType& type : kTypes) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

std::string KnownPluginTypeNames() {
  std::string names;
  for (const PluginType& type : kTypes) {
    if (!names.empty()) names += ", ";
    names += type.name;
  }
  return names;
}

}  // namespace sandtab::plugin
