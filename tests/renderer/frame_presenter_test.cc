// FramePresenter alone, on real sealed memfds and a real Page: which buffer
// each frame goes into, what it reports, and when a paint has to wait.
#include "renderer/frame_presenter.h"

#include <fcntl.h>

#include <gtest/gtest.h>

#include <vector>

#include "ipc/shared_buffer.h"
#include "renderer/page/page.h"
#include "tests/support/fd_helpers.h"

namespace sandtab::renderer {
namespace {

constexpr int kWidth = 64, kHeight = 96;
constexpr uint64_t kGeneration = 3;

proto::SetSurface SurfaceRequest(uint64_t generation = kGeneration) {
  proto::SetSurface request;
  request.set_width(kWidth);
  request.set_height(kHeight);
  request.set_stride(kWidth * 4);
  request.set_generation(generation);
  return request;
}

// Sealed as the browser seals them (DESIGN section 5).
std::vector<UniqueFd> TwoBuffers() {
  std::vector<UniqueFd> fds;
  fds.push_back(test::MakeMemfd(kWidth * 4 * kHeight, ipc::kRequiredSeals));
  fds.push_back(test::MakeMemfd(kWidth * 4 * kHeight, ipc::kRequiredSeals));
  return fds;
}

class FramePresenterTest : public ::testing::Test {
 protected:
  void Adopt() {
    Status adopted = presenter_.Adopt(SurfaceRequest(), TwoBuffers());
    ASSERT_TRUE(adopted) << adopted.error();
  }
  std::optional<FrameReport> PaintNow(uint64_t earlier_work_ns = 0) {
    presenter_.WantPaint();
    return presenter_.Paint(page_, 0, kNavigation, earlier_work_ns);
  }

  static constexpr uint64_t kNavigation = 12;
  FramePresenter presenter_;
  Page page_{"<body style='margin:0;background:#102030'><p style='margin:0'>text</p>", "file:///index.html", kWidth,
             kHeight};
};

TEST_F(FramePresenterTest, NothingIsPaintedWithoutASurface) {
  EXPECT_FALSE(PaintNow().has_value());
  EXPECT_TRUE(presenter_.paint_wanted());
  EXPECT_FALSE(presenter_.Returned(0));
}

TEST_F(FramePresenterTest, AFrameSaysWhatItHolds) {
  Adopt();
  auto frame = presenter_.Paint(page_, 0, kNavigation, 0);
  EXPECT_FALSE(frame.has_value()) << "no paint was wanted";
  frame = PaintNow();
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->buffer, 0u);
  EXPECT_EQ(frame->sequence, 1u);
  EXPECT_EQ(frame->navigation_id, kNavigation);
  EXPECT_EQ(frame->generation, kGeneration);
  EXPECT_EQ(frame->width, kWidth);
  EXPECT_EQ(frame->height, kHeight);
  EXPECT_EQ(frame->scroll_y, 0);
  EXPECT_TRUE(frame->loaded);
  EXPECT_FALSE(presenter_.paint_wanted());
}

TEST_F(FramePresenterTest, ABufferTheBrowserHoldsIsNeverPainted) {
  Adopt();
  ASSERT_EQ(PaintNow()->buffer, 0u);
  ASSERT_EQ(PaintNow()->buffer, 1u);
  // Both are the browser's: the paint waits, still wanted, for an ack.
  EXPECT_FALSE(PaintNow().has_value());
  EXPECT_TRUE(presenter_.paint_wanted());
  EXPECT_TRUE(presenter_.Returned(0));
  auto frame = presenter_.Paint(page_, 0, kNavigation, 0);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->buffer, 0u);
  EXPECT_EQ(frame->sequence, 3u);
}

TEST_F(FramePresenterTest, DiscardNeverEmptiesTheLastFrameNorAHeldBuffer) {
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 0) << "no surface";
  Adopt();
  ASSERT_EQ(PaintNow()->buffer, 0u);
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 0) << "buffer 1 was never painted";
  ASSERT_EQ(PaintNow()->buffer, 1u);
  ASSERT_TRUE(presenter_.Returned(0));
  // Buffer 0 came back painted; buffer 1 holds the frame on screen.
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 1);
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 0);
  // As --unsafe-single-buffer does: the frame on screen acked at once.
  ASSERT_TRUE(presenter_.Returned(1));
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 0) << "the last frame presented stays";
  // The next frame goes into the emptied buffer and paints as any other.
  auto frame = PaintNow();
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->buffer, 0u);
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 1) << "now buffer 1 is the back buffer";
}

TEST_F(FramePresenterTest, TheBufferTheBrowserShowsAtAdoptionIsKept) {
  proto::SetSurface request = SurfaceRequest();
  request.set_held_buffer(1);
  request.set_painted_buffers(0b11);
  ASSERT_TRUE(presenter_.Adopt(request, TwoBuffers()));
  ASSERT_TRUE(PaintNow().has_value());  // into buffer 0
  ASSERT_TRUE(presenter_.Returned(1));
  EXPECT_EQ(presenter_.DiscardBackBuffers(), 1) << "the dead renderer's frame, replaced";
}

