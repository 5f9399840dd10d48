#ifndef SANDTAB_BROWSER_PLUGINS_PLUGIN_RELAUNCH_POLICY_H_
#define SANDTAB_BROWSER_PLUGINS_PLUGIN_RELAUNCH_POLICY_H_

#include <chrono>
#include <map>
#include <string>

#include "browser/process/crash_policy.h"

namespace sandtab::browser {

// When a plugin process that died may be started again, per plugin type,
// under the renderers' CrashPolicy (DESIGN section 6, --crash-loop and
// friends): the first relaunch at once, then after an exponential backoff,
// and in a crash loop not at all until the user reloads a tab that used the
// type or a page asks after the crash window. A plugin relaunches only when
// a page asks (a new instance); this decides whether and when that page gets
// a process. Every death counts, whatever killed it: a page that makes the
// plugin crash or hang, or keeps it busy until it is killed, is what it
// guards against. Pure: the caller passes the time.
class PluginRelaunchPolicy {
 public:
  using Clock = CrashPolicy::Clock;
  enum class State {
    kReady,      // launch now
    kBackoff,    // launch at not_before
    kCrashLoop,  // refuse
  };
  struct Gate {
    State state = State::kReady;
    Clock::time_point not_before;
    std::string text;  // why not now (empty when ready)
  };
  struct TypeReport {
    State state = State::kReady;
    int recent_crashes = 0;
    int deaths = 0;
    std::string decision;  // the last death's decision text
  };

  explicit PluginRelaunchPolicy(CrashPolicyConfig config) : config_(config) {}

  // A process of `type` died (or could not be launched). Returns the
  // decision as text for the death record.
  std::string OnDeath(const std::string& type, Clock::time_point now);
  Gate Check(const std::string& type, Clock::time_point now);
  // The user reloaded a tab that used `type`: start over.
  void Reset(const std::string& type);

  // Every type that ever died, as of `now`.
  std::map<std::string, TypeReport> Report(Clock::time_point now);

  static const char* StateName(State state);

 private:
  struct Entry {
    explicit Entry(CrashPolicyConfig config) : crashes(config) {}
    CrashPolicy crashes;
    bool looping = false;
    Clock::time_point last_death;
    Clock::time_point not_before;
    int deaths = 0;
    std::string decision;
  };
  Entry& EntryFor(const std::string& type);

  CrashPolicyConfig config_;
  std::map<std::string, Entry> entries_;  // at most one per known plugin type
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGINS_PLUGIN_RELAUNCH_POLICY_H_
