#ifndef SANDTAB_BROWSER_SHELL_SHELL_SERVICES_H_
#define SANDTAB_BROWSER_SHELL_SHELL_SERVICES_H_

#include <boost/asio/io_context.hpp>

namespace sandtab::browser {

struct BrowserConfig;
class DeathLog;
class PluginBroker;
class ProcessRegistry;
class ResourceLoader;
class SpareRenderer;
class BrowserStorage;
class TabManager;
class TraceRecorder;
class WindowController;

// What the shell drives, handed over by the composition root (Browser), so
// that the shell, like every room, never includes the root that owns it.
struct ShellServices {
  boost::asio::io_context& io;
  const BrowserConfig& config;
  TabManager& tabs;
  ResourceLoader& loader;
  PluginBroker& plugins;
  TraceRecorder& trace;
  const ProcessRegistry& processes;    // which processes exist: ps, stats
  const DeathLog& deaths;              // how they ended: deaths, stats
  SpareRenderer* spare = nullptr;      // --spare-renderer, or null
  WindowController* window = nullptr;  // --window, or null
  BrowserStorage* storage = nullptr;   // cookies and localStorage: cookies, storage
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SHELL_SERVICES_H_
