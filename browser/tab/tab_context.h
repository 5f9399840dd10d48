#ifndef SANDTAB_BROWSER_TAB_TAB_CONTEXT_H_
#define SANDTAB_BROWSER_TAB_TAB_CONTEXT_H_

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>

#include "browser/process/crash_policy.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

struct BrowserConfig;
class ChildLauncher;
class ChildReaper;
class ProcessRegistry;
class ResourceLoader;
class BrowserStorage;
class PluginBroker;
class SpareRenderer;
class TraceRecorder;

// What starting and keeping a renderer takes, whoever it is for: a tab
// (RendererKeeper) or the spare (SpareRenderer), so a spare is exactly what
// a tab would have launched itself.
struct RendererLaunchContext {
  boost::asio::io_context& io;
  const BrowserConfig& config;
  ChildLauncher& launcher;
  ChildReaper& reaper;
  ProcessRegistry& processes;
  CrashPolicyConfig crash_policy;
  std::chrono::milliseconds hang_timeout{5000};
  TraceRecorder* trace = nullptr;
  std::function<void(const proto::DeathRecord&)> on_death;  // to the browser-wide DeathLog
};

// What every tab shares: the renderers' launch context and the browser's
// services. Built once, complete, after its parts (Browser's constructor).
struct TabContext : RendererLaunchContext {
  ResourceLoader& loader;
  PluginBroker* plugins = nullptr;  // null: no plugins (tests)
  SpareRenderer* spare = nullptr;   // --spare-renderer: a warm renderer for the next tab that needs one
  // Something a viewer draws changed in tab `id` (a frame, its title or
  // state; opened or closed): the window's damage. Empty without one.
  std::function<void(int id)> on_tab_changed;

  void TabChanged(int id) const {
    if (on_tab_changed) on_tab_changed(id);
  }
  BrowserStorage* storage = nullptr;  // cookies and localStorage for the renderers' scripts; null: none (tests)
  // Tab `id` was used (Tab::MarkUsed): it comes to the foreground (TabManager, ForegroundTab).
  std::function<void(int id)> on_tab_used;

  void TabUsed(int id) const {
    if (on_tab_used) on_tab_used(id);
  }
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_CONTEXT_H_
