// PluginLink over a real socketpair: each named method says exactly one
// InstanceFrameReady, read back as the browser's MessageChannel reads it.
#include "plugin/plugin_link.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/support/child_endpoint_pair.h"

namespace sandtab::plugin {
namespace {

class PluginLinkTest : public ::testing::Test {
 protected:
  // The one frame the link said after the endpoint's Hello.
  proto::InstanceFrameReady Said() {
    const proto::PluginToBrowser* said = pair_.SaidAfterHello(io_);
    EXPECT_NE(said, nullptr);
    EXPECT_EQ(pair_.said.messages.size(), 2u);
    return said != nullptr ? said->frame_ready() : proto::InstanceFrameReady{};
  }

  boost::asio::io_context io_;
  test::ChildEndpointPair<proto::BrowserToPlugin, proto::PluginToBrowser> pair_{io_, proto::PROCESS_TYPE_PLUGIN};
  PluginLink link_{pair_.endpoint->channel()};
};

TEST_F(PluginLinkTest, PresentInstanceFrameSaysTheWholeInstanceIsNew) {
  const int64_t before = MonotonicMicros();
  link_.PresentInstanceFrame(9, 1, 4, 160, 120);
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
  link_.PresentInstanceFrameOfNoBuffer(5);
  const proto::InstanceFrameReady frame = Said();
  EXPECT_EQ(frame.instance_id(), 5u);
  EXPECT_EQ(frame.buffer(), 7u);
  EXPECT_EQ(frame.sequence(), 1u);
}

}  // namespace
}  // namespace sandtab::plugin
