// The real sandtab-plugin binary, started through the sandbox's launcher
// (without and with the sandbox, channel on fd 3) and driven over a
// socketpair as the browser drives it. Every child is reaped.
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "plugin/chart_plugin.h"
#include "plugin/clock_plugin.h"
#include "sandbox/launcher.h"
#include "tests/plugin/fake_browser.h"
#include "tests/plugin/pixels.h"

namespace sandtab::plugin {
namespace {

using namespace std::chrono_literals;
using test::FakeBrowser;

enum class Sandbox { kOff, kOn };
// --enable-plugin-debug, which the browser passes only under its own flag.
enum class Debug { kOff, kOn };

// One launched plugin process and the browser's end of its channel.
class PluginProcess {
 public:
  PluginProcess(const std::string& type, Sandbox sandbox, Debug debug = Debug::kOff, int log_fd = STDERR_FILENO) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return;
    UniqueFd ours(fds[0]), theirs(fds[1]);
    sandbox::LaunchOptions options;
    options.profile = sandbox::Profile::kPlugin;
    options.argv = {SANDTAB_PLUGIN_BINARY, "--type=" + type};
    if (sandbox == Sandbox::kOff) options.argv.push_back("--no-sandbox");
    if (debug == Debug::kOn) options.argv.push_back("--enable-plugin-debug");
    options.channel_fd = theirs.get();
    options.log_fd = log_fd;
    options.sandboxed = sandbox == Sandbox::kOn;
    Result<pid_t> launched = sandbox::Launch(options);
    pid_ = launched ? *launched : -1;
    error_ = launched ? std::string() : launched.error();
    if (pid_ > 0) browser_ = std::make_unique<FakeBrowser>(io_, std::move(ours));
  }
  ~PluginProcess() {
    browser_.reset();
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      WaitExit(5s);
    }
  }

  bool ok() const { return pid_ > 0; }
  const std::string& error() const { return error_; }
  pid_t pid() const { return pid_; }
  FakeBrowser& browser() { return *browser_; }

  // Reaps the child within `timeout`; false if it is still running.
  bool WaitExit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!reaped_) {
      const pid_t result = ::waitpid(pid_, &status_, WNOHANG);
      if (result == pid_)
        reaped_ = true;
      else if (std::chrono::steady_clock::now() > deadline)
        return false;
      else
        std::this_thread::sleep_for(5ms);
    }
    return true;
  }
  int status() const { return status_; }

  bool Handshake() {
    browser_->SendHello();
    return browser_->RunUntil([&] { return browser_->hello_received() || browser_->closed(); }, 5s) &&
           browser_->hello_received() && browser_->hello().process_type() == proto::PROCESS_TYPE_PLUGIN;
  }

 private:
  boost::asio::io_context io_;
  pid_t pid_ = -1;
  std::string error_;
  bool reaped_ = false;
  int status_ = 0;
  std::unique_ptr<FakeBrowser> browser_;
};

