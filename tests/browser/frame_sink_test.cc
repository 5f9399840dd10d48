// FrameSink: sealed buffers, the double-buffering rule, hostile geometry, and
// the last good frame across a renderer's death.
#include "browser/frame_sink.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <climits>
#include <cstring>
#include <initializer_list>
#include <vector>

namespace sandtab::browser {
namespace {

using ::testing::HasSubstr;

constexpr int kWidth = 64;
constexpr int kHeight = 32;
constexpr size_t kBytes = size_t{kWidth} * kHeight * 4;

proto::Rect MakeRect(int x, int y, int w, int h) {
  proto::Rect rect;
  rect.set_x(x);
  rect.set_y(y);
  rect.set_width(w);
  rect.set_height(h);
  return rect;
}

const proto::Rect& Full() {
  static const proto::Rect rect = MakeRect(0, 0, kWidth, kHeight);
  return rect;
}

// What a renderer does with the fds: maps them writable, as its own view.
class RendererMapping {
 public:
  explicit RendererMapping(int fd) {
    void* p = ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) data_ = static_cast<uint8_t*>(p);
  }
  ~RendererMapping() {
    if (data_) ::munmap(data_, kBytes);
  }
  RendererMapping(const RendererMapping&) = delete;
  RendererMapping& operator=(const RendererMapping&) = delete;
  bool ok() const { return data_ != nullptr; }
  void Fill(uint8_t value) { std::memset(data_, value, kBytes); }
  // A pattern that differs per pixel, so an offset or stride error shows.
  void Paint(uint8_t seed) {
    for (size_t i = 0; i < kBytes; ++i) data_[i] = static_cast<uint8_t>(seed + i * 7);
  }
  std::vector<uint8_t> Snapshot() const { return {data_, data_ + kBytes}; }
  void Reset() {  // the renderer's mapping goes away with it
    if (data_) ::munmap(data_, kBytes);
    data_ = nullptr;
  }

 private:
  uint8_t* data_ = nullptr;
};

std::vector<uint8_t> SinkPixels(const FrameSink& sink) {
  const uint8_t* p = sink.pixels();
  return p ? std::vector<uint8_t>(p, p + kBytes) : std::vector<uint8_t>{};
}

class FrameSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sink = FrameSink::Create(kWidth, kHeight);
    ASSERT_TRUE(sink.ok()) << sink.error();
    sink_ = std::move(*sink);
    auto fds = sink_->AttachRenderer();
    ASSERT_TRUE(fds.ok()) << fds.error();
    ASSERT_EQ(fds->size(), 2u);
    fds_ = std::move(*fds);
  }

  Result<int> Present(uint32_t buffer, uint64_t sequence, const proto::Rect& damage = Full()) {
    return sink_->Present({buffer, sink_->generation(), sequence, damage});
  }

  std::unique_ptr<FrameSink> sink_;
  std::vector<ipc::UniqueFd> fds_;
};

TEST(FrameSinkCreateTest, RefusesBadSizes) {
  for (auto [w, h] : std::vector<std::pair<int, int>>{{0, 10}, {10, 0}, {-1, 10}, {10, -5}, {8193, 10},
                                                      {10, 8193}, {INT_MAX, INT_MAX}}) {
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

TEST_F(FrameSinkTest, SequenceZeroIsRefusedEvenFirst) {
  EXPECT_FALSE(Present(0, 0).ok());
}

TEST_F(FrameSinkTest, DamageInsideIsAccepted) {
  uint64_t sequence = 1;
  for (const proto::Rect& rect : {MakeRect(0, 0, 0, 0), MakeRect(0, 0, kWidth, kHeight),
                                  MakeRect(kWidth - 1, kHeight - 1, 1, 1), MakeRect(10, 5, 20, 7),
                                  MakeRect(kWidth, kHeight, 0, 0)}) {
    auto result = Present(static_cast<uint32_t>(sequence % 2), sequence, rect);
    EXPECT_TRUE(result.ok()) << rect.ShortDebugString() << ": " << (result.ok() ? "" : result.error());
    ++sequence;
  }
}

TEST_F(FrameSinkTest, DamageOutsideIsRefusedWithoutOverflow) {
  constexpr int kMax = INT32_MAX;
  constexpr int kMin = INT32_MIN;
  const std::vector<proto::Rect> rects = {
      MakeRect(-1, 0, 1, 1),           MakeRect(0, -1, 1, 1),
      MakeRect(0, 0, -1, 1),           MakeRect(0, 0, 1, -1),
      MakeRect(0, 0, kWidth + 1, 1),   MakeRect(0, 0, 1, kHeight + 1),
      MakeRect(kWidth, 0, 1, 1),       MakeRect(0, kHeight, 1, 1),
      MakeRect(kMax, 0, 1, 1),         MakeRect(0, kMax, 1, 1),
      MakeRect(1, 0, kMax, 1),         MakeRect(0, 1, 1, kMax),
      MakeRect(kMax, kMax, kMax, kMax), MakeRect(kMin, 0, kMax, 1),
      MakeRect(0, kMin, 1, kMax),      MakeRect(10, 0, kMin, 1),
      MakeRect(kMin, kMin, kMin, kMin), MakeRect(-10, 0, 20, 1),
  };
  for (const auto& rect : rects) {
    auto result = Present(0, 1, rect);
    ASSERT_FALSE(result.ok()) << "accepted damage " << rect.ShortDebugString();
    EXPECT_THAT(result.error(), HasSubstr("outside"));
  }
  EXPECT_EQ(sink_->frames_presented(), 0u);
  EXPECT_TRUE(Present(0, 1).ok());  // the sequence was not consumed by refusals
}

using SolidRuns = google::protobuf::RepeatedPtrField<proto::SolidColorRows>;

SolidRuns Runs(std::initializer_list<std::array<uint32_t, 3>> runs) {
  SolidRuns out;
  for (const auto& [first, count, argb] : runs) {
    auto* run = out.Add();
    run->set_first_row(first);
    run->set_row_count(count);
    run->set_argb(argb);
  }
  return out;
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
      Runs({{0, 0, 1}}),                              // empty
      Runs({{kHeight - 1, 2, 1}}),                    // past the bottom
      Runs({{kHeight, 1, 1}}),                        // below it
      Runs({{UINT32_MAX, 2, 1}}),                     // wraps in 32 bits
      Runs({{1, UINT32_MAX, 1}}),
      Runs({{10, 2, 1}, {5, 2, 1}}),                  // out of order
      Runs({{0, 10, 1}, {9, 2, 1}}),                  // overlapping
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
std::unique_ptr<FrameSink> SpareSurface(std::vector<ipc::UniqueFd>* fds, int width = kWidth, int height = kHeight) {
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

  std::vector<ipc::UniqueFd> spare_fds;
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
  std::vector<ipc::UniqueFd> spare_fds;
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
  std::vector<ipc::UniqueFd> spare_fds;
  sink_->AdoptSurface(std::move(*SpareSurface(&spare_fds)));
  EXPECT_FALSE(sink_->released());
  EXPECT_FALSE(sink_->has_frame());
  EXPECT_EQ(sink_->shared_bytes(), 2 * kBytes);
}

}  // namespace
}  // namespace sandtab::browser
