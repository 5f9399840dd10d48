// The zygote's fork errors (issue 19 line 7): when the zygote cannot fork
// (its task budget, kZygoteProcessLimit, used up by renderers at their own
// budgets), a new tab's renderer starts cold instead of failing to launch.
#include "tests/integration/hostile_fixture.h"

namespace sandtab::integration {
namespace {

class HostileSandboxTest : public HostileTest {};

TEST_F(HostileSandboxTest, AZygoteForkErrorLaunchesTheRendererCold) {
  StartHostile(HostileOptions("fork-error").WithDoor(HostileDoor::kZygote).WithBenign({kIndex}));
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_GT(zygote, 0) << "the zygote said Hello and is ready";
  // The benign tab loaded, from a cold child of the browser: the zygote
  // answered its fork request with an error.
  for (const BenignTab& tab : benign()) {
    EXPECT_EQ(ParentPid(tab.ref.pid).value_or(-1), browser_pid()) << tab.page.file;
  }
  ExpectBenignTabsUntouched();
  // And so does the next one; nobody died, the zygote lives on.
  TabRef late = Open(kTable.file);
  EXPECT_EQ(Tab(late.id).get<std::string>("state"), "loaded");
  EXPECT_EQ(ParentPid(late.pid).value_or(-1), browser_pid());
  EXPECT_EQ(Screenshot(late.id).At(kBlockCentreX, kBlockCentreY), kTable.block);
  EXPECT_EQ(Ok("stats").get<pid_t>("zygote_pid"), zygote);
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 0) << ToJsonText(Ok("deaths"));
}

}  // namespace
}  // namespace sandtab::integration
