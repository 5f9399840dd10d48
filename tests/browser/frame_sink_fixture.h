// The FrameSink tests' shared parts: a small surface, what a renderer does
// with its fds (maps them writable), and a fixture with one attached
// renderer. frame_sink_test.cc checks what a FrameReady may claim;
// frame_sink_surface_test.cc the pixels and the surface's lifecycle.
#ifndef SANDTAB_TESTS_BROWSER_FRAME_SINK_FIXTURE_H_
#define SANDTAB_TESTS_BROWSER_FRAME_SINK_FIXTURE_H_

#include <sys/mman.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <vector>

#include "browser/process/frame_sink.h"

namespace sandtab::browser {

inline constexpr int kWidth = 64;
inline constexpr int kHeight = 32;
inline constexpr size_t kBytes = size_t{kWidth} * kHeight * 4;

inline proto::Rect MakeRect(int x, int y, int w, int h) {
  proto::Rect rect;
  rect.set_x(x);
  rect.set_y(y);
  rect.set_width(w);
  rect.set_height(h);
  return rect;
}

inline const proto::Rect& Full() {
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

inline std::vector<uint8_t> SinkPixels(const FrameSink& sink) {
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
  std::vector<UniqueFd> fds_;
};

// FrameReady.solid_rows from {first_row, row_count, argb} triples.
using SolidRuns = google::protobuf::RepeatedPtrField<proto::SolidColorRows>;

inline SolidRuns Runs(std::initializer_list<std::array<uint32_t, 3>> runs) {
  SolidRuns out;
  for (const auto& [first, count, argb] : runs) {
    auto* run = out.Add();
    run->set_first_row(first);
    run->set_row_count(count);
    run->set_argb(argb);
  }
  return out;
}

}  // namespace sandtab::browser

#endif  // SANDTAB_TESTS_BROWSER_FRAME_SINK_FIXTURE_H_
