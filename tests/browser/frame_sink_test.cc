// FrameSink: sealed buffers, the double-buffering rule, and what a
// FrameReady may claim (generation, sequence, damage, solid rows) against a
// hostile renderer. The pixels and the surface's lifecycle:
// frame_sink_surface_test.cc.
#include "browser/process/frame_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <climits>
#include <initializer_list>
#include <vector>

#include "tests/browser/frame_sink_fixture.h"

namespace sandtab::browser {
namespace {

using ::testing::HasSubstr;

TEST(FrameSinkCreateTest, RefusesBadSizes) {
  for (auto [w, h] : std::vector<std::pair<int, int>>{
           {0, 10}, {10, 0}, {-1, 10}, {10, -5}, {8193, 10}, {10, 8193}, {INT_MAX, INT_MAX}}) {
    EXPECT_FALSE(FrameSink::Create(w, h).ok()) << w << "x" << h;
  }
  auto largest = FrameSink::Create(8192, 1);
  EXPECT_TRUE(largest.ok());
}

TEST_F(FrameSinkTest, Geometry) {
  EXPECT_EQ(sink_->width(), kWidth);
  EXPECT_EQ(sink_->height(), kHeight);
  EXPECT_EQ(sink_->stride(), kWidth * 4);
  EXPECT_EQ(sink_->shared_bytes(), 2 * kBytes);
  EXPECT_EQ(sink_->generation(), 1u);
}

TEST_F(FrameSinkTest, BuffersAreSealedMemfdsOfTheRightSize) {
  for (const auto& fd : fds_) {
    ASSERT_TRUE(fd.valid());
    struct stat st;
    ASSERT_EQ(::fstat(fd.get(), &st), 0);
    EXPECT_EQ(static_cast<size_t>(st.st_size), kBytes);
    const int seals = ::fcntl(fd.get(), F_GET_SEALS);
    ASSERT_GE(seals, 0) << "not a memfd: " << std::strerror(errno);
    EXPECT_TRUE(seals & F_SEAL_SHRINK);
    EXPECT_TRUE(seals & F_SEAL_GROW);
    EXPECT_TRUE(seals & F_SEAL_SEAL);
    char link[256] = {};
    ASSERT_GT(::readlink(("/proc/self/fd/" + std::to_string(fd.get())).c_str(), link, sizeof(link) - 1), 0);
    EXPECT_THAT(std::string(link), ::testing::StartsWith("/memfd:"));
    // What a hostile renderer would try.
    EXPECT_NE(::ftruncate(fd.get(), 4096), 0) << "shrinking a sealed buffer succeeded";
    EXPECT_EQ(errno, EPERM);
    EXPECT_NE(::ftruncate(fd.get(), static_cast<off_t>(kBytes) * 2), 0) << "growing a sealed buffer succeeded";
    EXPECT_NE(::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE), 0) << "adding a seal succeeded";
  }
  // Two different buffers, not two fds for one.
  RendererMapping a(fds_[0].get()), b(fds_[1].get());
  ASSERT_TRUE(a.ok() && b.ok());
  a.Fill(0x11);
  b.Fill(0x22);
  EXPECT_EQ(a.Snapshot()[0], 0x11);
}

TEST_F(FrameSinkTest, DoubleBufferingAcksThePreviousFront) {
  auto first = Present(0, 1);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(*first, -1);  // nothing held before
  auto second = Present(1, 2);
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(*second, 0);
  auto third = Present(0, 3);
  ASSERT_TRUE(third.ok()) << third.error();
  EXPECT_EQ(*third, 1);
  EXPECT_EQ(sink_->frames_presented(), 3u);
}

// --unsafe-single-buffer: every frame comes straight back, so the renderer
// may present (and paint) the buffer that is shown; the browser shows each.
TEST_F(FrameSinkTest, SingleBufferAcksTheFrameItShows) {
  sink_->set_single_buffer(true);
  RendererMapping a(fds_[0].get());
  ASSERT_TRUE(a.ok());
  for (uint64_t sequence = 1; sequence <= 3; ++sequence) {
    a.Fill(static_cast<uint8_t>(sequence));
    auto acked = Present(0, sequence);
    ASSERT_TRUE(acked.ok()) << acked.error();
    EXPECT_EQ(*acked, 0) << "the frame just shown is handed back at once";
    EXPECT_EQ(sink_->held_buffer(), -1);
    EXPECT_EQ(SinkPixels(*sink_)[0], sequence) << "the browser shows the buffer it does not hold";
  }
  // The renderer writes the shown buffer: what the browser reads changes under it (the tear).
  a.Fill(0x77);
  EXPECT_EQ(SinkPixels(*sink_)[0], 0x77);
  EXPECT_FALSE(Present(0, 3).ok()) << "the sequence rule still holds";
}

TEST_F(FrameSinkTest, PresentingTheHeldBufferIsRefused) {
  ASSERT_TRUE(Present(0, 1).ok());
  auto again = Present(0, 2);
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.error(), HasSubstr("holds"));
  // The refusal changed nothing: the other buffer still acks buffer 0.
  auto next = Present(1, 2);
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(*next, 0);
  EXPECT_EQ(sink_->frames_presented(), 2u);
}

