// The benign half of sandtab-hostile-child: passes every frame (and its fds)
// between the browser and a real child unchanged, noting what a scenario
// will need (the surface, the buffer the browser holds, ...), until the
// browser shows the trigger.
#ifndef SANDTAB_TESTS_SUPPORT_HOSTILE_RELAY_H_
#define SANDTAB_TESTS_SUPPORT_HOSTILE_RELAY_H_

#include <string>

#include "tests/support/hostile/framed_socket.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {

class Relay {
 public:
  enum class Outcome {
    kTriggered,      // the browser sent the trigger (not passed on)
    kBrowserClosed,  // the browser ended the channel
    kChildEnded,     // the real child closed its end (it exited)
    kError,          // a socket failed or a stream broke the framing
  };

  // `trigger` empty: never triggered (a child that only relays).
  // `trigger` "@NAME": the first browser message whose body is NAME
  // ("@warm_up": a spare renderer's WarmUp); other text: see When::kOnTrigger.
  Relay(Role role, FramedSocket& browser, FramedSocket& child, std::string trigger)
      : role_(role),
        browser_(browser),
        child_(child),
        trigger_(std::move(trigger)),
        by_message_(!trigger_.empty() && trigger_[0] == '@') {}

  Outcome Run();
  const Observed& seen() const { return seen_; }
  const std::string& error() const { return error_; }

 private:
  // False when the frame is the trigger.
  bool ObserveFromBrowser(const FramedSocket::Received& frame);
  void ObserveFromChild(const FramedSocket::Received& frame);
  bool Contains(const std::string& text) const {
    return !trigger_.empty() && !by_message_ && text.find(trigger_) != std::string::npos;
  }

  Role role_;
  FramedSocket& browser_;
  FramedSocket& child_;
  std::string trigger_;
  bool by_message_;
  Observed seen_;
  std::string error_;
};

}  // namespace sandtab::test::hostile

#endif  // SANDTAB_TESTS_SUPPORT_HOSTILE_RELAY_H_
