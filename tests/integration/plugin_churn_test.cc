// A compromised renderer alternating one embed's params (review M4, attack
// R: each DocumentInfo destroys the instance and creates another) is slowed
// to the tab's creation budget: the last instance is blocked "too fast", the
// shared clock process serves the other tab throughout (same pid, no death),
// and closing the tab leaves the browser's footprint as it was.
#include "tests/integration/hostile_fixture.h"

namespace sandtab::integration {
namespace {

class PluginChurnTest : public HostileTest {
 protected:
  std::optional<Json> OnlyInstanceOf(int tab) {
    std::optional<Json> found;
    int count = 0;
    for (const Json& row : ArrayAt(Ok("plugins"), "instances")) {
      if (row.get<int>("tab") == tab) found = row, ++count;
    }
    return count == 1 ? found : std::nullopt;
  }
  pid_t ClockPid() {
    for (const Json& row : ArrayAt(Ok("plugins"), "plugins")) {
      if (row.get<std::string>("type") == "clock") return row.get<pid_t>("pid");
    }
    return -1;
  }
};

TEST_F(PluginChurnTest, ARendererAlternatingEmbedParamsIsSlowedToTheCreationBudget) {
  StartHostile(HostileOptions("embed-churn").WithBenign({kIndex}));
  TabRef clock = Open("plugins.html");
  const pid_t clock_pid = ClockPid();
  ASSERT_GT(clock_pid, 0) << ToJsonText(Ok("plugins"));
  const Footprint before = footprint();

  TabRef hostile = OpenHostileTab("data:text/html,hostile");
  std::optional<Json> last;
  const bool slowed = PollUntil(
      [&] {
        last = OnlyInstanceOf(hostile.id);
        return last && last->get<std::string>("state") == "blocked" &&
               last->get<std::string>("reason").find("too fast") != std::string::npos;
      },
      60s);
  EXPECT_TRUE(slowed) << "the churning tab's instance is not blocked for its rate: " << ToJsonText(Ok("plugins"));
  EXPECT_GT(Ok("plugins").get<int>("budget.refused"), 0) << ToJsonText(Ok("plugins"));

  // The shared process never noticed: same pid, no death, the clock tab's
  // instance still running; the benign tab byte for byte the same.
  EXPECT_EQ(ClockPid(), clock_pid);
  EXPECT_EQ(DeathCount(), 0u) << ToJsonText(Ok("deaths"));
  bool running = false;
  for (const Json& row : ArrayAt(Ok("plugins"), "instances")) {
    if (row.get<int>("tab") == clock.id && row.get<std::string>("type") == "clock") {
      running = row.get<std::string>("state") == "running";
    }
  }
  EXPECT_TRUE(running) << ToJsonText(Ok("plugins"));
  ExpectBenignTabsUntouched();
  CloseAndExpectFlat(hostile.id, before);
}

}  // namespace
}  // namespace sandtab::integration