std::string Describe(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

class PluginProcessTest : public ::testing::TestWithParam<Sandbox> {
 protected:
  void SetUp() override {
    if (GetParam() == Sandbox::kOn && ::geteuid() != 0) GTEST_SKIP() << "the sandbox's namespaces need root here";
  }
};

TEST_P(PluginProcessTest, ClockAnimatesPausesAnswersPingsAndExitsCleanly) {
  PluginProcess plugin("clock", GetParam());
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  ASSERT_TRUE(plugin.Handshake());
  FakeBrowser& browser = plugin.browser();
  ASSERT_TRUE(browser.CreateInstance(42, 160, 120, {{"src", "ignored"}}));

  // Several frames, each acked after its pixels were read.
  std::vector<std::vector<uint8_t>> frames;
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(browser.RunUntil([&] { return browser.FrameCount(42) > frames.size() || browser.closed(); }, 5s))
        << "frame " << i;
    ASSERT_FALSE(browser.closed()) << browser.close_reason();
    const auto& frame = *browser.LastFrame(42);
    EXPECT_EQ(frame.sequence, frames.size() + 1);
    auto pixels = browser.Pixels(42, frame.buffer);
    frames.emplace_back(pixels.begin(), pixels.end());
    EXPECT_EQ(browser.LastFrameRgb(42, 2, 2), ClockInstance::kBackgroundRgb);
    EXPECT_EQ(browser.LastFrameRgb(42, 80, 60), ClockInstance::kAccentRgb);
    browser.Ack(42, frame.buffer);
  }
  EXPECT_NE(frames.front(), frames.back()) << "the clock does not animate";
  int yellow = 0;
  for (int y = 0; y < 120; ++y)
    for (int x = 0; x < 160; ++x) yellow += test::PixelRgb(frames.back(), 160, x, y) == ClockInstance::kFaceRgb;
  EXPECT_GT(yellow, 5000);

  browser.set_auto_ack(true);
  browser.Click(42, 80, 60);
  ASSERT_TRUE(browser.RunUntil([&] { return browser.LastFrameRgb(42, 10, 10) == ClockInstance::kPauseRgb; }, 5s));
  browser.RunFor(100ms);
  const size_t paused = browser.FrameCount(42);
  browser.RunFor(300ms);
  EXPECT_EQ(browser.FrameCount(42), paused) << "a paused clock keeps sending frames";

  browser.Ping(77);
  ASSERT_TRUE(browser.RunUntil([&] { return !browser.pongs().empty(); }, 5s));
  EXPECT_EQ(browser.pongs()[0], 77u);
  browser.Destroy(42);
  browser.Ping(78);
  ASSERT_TRUE(browser.RunUntil([&] { return browser.pongs().size() == 2; }, 5s));

  browser.Close();  // the browser went away: the plugin exits, status 0 (no SIGSYS)
  ASSERT_TRUE(plugin.WaitExit(5s));
  EXPECT_TRUE(WIFEXITED(plugin.status()) && WEXITSTATUS(plugin.status()) == 0) << Describe(plugin.status());
}

TEST_P(PluginProcessTest, CrashParamKillsThePluginWithSigsegv) {
  PluginProcess plugin("clock", GetParam(), Debug::kOn);
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  ASSERT_TRUE(plugin.Handshake());
  ASSERT_TRUE(plugin.browser().CreateInstance(1, 50, 50, {{"crash", "1"}}));
  ASSERT_TRUE(plugin.browser().RunUntil([&] { return plugin.browser().closed(); }, 5s));
  ASSERT_TRUE(plugin.WaitExit(5s));
  ASSERT_TRUE(WIFSIGNALED(plugin.status())) << Describe(plugin.status());
  EXPECT_EQ(WTERMSIG(plugin.status()), SIGSEGV);
}

TEST_P(PluginProcessTest, HangParamStopsPongs) {
  PluginProcess plugin("chart", GetParam(), Debug::kOn);
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  ASSERT_TRUE(plugin.Handshake());
  plugin.browser().Ping(1);
  ASSERT_TRUE(plugin.browser().RunUntil([&] { return plugin.browser().pongs().size() == 1; }, 5s));
  ASSERT_TRUE(plugin.browser().CreateInstance(1, 50, 50, {{"hang", "1"}}));
  plugin.browser().Ping(2);
  plugin.browser().RunFor(500ms);
  EXPECT_EQ(plugin.browser().pongs().size(), 1u);
  EXPECT_FALSE(plugin.WaitExit(0ms)) << "a hung plugin is alive until the hang monitor kills it";
}

TEST_P(PluginProcessTest, BadMessageParamSendsBuffer7) {
  PluginProcess plugin("ppm", GetParam(), Debug::kOn);
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  ASSERT_TRUE(plugin.Handshake());
  ASSERT_TRUE(plugin.browser().CreateInstance(5, 20, 20, {{"badmessage", "1"}, {"data", "P3 1 1 1 1 1 1"}}));
  ASSERT_TRUE(plugin.browser().RunUntil([&] { return !plugin.browser().frames().empty(); }, 5s));
  EXPECT_EQ(plugin.browser().frames()[0].instance_id, 5u);
  EXPECT_EQ(plugin.browser().frames()[0].buffer, 7u);
}

