// RetiredRenderers: a renderer let go on a process swap ends on its own when
// its channel closes (no death), is killed and recorded when it lingers, and
// is reaped either way. The children are real processes.
#include "browser/tab/retired_renderers.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <vector>

#include "browser/process/child_reaper.h"
#include "browser/process/process_registry.h"
#include "tests/browser/fake_renderer.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using test::RunUntil;

class RetiredRenderersTest : public ::testing::Test {
 protected:
  ~RetiredRenderersTest() override {
    retired_.reset();
    EXPECT_TRUE(RunUntil(io_, [&] { return reaper_.watched() == 0; })) << "a retired renderer was not reaped";
  }

  std::unique_ptr<RendererHost> Host(LaunchedChild child) {
    processes_.Add(child.pid, ProcessUse{ProcessRole::kRenderer, 3, "", nullptr, nullptr}, false);
    return std::make_unique<RendererHost>(io_, reaper_, processes_, std::move(child), /*log_to_stderr=*/false,
                                          std::chrono::seconds(30), &client_);
  }

  ProcessRegistry processes_{::getpid()};
  boost::asio::io_context io_;
  ChildReaper reaper_{io_};
  testing::AcceptingRendererClient client_;
  std::vector<proto::DeathRecord> deaths_;
  std::unique_ptr<RetiredRenderers> retired_ =
      std::make_unique<RetiredRenderers>(io_, [this](const proto::DeathRecord& record) { deaths_.push_back(record); });
};

TEST_F(RetiredRenderersTest, ARendererThatEndsWithItsChannelExitsCleanlyAndIsNoDeath) {
  // A child that exits when its channel closes, as a real renderer does.
  auto host = Host(fuzz::SpawnFakeChild(/*ends_with_channel=*/true).child);
  const pid_t pid = host->pid();
  retired_->Retire(std::move(host), 3, "http://example.com");
  EXPECT_EQ(retired_->size(), 1u);
  EXPECT_TRUE(processes_.Rows().size() == 1) << "a retired renderer is listed under no tab";
  ASSERT_TRUE(RunUntil(
      io_, [&] { return retired_->size() == 0; }, std::chrono::seconds(10)))
      << "never exited";
  EXPECT_TRUE(deaths_.empty()) << "a clean exit is no death";
  EXPECT_FALSE(client_.gone) << "the tab's client hears nothing of a retired renderer";
  EXPECT_TRUE(RunUntil(io_, [&] { return reaper_.watched() == 0; }));
  EXPECT_NE(::kill(pid, 0), 0) << "still exists (a zombie?)";
}

TEST_F(RetiredRenderersTest, ARendererThatLingersIsKilledAndItsDeathNamesItsSiteAndTab) {
  // A fake child ignores its channel: a compromised renderer might.
  auto fake = fuzz::SpawnFakeChild();
  retired_->Retire(Host(std::move(fake.child)), 3, "http://127.0.0.1");
  ASSERT_TRUE(RunUntil(
      io_, [&] { return !deaths_.empty(); }, std::chrono::seconds(10)))
      << "never killed";
  EXPECT_EQ(deaths_[0].cause(), proto::DeathRecord::UNRESPONSIVE);
  EXPECT_EQ(deaths_[0].site(), "http://127.0.0.1");
  ASSERT_EQ(deaths_[0].tab_ids_size(), 1);
  EXPECT_EQ(deaths_[0].tab_ids(0), 3);
  EXPECT_EQ(retired_->size(), 0u);
}

TEST_F(RetiredRenderersTest, DestroyingThemKillsTheOnesStillRunning) {
  auto fake = fuzz::SpawnFakeChild();
  const pid_t pid = fake.child.pid;
  retired_->Retire(Host(std::move(fake.child)), 3, "none");
  retired_.reset();
  EXPECT_TRUE(RunUntil(io_, [&] { return reaper_.watched() == 0; }));
  EXPECT_NE(::kill(pid, 0), 0);
  EXPECT_TRUE(deaths_.empty()) << "a tab that closes records no death for its retired renderers";
}

}  // namespace
}  // namespace sandtab::browser
