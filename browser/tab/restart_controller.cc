#include "browser/tab/restart_controller.h"

#include <utility>

namespace sandtab::browser {

RestartController::RestartController(boost::asio::io_context& io, CrashPolicyConfig policy,
                                     std::function<void()> restart)
    : policy_(policy), restart_(std::move(restart)), timer_(io) {}

bool RestartController::OnDeath(proto::DeathRecord* record) {
  ++deaths_;
  CrashPolicy::Decision decision = policy_.OnCrash(CrashPolicy::Clock::now());
  decision_ = decision.text;
  record->set_restart_decision(decision.text);
  last_death_ = *record;
  if (!decision.restart) {
    stopped_ = true;
    return false;
  }
  timer_.expires_after(decision.delay);
  // The timer is a member, so destroying this cancels a wait still armed;
  // but a wait that has completed (the first restart's delay is 0) sits in
  // the loop's queue with success and is not cancelled any more, and a
  // handler before it may close the tab: the token says whether this is
  // still there (the chaos test found the use after free).
  timer_.async_wait([this, alive = anchor_.token()](const boost::system::error_code& ec) {
    if (!ec && alive.Alive()) restart_();
  });
  return true;
}

void RestartController::StartOver() {
  if (stopped_) policy_.Reset();
  timer_.cancel();
}

}  // namespace sandtab::browser
