#include "ipc/painter_buffers.h"

#include <gtest/gtest.h>

namespace sandtab::ipc {
namespace {

constexpr size_t kBytes = 64 * 64 * 4;

// Two buffers as the browser makes them: sealed against resizing, shared
// read-only on its side, writable on the painter's.
std::vector<UniqueFd> BrowserBuffers(size_t count = 2, size_t bytes = kBytes) {
  std::vector<UniqueFd> fds;
  for (size_t i = 0; i < count; ++i) {
    Result<SharedBuffer> buffer = SharedBuffer::Create(bytes, "test-surface", Access::kReadOnly);
    EXPECT_TRUE(buffer) << buffer.error();
    Result<UniqueFd> fd = buffer->Duplicate();
    EXPECT_TRUE(fd) << fd.error();
    fds.push_back(std::move(*fd));
  }
  return fds;
}

TEST(PainterBuffers, ThePainterNeverPaintsABufferTheBrowserHolds) {
  Result<PainterBuffers> painter = PainterBuffers::Adopt(BrowserBuffers(), kBytes, -1, "SetSurface");
  ASSERT_TRUE(painter) << painter.error();
  EXPECT_EQ(painter->FreeBuffer(), 0);
  painter->MarkPresented(0);
  EXPECT_FALSE(painter->Owns(0));
  EXPECT_EQ(painter->FreeBuffer(), 1);
  painter->MarkPresented(1);
  EXPECT_EQ(painter->FreeBuffer(), -1) << "both are the browser's until it acks";
  EXPECT_TRUE(painter->MarkReturned(0));
  EXPECT_EQ(painter->FreeBuffer(), 0);
  EXPECT_FALSE(painter->MarkReturned(0)) << "an ack for a buffer the browser does not hold";
  EXPECT_FALSE(painter->MarkReturned(2));
  EXPECT_FALSE(painter->MarkReturned(-1));
  painter->writable_bytes(0)[0] = 0xff;  // mapped writable
}

TEST(PainterBuffers, AHeldBufferIsTheBrowsersFromTheStart) {
  Result<PainterBuffers> painter = PainterBuffers::Adopt(BrowserBuffers(), kBytes, 0, "SetSurface");
  ASSERT_TRUE(painter) << painter.error();
  EXPECT_FALSE(painter->Owns(0));
  EXPECT_EQ(painter->FreeBuffer(), 1);
}

TEST(PainterBuffers, RefusesWhatTheBrowserCouldNotHaveSent) {
  Result<PainterBuffers> one = PainterBuffers::Adopt(BrowserBuffers(1), kBytes, -1, "CreateInstance");
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error(), "CreateInstance needs 2 buffers, got 1");
  Result<PainterBuffers> held = PainterBuffers::Adopt(BrowserBuffers(), kBytes, 2, "SetSurface");
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error(), "SetSurface holds buffer 2");
  Result<PainterBuffers> small = PainterBuffers::Adopt(BrowserBuffers(2, kBytes / 2), kBytes, -1, "SetSurface");
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().rfind("buffer 0: ", 0), 0u) << small.error();
}

}  // namespace
}  // namespace sandtab::ipc
