#include "plugin/plugin_registry.h"

#include "plugin/chart_plugin.h"
#include "plugin/clock_plugin.h"
#include "plugin/ppm_plugin.h"
#include "proto/plugin_types.h"

namespace sandtab::plugin {
namespace {

constexpr PluginType kTypes[] = {
    {"clock", "animated analog clock; click pauses", &ClockInstance::Create},
    {"chart", "bar chart from data=\"3,5,2\" (colors, title optional)", &ChartInstance::Create},
    {"ppm", "plain PPM/PGM image from data=\"P3 ...\"", &PpmInstance::Create},
};

// The table is the list both ends agree on (proto/plugin_types.h), in order.
constexpr bool MatchesTheSharedList() {
  if (std::size(kTypes) != proto::kPluginTypeNames.size()) return false;
  for (size_t i = 0; i < std::size(kTypes); ++i) {
    if (kTypes[i].name != proto::kPluginTypeNames[i]) return false;
  }
  return true;
}
static_assert(MatchesTheSharedList(), "plugin types: keep proto/plugin_types.h and this table in step");

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
