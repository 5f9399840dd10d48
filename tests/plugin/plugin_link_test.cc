// PluginLink over a real socketpair: each named method says exactly one
// InstanceFrameReady, read back as the browser's MessageChannel reads it.
#include "plugin/plugin_link.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/support/fd_helpers.h"
#include "tests/support/recorders.h"
#include "tests/support/run_until.h"

namespace sandtab::plugin {
namespace {

using proto::BrowserToPlugin;
using proto::PluginToBrowser;

class NoPluginCode : public BrowserEndpoint::Delegate {
  void OnBrowserMessage(const BrowserToPlugin&, std::vector<ipc::UniqueFd>) override {}
  void OnEndpointStopped(const std::string&) override {}
};

class PluginLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::SocketPair pair = test::MakeSocketPair();
    endpoint_ = std::make_unique<BrowserEndpoint>(io_, std::move(pair.a), proto::PROCESS_TYPE_PLUGIN);
    browser_ = std::make_unique<ipc::MessageChannel<PluginToBrowser, BrowserToPlugin>>(io_, std::move(pair.b),
                                                                                     ipc::FdPolicy::kRejectFds);
    browser_->Start(&received_);
    endpoint_->Start(&plugin_);
    link_ = std::make_unique<PluginLink>(endpoint_->channel());
  }

  // The one frame the link said after the endpoint's Hello.
  proto::InstanceFrameReady Said() {
    EXPECT_TRUE(test::RunUntil(io_, [&] { return received_.messages.size() >= 2; }));
    if (received_.messages.size() < 2) return {};
    EXPECT_EQ(received_.messages.size(), 2u);
    EXPECT_TRUE(received_.messages[0].message.has_hello());
    return received_.messages[1].message.frame_ready();
  }

  boost::asio::io_context io_;
  NoPluginCode plugin_;
  test::TypedRecorder<PluginToBrowser, BrowserToPlugin> received_;
  std::unique_ptr<BrowserEndpoint> endpoint_;
  std::unique_ptr<ipc::MessageChannel<PluginToBrowser, BrowserToPlugin>> browser_;
  std::unique_ptr<PluginLink> link_;
};

TEST_F(PluginLinkTest, PresentInstanceFrameSaysTheWholeInstanceIsNew) {
  const int64_t before = MonotonicMicros();
  link_->PresentInstanceFrame(9, 1, 4, 160, 120);
  const proto::InstanceFrameReady frame = Said();
  EXPECT_EQ(frame.instance_id(), 9u);
  EXPECT_EQ(frame.buffer(), 1u);
  EXPECT_EQ(frame.sequence(), 4u);
  EXPECT_EQ(frame.damage().x(), 0);
  EXPECT_EQ(frame.damage().y(), 0);
  EXPECT_EQ(frame.damage().width(), 160);
  EXPECT_EQ(frame.damage().height(), 120);
  EXPECT_GE(frame.painted_at_us(), before);
  EXPECT_LE(frame.painted_at_us(), MonotonicMicros());
}

TEST_F(PluginLinkTest, PresentInstanceFrameOfNoBufferNamesABufferThatDoesNotExist) {
  link_->PresentInstanceFrameOfNoBuffer(5);
  const proto::InstanceFrameReady frame = Said();
  EXPECT_EQ(frame.instance_id(), 5u);
  EXPECT_EQ(frame.buffer(), 7u);
  EXPECT_EQ(frame.sequence(), 1u);
}

}  // namespace
}  // namespace sandtab::plugin
