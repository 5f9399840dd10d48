// Issue 19, line 1: a child that never completes its Hello is killed within
// the hang timeout and recorded as unresponsive, naming the handshake; a
// tab is never left "launching". The same for plugins and the zygote. And
// the Hello rules of browser/process/child_host.h, each with its exact detail.
#include <algorithm>

#include "ipc/handshake.h"
#include "tests/integration/hostile_fixture.h"

namespace sandtab::integration {
namespace {

// The hang timeout these tests run with, and what a child that never
// finishes its Hello dies of.
constexpr const char* kHangTimeoutFlag = "--hang-timeout=1";
// The handshake gets exactly the hang timeout (DESIGN section 12).
constexpr const char* kNoHello = "no Hello within 1000 ms (--hang-timeout): the handshake never completed";

// A page with one clock plugin (the plugin door's trigger is its params).
constexpr const char* kClockPage =
    "data:text/html,<embed%20type=application/x-sandtab-clock%20width=120%20height=120%20hostile=1>";

class HostileHandshakeTest : public HostileTest {};

TEST_F(HostileHandshakeTest, ASilentRendererIsUnresponsiveAfterTheHangTimeout) {
  StartHostile(HostileOptions("silent").WithFlags({kHangTimeoutFlag}));
  Json death = ExpectDeath("about:blank", "unresponsive", kNoHello);
  EXPECT_EQ(death.get<std::string>("type", ""), "renderer") << ToJsonText(death);
}

TEST_F(HostileHandshakeTest, HalfALengthPrefixIsUnresponsiveAfterTheHangTimeout) {
  StartHostile(HostileOptions("half-length").WithFlags({kHangTimeoutFlag}));
  ExpectDeath("about:blank", "unresponsive", kNoHello);
}

TEST_F(HostileHandshakeTest, ASilentPluginIsUnresponsiveAfterTheHangTimeout) {
  StartHostile(HostileOptions("silent").WithDoor(HostileDoor::kPlugin).WithFlags({kHangTimeoutFlag}));
  Json death = ExpectDeath(kClockPage, "unresponsive", kNoHello);
  EXPECT_EQ(death.get<std::string>("type", ""), "plugin:clock") << ToJsonText(death);
}

TEST_F(HostileHandshakeTest, HalfALengthPrefixFromAPluginIsUnresponsive) {
  StartHostile(HostileOptions("half-length").WithDoor(HostileDoor::kPlugin).WithFlags({kHangTimeoutFlag}));
  ExpectDeath(kClockPage, "unresponsive", kNoHello);
}

// A zygote that never says Hello: killed and recorded, every renderer
// waiting for it starts cold meanwhile (so the benign tabs load at all),
// and each new zygote the browser tries meets the same end without the
// browser holding more for it.
class HostileZygoteTest : public HostileTest {
 protected:
  void ExpectEveryZygoteDiesUnresponsive(const std::string& scenario) {
    // Without the spare renderer: the footprints compared below are taken
    // at two deaths of the zygote, and a spare relaunched cold in between
    // (its channel, log and pidfd) is there at one moment and not the other.
    StartHostile(
        HostileOptions(scenario).WithDoor(HostileDoor::kZygote).WithFlags({kHangTimeoutFlag, "--no-spare-renderer"}));
    // The benign tabs loaded: cold children of the browser.
    for (const BenignTab& tab : benign()) {
      EXPECT_EQ(sandtab::test::ParentPid(tab.ref.pid).value_or(-1), browser_pid()) << tab.page.file;
    }
    Json first = WaitForDeath(0);
    EXPECT_EQ(first.get<std::string>("type", ""), "zygote") << ToJsonText(first);
    EXPECT_EQ(first.get<std::string>("cause", ""), "unresponsive") << ToJsonText(first);
    EXPECT_EQ(first.get<std::string>("detail", ""), kNoHello) << ToJsonText(first);
    // Right after a death, then right after the next: the same moment of
    // the cycle (the next zygote not started yet, 500 ms later).
    const Footprint before = footprint();
    Json second = WaitForDeath(1);
    EXPECT_EQ(second.get<std::string>("detail", ""), kNoHello) << ToJsonText(second);
    ExpectFlat(before, footprint(), {.fds = 2});  // at most the next zygote's channel and log
    ExpectBenignTabsUntouched();
    // A new tab still opens (cold) while zygotes keep failing.
    TabRef late = Open(kTable.file);
    EXPECT_EQ(Tab(late.id).get<std::string>("state"), "loaded");
  }
};

TEST_F(HostileZygoteTest, ASilentZygoteIsUnresponsiveAndLaunchesGoCold) { ExpectEveryZygoteDiesUnresponsive("silent"); }

TEST_F(HostileZygoteTest, HalfALengthPrefixFromTheZygoteIsUnresponsive) {
  ExpectEveryZygoteDiesUnresponsive("half-length");
}

// The zygote's own Hello rules (ZygoteLauncher::OnMessage): the same words
// as every child host's, and the same fate: killed, recorded, launches cold.
TEST_F(HostileZygoteTest, AZygoteWhoseFirstMessageIsNotHelloIsABadMessage) {
  StartHostile(HostileOptions("bad-hello").WithArgs({"not-hello"}).WithDoor(HostileDoor::kZygote).WithBenign({kIndex}));
  Json death = WaitForDeath(0);
  EXPECT_EQ(death.get<std::string>("type", ""), "zygote") << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("cause", ""), "bad_message") << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("detail", ""), "first message is not Hello") << ToJsonText(death);
  ExpectBenignTabsUntouched();
}

