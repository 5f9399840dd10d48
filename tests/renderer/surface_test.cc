// The renderer's side of the surface rule: which buffer it may paint, in
// particular after a restart, when the browser still shows the dead
// renderer's last frame in one of the two buffers.
#include "renderer/surface.h"

#include <gtest/gtest.h>

#include "ipc/shared_buffer.h"

namespace sandtab::renderer {
namespace {

constexpr int kWidth = 64, kHeight = 32;

std::vector<ipc::UniqueFd> TwoBuffers() {
  std::vector<ipc::UniqueFd> fds;
  for (int i = 0; i < 2; ++i) {
    auto buffer = ipc::SharedBuffer::Create(kWidth * 4 * kHeight, "surface-test", ipc::Access::kReadOnly);
    EXPECT_TRUE(buffer.ok()) << buffer.error();
    auto fd = buffer->Duplicate();
    EXPECT_TRUE(fd.ok()) << fd.error();
    fds.push_back(std::move(*fd));
  }
  return fds;
}

TEST(SurfaceTest, AFreshSurfaceOwnsBothBuffers) {
  auto surface = Surface::Adopt(TwoBuffers(), kWidth, kHeight, kWidth * 4, 1);
  ASSERT_TRUE(surface.ok()) << surface.error();
  EXPECT_EQ((*surface)->FreeBuffer(), 0);
  (*surface)->MarkPresented(0);
  EXPECT_EQ((*surface)->FreeBuffer(), 1);
  (*surface)->MarkPresented(1);
  EXPECT_EQ((*surface)->FreeBuffer(), -1);
}

TEST(SurfaceTest, TheHeldBufferIsNotPaintedUntilTheBrowserReturnsIt) {
  auto surface = Surface::Adopt(TwoBuffers(), kWidth, kHeight, kWidth * 4, 2, /*held_buffer=*/0);
  ASSERT_TRUE(surface.ok()) << surface.error();
  EXPECT_EQ((*surface)->FreeBuffer(), 1);
  ASSERT_NE((*surface)->CairoSurface(1), nullptr);
  (*surface)->MarkPresented(1);
  EXPECT_EQ((*surface)->FreeBuffer(), -1);
  // The ack of our first frame hands back the buffer the browser held.
  EXPECT_TRUE((*surface)->MarkReturned(0));
  EXPECT_EQ((*surface)->FreeBuffer(), 0);
}

TEST(SurfaceTest, AHeldBufferThatDoesNotExistIsRefused) {
  EXPECT_FALSE(Surface::Adopt(TwoBuffers(), kWidth, kHeight, kWidth * 4, 1, 2).ok());
  EXPECT_FALSE(Surface::Adopt(TwoBuffers(), kWidth, kHeight, kWidth * 4, 1, -2).ok());
}

}  // namespace
}  // namespace sandtab::renderer