TEST_F(FrameSinkTest, ThirdBufferIsRefused) {
  for (uint32_t buffer : {2u, 3u, 0x80000000u, UINT32_MAX}) {
    auto result = Present(buffer, 1);
    ASSERT_FALSE(result.ok()) << buffer;
    EXPECT_THAT(result.error(), HasSubstr("there are 2"));
  }
  EXPECT_EQ(sink_->frames_presented(), 0u);
  EXPECT_FALSE(sink_->has_frame());
}

TEST_F(FrameSinkTest, FutureGenerationIsRefused) {
  for (uint64_t generation : {uint64_t{2}, UINT64_MAX}) {
    auto result = sink_->Present({0, generation, 1, Full()});
    ASSERT_FALSE(result.ok()) << generation;
    EXPECT_THAT(result.error(), HasSubstr("generation"));
  }
  EXPECT_TRUE(Present(0, 1).ok());
}

// A frame painted before the surface was replaced (restart, background
// release) may still be in flight: it is dropped, not held against anyone.
TEST_F(FrameSinkTest, PastGenerationIsDroppedWithoutChangingState) {
  auto stale = sink_->Present({0, 0, 1, Full()});
  ASSERT_TRUE(stale.ok()) << stale.error();
  EXPECT_EQ(*stale, -1);
  EXPECT_FALSE(sink_->has_frame());
  EXPECT_EQ(sink_->frames_presented(), 0u);
  EXPECT_TRUE(Present(0, 1).ok());
}

TEST_F(FrameSinkTest, SequenceMustIncrease) {
  ASSERT_TRUE(Present(0, 5).ok());
  auto same = Present(1, 5);
  ASSERT_FALSE(same.ok());
  EXPECT_THAT(same.error(), HasSubstr("sequence"));
  auto lower = Present(1, 4);
  ASSERT_FALSE(lower.ok());
  auto zero = Present(1, 0);
  ASSERT_FALSE(zero.ok());
  auto jump = Present(1, 100);  // gaps are fine
  ASSERT_TRUE(jump.ok()) << jump.error();
  EXPECT_FALSE(Present(0, 100).ok());
}

TEST_F(FrameSinkTest, SequenceZeroIsRefusedEvenFirst) { EXPECT_FALSE(Present(0, 0).ok()); }

TEST_F(FrameSinkTest, DamageInsideIsAccepted) {
  uint64_t sequence = 1;
  for (const proto::Rect& rect :
       {MakeRect(0, 0, 0, 0), MakeRect(0, 0, kWidth, kHeight), MakeRect(kWidth - 1, kHeight - 1, 1, 1),
        MakeRect(10, 5, 20, 7), MakeRect(kWidth, kHeight, 0, 0)}) {
    auto result = Present(static_cast<uint32_t>(sequence % 2), sequence, rect);
    EXPECT_TRUE(result.ok()) << rect.ShortDebugString() << ": " << (result.ok() ? "" : result.error());
    ++sequence;
  }
}

TEST_F(FrameSinkTest, DamageOutsideIsRefusedWithoutOverflow) {
  constexpr int kMax = INT32_MAX;
  constexpr int kMin = INT32_MIN;
  const std::vector<proto::Rect> rects = {
      MakeRect(-1, 0, 1, 1),
      MakeRect(0, -1, 1, 1),
      MakeRect(0, 0, -1, 1),
      MakeRect(0, 0, 1, -1),
      MakeRect(0, 0, kWidth + 1, 1),
      MakeRect(0, 0, 1, kHeight + 1),
      MakeRect(kWidth, 0, 1, 1),
      MakeRect(0, kHeight, 1, 1),
      MakeRect(kMax, 0, 1, 1),
      MakeRect(0, kMax, 1, 1),
      MakeRect(1, 0, kMax, 1),
      MakeRect(0, 1, 1, kMax),
      MakeRect(kMax, kMax, kMax, kMax),
      MakeRect(kMin, 0, kMax, 1),
      MakeRect(0, kMin, 1, kMax),
      MakeRect(10, 0, kMin, 1),
      MakeRect(kMin, kMin, kMin, kMin),
      MakeRect(-10, 0, 20, 1),
  };
  for (const auto& rect : rects) {
    auto result = Present(0, 1, rect);
    ASSERT_FALSE(result.ok()) << "accepted damage " << rect.ShortDebugString();
    EXPECT_THAT(result.error(), HasSubstr("outside"));
  }
  EXPECT_EQ(sink_->frames_presented(), 0u);
  EXPECT_TRUE(Present(0, 1).ok());  // the sequence was not consumed by refusals
}

