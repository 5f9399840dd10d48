#ifndef SANDTAB_BROWSER_TAB_RESTART_CONTROLLER_H_
#define SANDTAB_BROWSER_TAB_RESTART_CONTROLLER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <optional>
#include <string>

#include "base/weak_anchor.h"
#include "browser/process/crash_policy.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

// What follows one tab's renderer deaths: the CrashPolicy's decision for
// each (restart after a delay, or stop: a crash loop), the timer that
// restarts, and what `tabs` shows of them (the count, the last decision,
// the last death record). The keeper starts renderers; this decides when.
class RestartController {
 public:
  // `restart` is called when a restart's delay has passed.
  RestartController(boost::asio::io_context& io, CrashPolicyConfig policy, std::function<void()> restart);

  // Records a death: the policy's decision goes into `record`
  // (restart_decision) and, for a restart, the timer is armed. Returns
  // whether a restart follows; if not, restarts stop until StartOver.
  bool OnDeath(proto::DeathRecord* record);
  // A renderer is starting (a restart, or the user's): restarts run again.
  void OnStarted() { stopped_ = false; }
  // The user asks again (a reload): a crash loop's count starts over and
  // a restart waiting for its delay is not waited for.
  void StartOver();
  // No more restarts (the tab closes).
  void Cancel() { timer_.cancel(); }

  int deaths() const { return deaths_; }
  bool stopped() const { return stopped_; }
  const std::string& decision() const { return decision_; }
  const std::optional<proto::DeathRecord>& last_death() const { return last_death_; }

 private:
  CrashPolicy policy_;
  std::function<void()> restart_;
  boost::asio::steady_timer timer_;
  int deaths_ = 0;
  bool stopped_ = false;
  std::string decision_;
  std::optional<proto::DeathRecord> last_death_;
  WeakAnchor anchor_;  // for the timer's handler: see OnDeath
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RESTART_CONTROLLER_H_
