// A zygote that cannot fork: what the real one answers when its budget of
// tasks (kZygoteProcessLimit) is used up. The browser must start the
// renderer cold instead (browser/process/zygote_launcher.cc OnForked).
#include "proto/zygote.pb.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

// A good Hello, then every ForkRequest answered with the error the real
// zygote sends when fork() fails with EAGAIN. Bounded: at most this many
// requests, so a browser that keeps asking cannot keep it busy for ever.
constexpr int kForkRequestsAnswered = 1000;

void ForkError(Session& session) {
  if (session.role() != Role::kZygote || !session.SendHello()) return;
  for (int answered = 0; answered < kForkRequestsAnswered;) {
    std::vector<UniqueFd> fds;  // the child's channel and log ends: dropped
    auto message = session.Receive<proto::BrowserToZygote>(std::chrono::seconds(30), &fds);
    if (!message) return;  // closed (or silent for 30 s): the harness serves until closed
    if (!message->has_fork_request()) continue;
    proto::ZygoteToBrowser reply;
    reply.mutable_forked()->set_request_id(message->fork_request().request_id());
    reply.mutable_forked()->set_error("fork: Resource temporarily unavailable");
    reply.mutable_forked()->set_ns_pid(0);
    if (!session.Send(reply)) return;
    ++answered;
  }
}

const RegisterScenario kForkError{
    {"fork-error", When::kAtLaunch, &ForkError, "a zygote whose every fork fails (EAGAIN)"}};

}  // namespace
}  // namespace sandtab::test::hostile