// Without --enable-plugin-debug the debug params are ordinary params: the
// instance paints and the process answers pings.
TEST_P(PluginProcessTest, DebugParamsNeedTheFlag) {
  PluginProcess plugin("clock", GetParam());
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  ASSERT_TRUE(plugin.Handshake());
  FakeBrowser& browser = plugin.browser();
  ASSERT_TRUE(browser.CreateInstance(1, 50, 50, {{"crash", "1"}}));
  ASSERT_TRUE(browser.CreateInstance(2, 50, 50, {{"hang", "1"}}));
  ASSERT_TRUE(browser.CreateInstance(3, 50, 50, {{"badmessage", "1"}}));
  ASSERT_TRUE(browser.RunUntil(
      [&] {
        return browser.closed() ||
               (browser.FrameCount(1) > 0 && browser.FrameCount(2) > 0 && browser.FrameCount(3) > 0);
      },
      5s));
  browser.Ping(9);
  ASSERT_TRUE(browser.RunUntil([&] { return browser.closed() || !browser.pongs().empty(); }, 5s));
  EXPECT_FALSE(browser.closed());
  EXPECT_EQ(browser.pongs().size(), 1u);
  for (const auto& frame : browser.frames()) EXPECT_LT(frame.buffer, 2u) << "instance " << frame.instance_id;
  EXPECT_FALSE(plugin.WaitExit(0ms));
}

// Text after layer 2: the fonts were loaded before the filesystem went away,
// so a chart with a title is pixel-identical to one painted in this process.
TEST_P(PluginProcessTest, ChartWithTitleMatchesInProcessRendering) {
  const std::vector<std::pair<std::string, std::string>> params = {
      {"data", "3,5,2,8"}, {"colors", "teal,#ff6f00"}, {"title", "Quarterly widgets (sandboxed)"}};
  PluginProcess plugin("chart", GetParam());
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  ASSERT_TRUE(plugin.Handshake());
  ASSERT_TRUE(plugin.browser().CreateInstance(1, 260, 150, params));
  ASSERT_TRUE(plugin.browser().RunUntil([&] { return plugin.browser().FrameCount(1) == 1; }, 5s));
  auto pixels = plugin.browser().Pixels(1, plugin.browser().LastFrame(1)->buffer);

  auto chart = ChartInstance::Create(PluginParams(params));
  test::Canvas expected(260, 150);
  expected.Paint(*chart);
  int ink = 0, differing = 0;
  for (int y = 0; y < 150; ++y) {
    for (int x = 0; x < 260; ++x) {
      differing += test::PixelRgb(pixels, 260, x, y) != expected.Rgb(x, y);
      ink += y < 30 && expected.Rgb(x, y) != ChartInstance::kBackgroundRgb;
    }
  }
  EXPECT_GT(ink, 100);  // the title really has glyphs
  EXPECT_EQ(differing, 0);
}

INSTANTIATE_TEST_SUITE_P(Sandbox, PluginProcessTest, ::testing::Values(Sandbox::kOff, Sandbox::kOn),
                         [](const auto& info) { return info.param == Sandbox::kOn ? "Sandboxed" : "NoSandbox"; });

TEST(PluginBinary, UnknownTypeExitsWithAClearError) {
  int log[2];
  ASSERT_EQ(::pipe2(log, O_CLOEXEC), 0);
  UniqueFd read_end(log[0]);
  {
    PluginProcess plugin("flash", Sandbox::kOff, Debug::kOff, log[1]);
    ::close(log[1]);
    ASSERT_TRUE(plugin.ok()) << plugin.error();
    ASSERT_TRUE(plugin.WaitExit(5s));
    EXPECT_TRUE(WIFEXITED(plugin.status()) && WEXITSTATUS(plugin.status()) == 2) << Describe(plugin.status());
  }
  char text[512] = {};
  ASSERT_GT(::read(read_end.get(), text, sizeof(text) - 1), 0);
  EXPECT_NE(std::string(text).find("unknown plugin type 'flash' (known: clock, chart, ppm)"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace sandtab::plugin