TEST_F(HostileZygoteTest, AZygoteOfAnotherProtocolVersionIsABadMessage) {
  StartHostile(HostileOptions("bad-hello").WithArgs({"version"}).WithDoor(HostileDoor::kZygote).WithBenign({kIndex}));
  proto::Hello hello;
  ipc::FillHello(proto::PROCESS_TYPE_ZYGOTE, &hello);
  hello.set_protocol_version(hello.protocol_version() + 1);
  Json death = WaitForDeath(0);
  EXPECT_EQ(death.get<std::string>("cause", ""), "bad_message") << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("detail", ""),
            "Hello: " + ipc::CheckHello(hello, proto::PROCESS_TYPE_ZYGOTE).error())
      << ToJsonText(death);
  ExpectBenignTabsUntouched();
}

// The Hello rules (ChildHost::Dispatch), each the first message of the
// renderer opened after the benign tabs.
struct HelloCase {
  const char* arg;
  std::string detail;
};

std::string MismatchDetail(void (*spoil)(proto::Hello&)) {
  proto::Hello hello;
  ipc::FillHello(proto::PROCESS_TYPE_RENDERER, &hello);
  spoil(hello);
  return "Hello: " + ipc::CheckHello(hello, proto::PROCESS_TYPE_RENDERER).error();
}

class HostileHelloTest : public HostileTest, public ::testing::WithParamInterface<HelloCase> {};

TEST_P(HostileHelloTest, IsABadMessageWithItsExactDetail) {
  StartHostile(HostileOptions("bad-hello").WithArgs({GetParam().arg}).WithBenign({kIndex}));
  ExpectDeath("about:blank", "bad_message", GetParam().detail);
}

INSTANTIATE_TEST_SUITE_P(Rules, HostileHelloTest,
                         ::testing::Values(HelloCase{"not-hello", "first message is not Hello"},
                                           HelloCase{"version", MismatchDetail([](proto::Hello& h) {
                                                       h.set_protocol_version(h.protocol_version() + 1);
                                                     })},
                                           HelloCase{"digest", MismatchDetail([](proto::Hello& h) {
                                                       h.set_schema_digest(h.schema_digest() ^ 0x5a5a5a5a5a5a5a5aULL);
                                                     })},
                                           HelloCase{"type", MismatchDetail([](proto::Hello& h) {
                                                       h.set_process_type(proto::PROCESS_TYPE_BROWSER);
                                                     })}),
                         [](const ::testing::TestParamInfo<HelloCase>& info) {
                           std::string name = info.param.arg;
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

// After a real Hello (relayed), the rules that apply for the rest of the
// channel's life.
TEST_F(HostileHandshakeTest, ASecondHelloIsABadMessage) {
  StartHostile(HostileOptions("hello-twice").WithBenign({kIndex}));
  ExpectDeath("data:text/html,hostile", "bad_message", "Hello: sent twice");
}

TEST_F(HostileHandshakeTest, APongNobodyPingedForIsABadMessage) {
  StartHostile(HostileOptions("stray-pong").WithBenign({kIndex}));
  ExpectDeath("data:text/html,hostile", "bad_message", "Pong: no ping with that cookie");
}

}  // namespace
}  // namespace sandtab::integration
