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
class PluginBroker;
class SpareRenderer;
class TraceRecorder;

// What every tab shares: the loop, the flags, and the browser's services.
struct TabContext {
  boost::asio::io_context& io;
  const BrowserConfig& config;
  ChildLauncher& launcher;
  ChildReaper& reaper;
  ProcessRegistry& processes;
  ResourceLoader& loader;
  CrashPolicyConfig crash_policy;
  std::chrono::milliseconds hang_timeout{5000};
  PluginBroker* plugins = nullptr;
  TraceRecorder* trace = nullptr;
  std::function<void(const proto::DeathRecord&)> on_death;  // to the browser-wide DeathLog
  SpareRenderer* spare = nullptr;  // --spare-renderer: a warm renderer for the next tab that needs one
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_CONTEXT_H_
