// The renderer's side of the surface rule: which buffer it may paint, in
// particular after a restart, when the browser still shows the dead
// renderer's last frame in one of the two buffers.
#include "renderer/surface.h"

#include <fcntl.h>
#include <sys/mman.h>

#include <gtest/gtest.h>

#include <vector>

#include "ipc/shared_buffer.h"
#include "tests/support/fd_helpers.h"

namespace sandtab::renderer {
namespace {

constexpr int kWidth = 64, kHeight = 32;

std::vector<UniqueFd> TwoBuffers(size_t bytes = kWidth * 4 * kHeight) {
  std::vector<UniqueFd> fds;
  for (int i = 0; i < 2; ++i) {
    auto buffer = ipc::SharedBuffer::Create(bytes, "surface-test", ipc::Access::kReadOnly);
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

// One 4 KiB page per row, so pages and rows can be counted alike.
constexpr int kPageWideRows = 1024;

std::vector<UniqueFd> TwoPageWideBuffers(int height) { return TwoBuffers(size_t{kPageWideRows} * 4 * height); }

// A fresh surface of page-wide rows, and its two files to look at.
struct PageWideSurface {
  std::unique_ptr<Surface> surface;  // null if Adopt failed (reported)
  std::vector<UniqueFd> files;
};
PageWideSurface MakePageWideSurface(int rows) {
  std::vector<UniqueFd> fds = TwoPageWideBuffers(rows);
  PageWideSurface made{nullptr, test::DuplicateFds(fds)};
  auto surface = Surface::Adopt(std::move(fds), kPageWideRows, rows, kPageWideRows * 4, 1);
  EXPECT_TRUE(surface.ok()) << surface.error();
  if (surface.ok()) made.surface = std::move(*surface);
  return made;
}

TEST(SurfaceTest, PrefaultRowsBringsInThoseRowsOnlyOfThatBufferOnly) {
  constexpr int kRows = 64;
  auto [surface, keep] = MakePageWideSurface(kRows);
  ASSERT_NE(surface, nullptr);
  surface->PrefaultRows(0, 10, 5);
  surface->PrefaultRows(0, 60, 100);  // clipped to the surface
  const std::vector<bool> resident = test::ResidentPages(keep[0].get(), kRows);
  ASSERT_EQ(resident.size(), size_t{kRows});
  for (int row = 0; row < kRows; ++row) {
    EXPECT_EQ(resident[row], (row >= 10 && row < 15) || row >= 60) << "row " << row;
  }
  EXPECT_EQ(test::ResidentPageCount(keep[1].get(), kRows), 0);
}

TEST(SurfaceTest, DiscardEmptiesOnlyPaintedBuffersItOwnsAndNeverTheOneKept) {
  constexpr int kRows = 16;
  auto [surface, keep] = MakePageWideSurface(kRows);
  ASSERT_NE(surface, nullptr);
  surface->PrefaultRows(0, 0, kRows);
  surface->PrefaultRows(1, 0, kRows);

  // Buffer 0 is the last frame's: kept, whoever owns it.
  EXPECT_EQ(surface->DiscardOwnedBuffers(0), 1);
  EXPECT_GT(test::ResidentPageCount(keep[0].get(), kRows), 0);
  EXPECT_EQ(test::ResidentPageCount(keep[1].get(), kRows), 0);
  EXPECT_EQ(surface->DiscardOwnedBuffers(0), 0) << "an emptied buffer is not emptied again";

  // Painted again, its rows are faulted in again.
  surface->PrefaultRows(1, 0, 4);
  EXPECT_GT(test::ResidentPageCount(keep[1].get(), kRows), 0);

  // A buffer the browser holds is never touched, even with nothing kept.
  surface->MarkPresented(1);
  EXPECT_EQ(surface->DiscardOwnedBuffers(-1), 1);
  EXPECT_EQ(test::ResidentPageCount(keep[0].get(), kRows), 0);
  EXPECT_GT(test::ResidentPageCount(keep[1].get(), kRows), 0);
}

TEST(SurfaceTest, ARestartedRenderersPaintedBufferCountsAsPainted) {
  constexpr int kRows = 8;
  auto fds = TwoPageWideBuffers(kRows);
  const std::vector<UniqueFd> keep = test::DuplicateFds(fds);
  // The dead renderer painted buffer 1 (the browser shows buffer 0).
  {
    void* map =
        ::mmap(nullptr, size_t{kPageWideRows} * 4 * kRows, PROT_READ | PROT_WRITE, MAP_SHARED, keep[1].get(), 0);
    ASSERT_NE(map, MAP_FAILED);
    static_cast<char*>(map)[0] = 1;
    ::munmap(map, size_t{kPageWideRows} * 4 * kRows);
  }
  auto surface = Surface::Adopt(std::move(fds), kPageWideRows, kRows, kPageWideRows * 4, 1, 0, 0b10);
  ASSERT_TRUE(surface.ok()) << surface.error();
  EXPECT_EQ((*surface)->DiscardOwnedBuffers(-1), 1);
  EXPECT_EQ(test::ResidentPageCount(keep[1].get(), kRows), 0);
}

}  // namespace
}  // namespace sandtab::renderer
