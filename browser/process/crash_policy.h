#ifndef SANDTAB_BROWSER_PROCESS_CRASH_POLICY_H_
#define SANDTAB_BROWSER_PROCESS_CRASH_POLICY_H_

#include <chrono>
#include <deque>
#include <string>

namespace sandtab::browser {

struct CrashPolicyConfig {
  std::chrono::milliseconds base_delay{250};  // the second restart's delay; the first is immediate
  std::chrono::milliseconds max_delay{8000};
  int loop_crashes = 3;                          // this many crashes ...
  std::chrono::milliseconds loop_window{30000};  // ... within this window stop restarts
};

// When to bring a dead renderer back (DESIGN section 6): at once the first
// time, then with exponential backoff, and not at all in a crash loop until
// the user reloads. Crashes older than the window are forgotten, so a tab that
// has been quiet for a while starts over. Pure: the caller passes the time.
class CrashPolicy {
 public:
  using Clock = std::chrono::steady_clock;
  struct Decision {
    bool restart = false;
    std::chrono::milliseconds delay{0};
    std::string text;  // "restart in 250 ms", "crash loop: 3 crashes in 30 s; reload to retry"
  };

  explicit CrashPolicy(CrashPolicyConfig config = {}) : config_(config) {}

  Decision OnCrash(Clock::time_point now);
  // The user reloaded: start over.
  void Reset() { recent_.clear(); }
  int recent_crashes() const { return static_cast<int>(recent_.size()); }

 private:
  CrashPolicyConfig config_;
  std::deque<Clock::time_point> recent_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_CRASH_POLICY_H_
