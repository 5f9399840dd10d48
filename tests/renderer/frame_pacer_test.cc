#include "renderer/frame_pacer.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/support/run_until.h"

namespace sandtab::renderer {
namespace {

// Many requests make one frame; the next frame waits out the interval.
TEST(FramePacer, RequestsCoalesceAndFramesKeepTheirInterval) {
  boost::asio::io_context io;
  std::vector<double> frames;
  FramePacer pacer(io, [&](double now_ms) { frames.push_back(now_ms); });
  for (int i = 0; i < 10; ++i) pacer.Request();
  EXPECT_TRUE(pacer.armed());
  ASSERT_TRUE(test::RunUntil(io, [&] { return frames.size() == 1; }));
  EXPECT_FALSE(pacer.armed());
  pacer.Request();
  pacer.Request();
  ASSERT_TRUE(test::RunUntil(io, [&] { return frames.size() == 2; }));
  test::RunFor(io, std::chrono::milliseconds(40));
  EXPECT_EQ(frames.size(), 2u);  // nothing asked for a third
  EXPECT_GE(frames[1] - frames[0], FramePacer::kInterval.count());
}

}  // namespace
}  // namespace sandtab::renderer