TEST_F(FramePresenterTest, AnAckForABufferNotHeldIsRefused) {
  Adopt();
  EXPECT_FALSE(presenter_.Returned(0));
  EXPECT_FALSE(presenter_.Returned(2));
  ASSERT_TRUE(PaintNow().has_value());
  EXPECT_TRUE(presenter_.Returned(0));
  EXPECT_FALSE(presenter_.Returned(0));
}

TEST_F(FramePresenterTest, ARenderBlockedPageWaitsForItsStylesheets) {
  Adopt();
  Page blocked("<link rel=stylesheet href=a.css><p>x", "file:///index.html", kWidth, kHeight);
  presenter_.WantPaint();
  EXPECT_FALSE(presenter_.Paint(blocked, 0, kNavigation, 0).has_value());
  EXPECT_TRUE(presenter_.paint_wanted());
}

TEST_F(FramePresenterTest, SolidBandsOfTheFrameAreLeftForTheBrowser) {
  Adopt();
  ASSERT_TRUE(PaintNow().has_value());
  const SolidColorBands& bands = presenter_.solid_bands();
  ASSERT_EQ(bands.band_count(), kHeight / SolidColorBands::kBandHeight);
  // The text's band is painted; the background below it is one colour.
  EXPECT_FALSE(bands.IsSolid(0));
  EXPECT_TRUE(bands.IsSolid(bands.band_count() - 1));
  EXPECT_EQ(bands.Pixel(bands.band_count() - 1), SolidColorBands::OpaquePixel({0x10, 0x20, 0x30}));
}

TEST_F(FramePresenterTest, WorkCountsTheDocumentWorkBeforeThePaint) {
  Adopt();
  auto frame = PaintNow(/*earlier_work_ns=*/7'000'000);
  ASSERT_TRUE(frame.has_value());
  EXPECT_GE(frame->work_us, 7000u);
}

TEST_F(FramePresenterTest, ReleaseDropsOnlyItsGenerationAndWantsAPaint) {
  Adopt();
  presenter_.Release(kGeneration + 1);
  EXPECT_NE(presenter_.surface(), nullptr);
  ASSERT_TRUE(PaintNow().has_value());
  presenter_.Release(kGeneration);
  EXPECT_EQ(presenter_.surface(), nullptr);
  EXPECT_TRUE(presenter_.paint_wanted());
}

TEST_F(FramePresenterTest, UnsealedBuffersAreRefused) {
  std::vector<UniqueFd> fds;
  fds.push_back(test::MakeMemfd(kWidth * 4 * kHeight, 0));
  fds.push_back(test::MakeMemfd(kWidth * 4 * kHeight, 0));
  EXPECT_FALSE(presenter_.Adopt(SurfaceRequest(), std::move(fds)));
  EXPECT_EQ(presenter_.surface(), nullptr);
}

TEST_F(FramePresenterTest, SequencesOfUnpaintedFramesAreTheSameCount) {
  Adopt();
  EXPECT_EQ(presenter_.NextSequence(), 1u);
  EXPECT_EQ(PaintNow()->sequence, 2u);
}

TEST_F(FramePresenterTest, WarmUpNeedsThatSurface) {
  EXPECT_FALSE(presenter_.WarmUp(kGeneration));
  Adopt();
  Result<uint64_t> other = presenter_.WarmUp(kGeneration + 1);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error(), "WarmUp without that surface");
  EXPECT_TRUE(presenter_.WarmUp(kGeneration));
  // Warming paints nothing the browser sees: the first frame is still 0, 1.
  auto frame = PaintNow();
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->buffer, 0u);
  EXPECT_EQ(frame->sequence, 1u);
}

// A spare waits with one buffer's pixels: the one its first frame paints.
TEST_F(FramePresenterTest, WarmUpTouchesOnlyTheBufferOfTheFirstFrame) {
  std::vector<UniqueFd> fds = TwoBuffers();
  const std::vector<UniqueFd> keep = test::DuplicateFds(fds);
  ASSERT_TRUE(presenter_.Adopt(SurfaceRequest(), std::move(fds)));
  constexpr size_t kPages = kWidth * 4 * kHeight / 4096;
  ASSERT_EQ(test::ResidentPageCount(keep[0].get(), kPages), 0);
  ASSERT_TRUE(presenter_.WarmUp(kGeneration));
  const std::vector<bool> warmed = test::ResidentPages(keep[0].get(), kPages);
  ASSERT_EQ(warmed.size(), kPages);
  for (size_t page = 0; page < kPages; ++page) EXPECT_TRUE(warmed[page]) << "page " << page;
  EXPECT_EQ(test::ResidentPageCount(keep[1].get(), kPages), 0);
  ASSERT_EQ(PaintNow()->buffer, 0u) << "the first frame goes where the warm-up painted";
}

}  // namespace
}  // namespace sandtab::renderer