TEST_F(FrameSinkTest, SolidRowsAreKeptWithTheFrontFrame) {
  const SolidRuns runs = Runs({{0, 4, 0xffffffff}, {4, 2, 0xff336699}, {20, kHeight - 20, 0xffffffff}});
  ASSERT_TRUE(sink_->Present({0, sink_->generation(), 1, Full(), &runs}).ok());
  ASSERT_EQ(sink_->solid_rows().size(), 3u);
  EXPECT_EQ(sink_->solid_rows()[1].first_row, 4);
  EXPECT_EQ(sink_->solid_rows()[1].row_count, 2);
  EXPECT_EQ(sink_->solid_rows()[1].argb, 0xff336699u);
  // The next frame says its own (none: every row painted).
  ASSERT_TRUE(Present(1, 2).ok());
  EXPECT_TRUE(sink_->solid_rows().empty());
  // A refused frame leaves the front frame's rows as they were.
  ASSERT_TRUE(sink_->Present({0, sink_->generation(), 3, Full(), &runs}).ok());
  const SolidRuns overlapping = Runs({{0, 5, 1}, {4, 1, 2}});
  EXPECT_FALSE(sink_->Present({1, sink_->generation(), 4, Full(), &overlapping}).ok());
  EXPECT_EQ(sink_->solid_rows().size(), 3u);
}

TEST_F(FrameSinkTest, BadSolidRowsAreRefusedWithoutOverflow) {
  const std::vector<SolidRuns> bad = {
      Runs({{0, 0, 1}}),            // empty
      Runs({{kHeight - 1, 2, 1}}),  // past the bottom
      Runs({{kHeight, 1, 1}}),      // below it
      Runs({{UINT32_MAX, 2, 1}}),   // wraps in 32 bits
      Runs({{1, UINT32_MAX, 1}}),
      Runs({{10, 2, 1}, {5, 2, 1}}),  // out of order
      Runs({{0, 10, 1}, {9, 2, 1}}),  // overlapping
  };
  for (const SolidRuns& runs : bad) {
    auto result = sink_->Present({0, sink_->generation(), 1, Full(), &runs});
    ASSERT_FALSE(result.ok()) << runs.begin()->ShortDebugString();
    EXPECT_THAT(result.error(), HasSubstr("solid rows"));
  }
  SolidRuns too_many;
  for (int i = 0; i <= FrameSink::kMaxSolidRuns; ++i) too_many.Add()->set_row_count(1);
  EXPECT_FALSE(sink_->Present({0, sink_->generation(), 1, Full(), &too_many}).ok());
  EXPECT_EQ(sink_->frames_presented(), 0u);
  const SolidRuns every_row = Runs({{0, kHeight, 0xff000000}});
  EXPECT_TRUE(sink_->Present({0, sink_->generation(), 1, Full(), &every_row}).ok());
}

}  // namespace
}  // namespace sandtab::browser

namespace sandtab::browser {
namespace {

// The window was resized: new buffers of the new size, the old frame gone,
// frames painted into the old surface stale (not a bad message).
TEST_F(FrameSinkTest, ResizeGivesNewBuffersAndMakesOldFramesStale) {
  ASSERT_TRUE(Present(0, 1).ok());
  ASSERT_TRUE(sink_->has_frame());
  const uint64_t old_generation = sink_->generation();
  ASSERT_TRUE(sink_->Resize(kWidth * 2, kHeight + 3).ok());
  EXPECT_EQ(sink_->width(), kWidth * 2);
  EXPECT_EQ(sink_->height(), kHeight + 3);
  EXPECT_FALSE(sink_->has_frame()) << "a frame of the old size would be read at the new stride";
  EXPECT_EQ(sink_->shared_bytes(), 2 * size_t{kWidth} * 2 * 4 * (kHeight + 3));
  auto fds = sink_->AttachRenderer();
  ASSERT_TRUE(fds.ok()) << fds.error();
  proto::Rect damage;
  auto stale = sink_->Present({1, old_generation, 2, damage});
  ASSERT_TRUE(stale.ok()) << stale.error();
  EXPECT_EQ(*stale, -1);
  EXPECT_FALSE(sink_->has_frame());
}

TEST_F(FrameSinkTest, ResizeRefusesBadSizesAndKeepsTheSurface) {
  EXPECT_FALSE(sink_->Resize(0, 10).ok());
  EXPECT_FALSE(sink_->Resize(10, 8193).ok());
  EXPECT_EQ(sink_->width(), kWidth);
  EXPECT_EQ(sink_->shared_bytes(), 2 * kBytes);
}

TEST_F(FrameSinkTest, AReleasedSurfaceTakesTheSizeForItsRestore) {
  sink_->Release();
  ASSERT_TRUE(sink_->Resize(32, 16).ok());
  EXPECT_TRUE(sink_->released());
  ASSERT_TRUE(sink_->Restore().ok());
  EXPECT_EQ(sink_->shared_bytes(), 2 * size_t{32} * 16 * 4);
}

}  // namespace
}  // namespace sandtab::browser
