// FrameSink: the pixels it shows, and its surface's lifecycle: the last
// good frame across a renderer's death and restart, released surfaces, and
// a spare renderer's surface adopted.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "browser/process/frame_sink.h"
#include "tests/browser/frame_sink_fixture.h"

namespace sandtab::browser {
namespace {

TEST_F(FrameSinkTest, PixelsAreTheFrontBuffer) {
  EXPECT_FALSE(sink_->has_frame());
  EXPECT_EQ(sink_->pixels(), nullptr);
  RendererMapping back0(fds_[0].get()), back1(fds_[1].get());
  ASSERT_TRUE(back0.ok() && back1.ok());
  back0.Paint(1);
  ASSERT_TRUE(Present(0, 1).ok());
  ASSERT_TRUE(sink_->has_frame());
  EXPECT_EQ(SinkPixels(*sink_), back0.Snapshot());
  back1.Paint(2);
  ASSERT_TRUE(Present(1, 2).ok());
  EXPECT_EQ(SinkPixels(*sink_), back1.Snapshot());
}

TEST_F(FrameSinkTest, TheFrontFrameOutlivesItsRenderer) {
  RendererMapping back0(fds_[0].get());
  ASSERT_TRUE(back0.ok());
  back0.Paint(3);
  const auto frame = back0.Snapshot();
  ASSERT_TRUE(Present(0, 1).ok());
  // The renderer died: nothing is copied, the tab shows the buffer it held.
  back0.Reset();
  ASSERT_TRUE(sink_->has_frame());
  EXPECT_EQ(sink_->held_buffer(), 0);
  EXPECT_EQ(SinkPixels(*sink_), frame);
}

TEST_F(FrameSinkTest, RestartKeepsTheOldFrameUntilTheNewRendererPresents) {
  RendererMapping old0(fds_[0].get());
  ASSERT_TRUE(old0.ok());
  old0.Paint(4);
  const auto old_frame = old0.Snapshot();
  ASSERT_TRUE(Present(0, 7).ok());

  // A new renderer: a new generation, and buffer 0 stays the browser's.
  const uint64_t old_generation = sink_->generation();
  auto fds = sink_->AttachRenderer();
  ASSERT_TRUE(fds.ok()) << fds.error();
  EXPECT_EQ(sink_->generation(), old_generation + 1);
  EXPECT_EQ(sink_->held_buffer(), 0);
  RendererMapping new1((*fds)[1].get());
  ASSERT_TRUE(new1.ok());
  new1.Paint(9);  // painting, not yet presented
  EXPECT_EQ(SinkPixels(*sink_), old_frame);

  // The old renderer's late frame is dropped: nothing shown, nothing acked.
  auto stale = sink_->Present({1, old_generation, 8, Full()});
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(*stale, -1);
  EXPECT_EQ(SinkPixels(*sink_), old_frame);
  // The held buffer is not the new renderer's to present...
  EXPECT_FALSE(Present(0, 1).ok());
}

TEST_F(FrameSinkTest, TheNewRenderersFirstFrameReturnsTheHeldBuffer) {
  RendererMapping old0(fds_[0].get());
  ASSERT_TRUE(old0.ok());
  old0.Paint(4);
  ASSERT_TRUE(Present(0, 7).ok());
  auto fds = sink_->AttachRenderer();
  ASSERT_TRUE(fds.ok()) << fds.error();
  RendererMapping new1((*fds)[1].get());
  ASSERT_TRUE(new1.ok());
  new1.Paint(9);
  // ...the other one is, sequence from 1, and presenting it acks the old front.
  auto first = Present(1, 1);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(*first, 0);
  EXPECT_EQ(sink_->held_buffer(), 1);
  EXPECT_EQ(SinkPixels(*sink_), new1.Snapshot());
}

TEST_F(FrameSinkTest, ReleasedSurfaceHoldsNothing) {
  RendererMapping back0(fds_[0].get());
  ASSERT_TRUE(back0.ok());
  back0.Paint(3);
  ASSERT_TRUE(Present(0, 1).ok());
  back0.Reset();
  sink_->Release();
  EXPECT_FALSE(sink_->has_frame());
  EXPECT_EQ(sink_->held_buffer(), -1);
  ASSERT_TRUE(sink_->Restore().ok());
  EXPECT_EQ(sink_->held_buffer(), -1);
  EXPECT_EQ(sink_->pixels(), nullptr);
}

std::vector<uint8_t> PicturePixels(const FrameSink& sink) {
  const PixelView picture = sink.Picture();
  return picture.pixels ? std::vector<uint8_t>(picture.pixels, picture.pixels + kBytes) : std::vector<uint8_t>{};
}

// A tab sent to the back keeps its last frame, compressed: nothing shows
// while released (no renderer can repaint it), the saved frame shows once
// the surface is back, and the renderer's first frame replaces it.
TEST_F(FrameSinkTest, AFrameKeptAtTheReleaseShowsOnceRestoredUntilTheNextFrame) {
  RendererMapping back0(fds_[0].get());
  ASSERT_TRUE(back0.ok());
  back0.Paint(5);
  const auto frame = back0.Snapshot();
  ASSERT_TRUE(Present(0, 1).ok());
  back0.Reset();
  sink_->Release(/*keep_frame=*/true);
  EXPECT_TRUE(sink_->has_saved_frame());
  EXPECT_GT(sink_->saved_frame_bytes(), 0u);
  EXPECT_EQ(sink_->Picture().pixels, nullptr);
  EXPECT_EQ(sink_->shared_bytes(), 0u);

  ASSERT_TRUE(sink_->Restore().ok());
  EXPECT_FALSE(sink_->has_frame()) << "a saved frame is not the renderer's: wait and screenshot still wait";
  EXPECT_EQ(PicturePixels(*sink_), frame);
  EXPECT_TRUE(sink_->Picture().solid_rows.empty());

  auto fds = sink_->AttachRenderer();
  ASSERT_TRUE(fds.ok()) << fds.error();
  RendererMapping fresh1((*fds)[1].get());
  ASSERT_TRUE(fresh1.ok());
  fresh1.Paint(6);
  ASSERT_TRUE(Present(1, 1).ok());
  EXPECT_FALSE(sink_->has_saved_frame());
  EXPECT_EQ(PicturePixels(*sink_), fresh1.Snapshot());
}

TEST_F(FrameSinkTest, AReleaseWithoutKeepingAResizeOrADropLeavesNoSavedFrame) {
  auto kept_then = [this](auto&& undo) {
    RendererMapping back(fds_[0].get());
    back.Paint(7);
    EXPECT_TRUE(Present(0, 1).ok());
    sink_->Release(true);
    EXPECT_TRUE(sink_->has_saved_frame());
    undo();
    EXPECT_FALSE(sink_->has_saved_frame());
    EXPECT_EQ(sink_->saved_frame_bytes(), 0u);
    ASSERT_TRUE(sink_->Restore().ok());
    EXPECT_EQ(sink_->Picture().pixels, nullptr);
    auto fds = sink_->AttachRenderer();
    ASSERT_TRUE(fds.ok());
    fds_ = std::move(*fds);
  };
  kept_then([this] { sink_->Release(false); });
  kept_then([this] { sink_->DropSavedFrame(); });
  kept_then([this] {
    ASSERT_TRUE(sink_->Resize(kWidth * 2, kHeight).ok());  // a frame of the old size would not fit
    ASSERT_TRUE(sink_->Resize(kWidth, kHeight).ok());
  });
}

// A new renderer is told which buffers hold pages already (SetSurface's
// painted_buffers): every buffer that was presented, until a release frees them.
TEST_F(FrameSinkTest, PaintedBuffersAreThePresentedOnesUntilARelease) {
  EXPECT_EQ(sink_->painted_buffers(), 0u);
  ASSERT_TRUE(Present(1, 1).ok());
  EXPECT_EQ(sink_->painted_buffers(), 0b10u);
  ASSERT_TRUE(Present(0, 2).ok());
  EXPECT_EQ(sink_->painted_buffers(), 0b11u);
  EXPECT_FALSE(Present(0, 3).ok());  // held: refused, and changes nothing
  EXPECT_EQ(sink_->painted_buffers(), 0b11u);
  sink_->Release();
  EXPECT_EQ(sink_->painted_buffers(), 0u);
  ASSERT_TRUE(sink_->Restore().ok());
  EXPECT_EQ(sink_->painted_buffers(), 0u);
}

// A spare renderer's surface, as SpareRenderer makes it: its own sink,
// attached once (generation 1), both buffers the renderer's, nothing shown.
std::unique_ptr<FrameSink> SpareSurface(std::vector<UniqueFd>* fds, int width = kWidth, int height = kHeight) {
  auto spare = FrameSink::Create(width, height);
  EXPECT_TRUE(spare.ok());
  auto attached = (*spare)->AttachRenderer();
  EXPECT_TRUE(attached.ok());
  *fds = std::move(*attached);
  return std::move(*spare);
}

TEST_F(FrameSinkTest, AdoptedSpareSurfaceKeepsTheLastFrameShownUntilTheFirstNewOne) {
  RendererMapping dead(fds_[0].get());
  ASSERT_TRUE(dead.ok());
  dead.Paint(11);
  const SolidRuns dead_runs = Runs({{0, 3, 0xff102030}});
  ASSERT_TRUE(sink_->Present({0, sink_->generation(), 1, Full(), &dead_runs}).ok());
  const std::vector<uint8_t> last_frame = dead.Snapshot();
  dead.Reset();  // the renderer died; its frame stays in buffer 0
  fds_.clear();

  std::vector<UniqueFd> spare_fds;
  auto spare = SpareSurface(&spare_fds);
  const uint64_t spare_generation = spare->generation();
  sink_->AdoptSurface(std::move(*spare));
  EXPECT_EQ(sink_->generation(), spare_generation);
  EXPECT_EQ(sink_->held_buffer(), -1) << "both of the spare's buffers are its renderer's";
  EXPECT_EQ(SinkPixels(*sink_), last_frame) << "the sad tab still shows the dead renderer's frame";
  ASSERT_EQ(sink_->solid_rows().size(), 1u) << "with its solid rows";
  EXPECT_EQ(sink_->solid_rows()[0].argb, 0xff102030u);
  EXPECT_EQ(sink_->shared_bytes(), 3 * kBytes) << "the old front buffer is kept until replaced";

  RendererMapping spare_view(spare_fds[1].get());
  ASSERT_TRUE(spare_view.ok());
  spare_view.Paint(99);
  auto to_ack = sink_->Present({1, spare_generation, 1, Full()});
  ASSERT_TRUE(to_ack.ok()) << to_ack.error();
  EXPECT_EQ(*to_ack, -1);
  EXPECT_EQ(SinkPixels(*sink_), spare_view.Snapshot());
  EXPECT_TRUE(sink_->solid_rows().empty());
  EXPECT_EQ(sink_->shared_bytes(), 2 * kBytes) << "the old front buffer is freed by the first new frame";
}

TEST_F(FrameSinkTest, AdoptedSurfaceHoldsTheNewRendererToItsRules) {
  std::vector<UniqueFd> spare_fds;
  auto spare = SpareSurface(&spare_fds);
  const uint64_t generation = spare->generation();
  sink_->AdoptSurface(std::move(*spare));
  EXPECT_FALSE(sink_->Present({2, generation, 1, Full()}).ok()) << "buffer out of range";
  EXPECT_FALSE(sink_->Present({0, generation + 1, 1, Full()}).ok()) << "a generation never handed out";
  ASSERT_TRUE(sink_->Present({0, generation, 1, Full()}).ok());
  EXPECT_FALSE(sink_->Present({0, generation, 2, Full()}).ok()) << "the buffer the browser holds";
  EXPECT_FALSE(sink_->Present({1, generation, 1, Full()}).ok()) << "sequence must increase";
}

TEST_F(FrameSinkTest, ReleasedSurfaceAdoptsASpareAndHoldsBuffersAgain) {
  sink_->Release();
  ASSERT_TRUE(sink_->released());
  std::vector<UniqueFd> spare_fds;
  sink_->AdoptSurface(std::move(*SpareSurface(&spare_fds)));
  EXPECT_FALSE(sink_->released());
  EXPECT_FALSE(sink_->has_frame());
  EXPECT_EQ(sink_->shared_bytes(), 2 * kBytes);
}

// A process swap (a navigation to another site): the new renderer gets two
// buffers the old one never mapped, and the old frame stays until the new one.
TEST_F(FrameSinkTest, ReplacedBuffersAreNewMemfdsAndKeepTheLastFrameUntilTheFirstNewOne) {
  RendererMapping old_site(fds_[0].get());
  ASSERT_TRUE(old_site.ok());
  old_site.Paint(21);
  ASSERT_TRUE(Present(0, 1).ok());
  const std::vector<uint8_t> last_frame = old_site.Snapshot();
  struct stat before[2];
  for (int i = 0; i < 2; ++i) ASSERT_EQ(::fstat(fds_[i].get(), &before[i]), 0);

  ASSERT_TRUE(sink_->ReplaceBuffers().ok());
  EXPECT_EQ(sink_->held_buffer(), -1) << "both new buffers are the new renderer's";
  EXPECT_EQ(sink_->painted_buffers(), 0u);
  EXPECT_EQ(SinkPixels(*sink_), last_frame) << "the old site's frame stays on screen";
  EXPECT_EQ(sink_->shared_bytes(), 3 * kBytes);

  const uint64_t old_generation = sink_->generation();
  auto fresh = sink_->AttachRenderer();
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  EXPECT_GT(sink_->generation(), old_generation);
  for (const UniqueFd& fd : *fresh) {
    struct stat st;
    ASSERT_EQ(::fstat(fd.get(), &st), 0);
    for (const struct stat& old : before) EXPECT_NE(st.st_ino, old.st_ino) << "the old renderer maps this buffer";
  }
  auto stale = sink_->Present({1, old_generation, 2, Full()});
  ASSERT_TRUE(stale.ok()) << stale.error();
  EXPECT_EQ(*stale, -1) << "a frame of the old generation is stale, never shown";
  EXPECT_EQ(SinkPixels(*sink_), last_frame);
  RendererMapping new_site((*fresh)[0].get());
  ASSERT_TRUE(new_site.ok());
  new_site.Paint(77);
  ASSERT_TRUE(sink_->Present({0, sink_->generation(), 1, Full()}).ok());
  EXPECT_EQ(SinkPixels(*sink_), new_site.Snapshot());
  EXPECT_EQ(sink_->shared_bytes(), 2 * kBytes) << "the old front buffer is freed by the first new frame";
}

}  // namespace
}  // namespace sandtab::browser
