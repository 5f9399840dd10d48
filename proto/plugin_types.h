// The plugin types sandtab ships, named once for both ends: the browser
// launches a plugin process only for these (PluginBroker), and the plugin
// binary implements exactly these (plugin/plugin_registry.cc checks its
// table against this list at compile time). A type's name is the suffix of
// its MIME type: "clock" serves application/x-sandtab-clock.
#ifndef SANDTAB_PROTO_PLUGIN_TYPES_H_
#define SANDTAB_PROTO_PLUGIN_TYPES_H_

#include <algorithm>
#include <array>
#include <string_view>

namespace sandtab::proto {

inline constexpr std::string_view kPluginMimePrefix = "application/x-sandtab-";
inline constexpr std::array<std::string_view, 3> kPluginTypeNames = {"clock", "chart", "ppm"};

constexpr bool IsPluginTypeName(std::string_view name) {
  return std::find(kPluginTypeNames.begin(), kPluginTypeNames.end(), name) != kPluginTypeNames.end();
}

// "clock" for "application/x-sandtab-clock"; empty for a MIME type outside
// sandtab's prefix.
constexpr std::string_view PluginTypeOfMime(std::string_view mime) {
  return mime.starts_with(kPluginMimePrefix) ? mime.substr(kPluginMimePrefix.size()) : std::string_view();
}

}  // namespace sandtab::proto

#endif  // SANDTAB_PROTO_PLUGIN_TYPES_H_
