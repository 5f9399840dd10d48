#ifndef SANDTAB_BROWSER_SHELL_SHELL_SERVICES_H_
#define SANDTAB_BROWSER_SHELL_SHELL_SERVICES_H_

#include <boost/asio/io_context.hpp>

namespace sandtab::browser {

struct BrowserConfig;
class ChildReaper;
class PluginBroker;
class ResourceLoader;
class SpareRenderer;
class TabManager;
class TraceRecorder;
class ZygoteLauncher;

// What the shell drives, handed over by the composition root (Browser), so
// that the shell, like every room, never includes the root that owns it.
struct ShellServices {
  boost::asio::io_context& io;
  const BrowserConfig& config;
  TabManager& tabs;
  ResourceLoader& loader;
  PluginBroker& plugins;
  TraceRecorder& trace;
  ChildReaper& reaper;
  SpareRenderer* spare = nullptr;    // --spare-renderer, or null
  ZygoteLauncher* zygote = nullptr;  // null when renderers start cold
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SHELL_SERVICES_H_
