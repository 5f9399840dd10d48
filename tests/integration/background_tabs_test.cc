// Background tabs are throttled as Chrome throttles them (issue 25 line 3):
// the tab used last is in the foreground (ForegroundTab); in every other tab
// requestAnimationFrame callbacks stop and timers wake the page at most once
// per second (renderer/script/README.md). Counted in frames and timer runs,
// never in wall time: the foreground tab's own animation is the clock.
#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

constexpr const char* kAnimation = "animation.html";

class BackgroundTabsTest : public ShellTest {
 protected:
  int Frames(int id) { return Tab(id).get<int>("frames"); }
  // Until tab `id` has presented `more` frames after `from`.
  void WaitForFrames(int id, int from, int more, const std::string& what) {
    WaitForTab(
        id, [&](const Json& tab) { return tab.get<int>("frames") >= from + more; }, 60s, what);
  }
};

TEST_F(BackgroundTabsTest, AnAnimatingTabStopsDrawingInTheBackgroundAndDrawsAgainWhenUsed) {
  StartShell();
  TabRef first = Open(kAnimation);
  WaitForFrames(first.id, Frames(first.id), 10, "the first tab animating in the foreground");
  // A new tab comes to the foreground; the first goes to the background.
  TabRef second = Open(kAnimation);
  const int hidden_at = Frames(first.id);
  WaitForFrames(second.id, Frames(second.id), 60, "the second tab animating in the foreground");
  // At most the frame that was on its way when the tab was hidden.
  const int drawn_hidden = Frames(first.id) - hidden_at;
  EXPECT_LE(drawn_hidden, 1) << "a background tab kept animating: " << ToJsonText(Tab(first.id));
  // Used again (`wait` names it): the first animates, the second stops.
  Ok("wait " + std::to_string(first.id));
  const int second_hidden_at = Frames(second.id);
  WaitForFrames(first.id, Frames(first.id), 60, "the first tab animating again once used");
  EXPECT_LE(Frames(second.id) - second_hidden_at, 1) << ToJsonText(Tab(second.id));
}

TEST_F(BackgroundTabsTest, WithoutThrottlingABackgroundTabKeepsAnimating) {
  // Both tabs keep their pixels: a tab past the surface budget (one by
  // default) paints nothing until looked at, throttled or not.
  StartShell({"--disable-background-timer-throttling", "--max-surfaces=2"});
  TabRef first = Open(kAnimation);
  Open(kAnimation);  // in front of the first
  const int first_from = Frames(first.id);
  WaitForFrames(first.id, first_from, 30, "the first tab animating behind the second");
}

TEST_F(BackgroundTabsTest, ABackgroundTabsTimersRunAtMostOnceASecond) {
  StartShell();
  // Every 50 ms, the page's clock into a list.
  TabRef ticking = Open(
      "data:text/html,<title>ticks</title><script>globalThis.ticks=[];"
      "setInterval(()=>ticks.push(Date.now()),50)</script>");
  const int before = std::stoi(Ok("eval " + std::to_string(ticking.id) + " ticks.length").get<std::string>("result"));
  TabRef animation = Open(kAnimation);  // the ticking tab goes to the background
  // Long enough for a few one-second wake-ups (200 frames: over 3 s at 60 Hz).
  WaitForFrames(animation.id, Frames(animation.id), 200, "the foreground tab animating");
  // The gaps between the ticks since `before`: short ones only around the
  // moments the tab was hidden and shown again, the rest a second apart.
  const std::string gaps = Ok("eval " + std::to_string(ticking.id) + " JSON.stringify(ticks.slice(" +
                              std::to_string(before) + ").map((t, i, all) => i ? t - all[i - 1] : 0).slice(1))")
                               .get<std::string>("result");
  int short_gaps = 0, second_gaps = 0;
  std::string number;
  for (char c : gaps.substr(1) + ",") {
    if (c == ',' || c == ']') {
      if (!number.empty()) (std::stod(number) >= 900 ? second_gaps : short_gaps) += 1;
      number.clear();
    } else {
      number += c;
    }
  }
  EXPECT_GE(second_gaps, 2) << "gaps in ms: " << gaps;
  // Without the throttle: 60 or more runs 50 ms apart in those 3 s.
  EXPECT_LE(short_gaps, 6) << "gaps in ms: " << gaps;
}

}  // namespace
}  // namespace sandtab::integration
