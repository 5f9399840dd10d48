// Compositing rows: the browser's own Compositor::ComposePage (what
// ComposeTab runs for a live tab) on a 1920x1080 front buffer held in a real
// FrameSink (sealed memfds), against the floor of one memcpy of the same
// frame out of the same mapping.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "bench/bench_peer.h"
#include "browser/compositor/compositor.h"
#include "browser/process/frame_sink.h"
#include "browser/plugins/plugin_instance.h"
#include "ipc/shared_buffer.h"
#include "tests/support/allocation_counter.h"

namespace sandtab::bench {
namespace {

using browser::Compositor;
using browser::FrameSink;
using browser::Image;
using browser::PixelView;
using browser::PluginInstance;
using Clock = std::chrono::steady_clock;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr size_t kFrameBytes = size_t{kWidth} * kHeight * 4;  // 8,294,400

// Plugin instances of the row with plugins: the size of a small video, spread
// over the page, all visible.
constexpr int kPluginWidth = 320;
constexpr int kPluginHeight = 240;

// A surface whose child painted and presented one frame of `pixel`, as the
// browser holds it after FrameReady: the front buffer is a read-only
// mapping of a sealed memfd.
Result<std::unique_ptr<FrameSink>> PresentedSink(int width, int height, uint32_t pixel) {
  auto sink = FrameSink::Create(width, height);
  if (!sink) return Error{sink.error()};
  auto fds = (*sink)->AttachRenderer();
  if (!fds) return Error{fds.error()};
  const size_t bytes = static_cast<size_t>(width) * height * 4;
  // The child's own writable mapping, dropped once painted.
  auto painted = ipc::SharedBuffer::Adopt(std::move((*fds)[0]), bytes, ipc::Access::kReadWrite);
  if (!painted) return Error{painted.error()};
  uint8_t* p = painted->writable_bytes().data();
  for (size_t i = 0; i < bytes; i += 4) std::memcpy(p + i, &pixel, 4);
  proto::Rect damage;
  damage.set_width(width);
  damage.set_height(height);
  if (auto ack = (*sink)->Present({0, (*sink)->generation(), 1, damage}); !ack) return Error{ack.error()};
  return std::move(*sink);
}

PixelView ViewOf(const FrameSink& sink) { return {sink.pixels(), sink.width(), sink.height(), sink.stride()}; }

// One frame of the page (with `instances` over it) into `image`, which the
// optimiser must treat as read and written out to memory.
void Compose(const FrameSink& page, std::span<const PluginInstance* const> instances, Image& image) {
  Compositor::ComposePage(ViewOf(page), 0, instances, image);
  benchmark::DoNotOptimize(image.pixels.data());
  benchmark::ClobberMemory();
}

long MinorFaults() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Per-frame counters: the median frame (another tenant's burst on this
// shared machine moves the mean, rarely the median), operator new calls
// (cairo's mallocs are not counted) and minor page faults (a fresh
// destination faults in 8 MB).
class FrameCounters {
 public:
  explicit FrameCounters(benchmark::State& state)
      : latencies_(state.max_iterations), allocations_(test::ThreadAllocationCount()), faults_(MinorFaults()) {}
  // Runs one frame under the clock.
  template <typename Frame>
  void Time(Frame&& frame) {
    const auto start = Clock::now();
    frame();
    latencies_.Add(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
  }
  void Report(benchmark::State& state) {
    const double frames = state.iterations() ? static_cast<double>(state.iterations()) : 1;
    state.counters["allocs_per_frame"] = static_cast<double>(test::ThreadAllocationCount() - allocations_) / frames;
    state.counters["faults_per_frame"] = static_cast<double>(MinorFaults() - faults_) / frames;
    state.counters["p50_us"] = latencies_.QuantileMicros(0.5);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kFrameBytes));
  }

 private:
  Latencies latencies_;
  uint64_t allocations_;
  long faults_;
};

// The floor: one memcpy of the frame out of the front buffer's mapping into
// a destination touched beforehand, as the compositor's reused image is.
class FrameCopy {
 public:
  explicit FrameCopy(const FrameSink& page) : source_(page.pixels()), destination_(kFrameBytes, 0) { Run(); }
  void Run() {
    std::memcpy(destination_.data(), source_, kFrameBytes);
    benchmark::ClobberMemory();
  }

 private:
  const uint8_t* source_;
  std::vector<uint8_t> destination_;
};

void BM_FrameMemcpy(benchmark::State& state) {
  auto page = PresentedSink(kWidth, kHeight, 0xff7f6f5f);
  if (!page) return state.SkipWithError(page.error().c_str());
  FrameCopy copy(**page);
  FrameCounters counters(state);
  for (auto _ : state) counters.Time([&] { copy.Run(); });
  counters.Report(state);
}

// Compositor::ComposePage into one image reused across frames, with
// state.range(0) plugin instances presenting their own frames over the page.
void BM_ComposePage(benchmark::State& state) {
  const int plugins = static_cast<int>(state.range(0));
  auto page = PresentedSink(kWidth, kHeight, 0xff7f6f5f);
  if (!page) return state.SkipWithError(page.error().c_str());
  std::vector<std::unique_ptr<PluginInstance>> owned;
  std::vector<const PluginInstance*> instances;
  for (int i = 0; i < plugins; ++i) {
    auto instance = std::make_unique<PluginInstance>();
    auto sink = PresentedSink(kPluginWidth, kPluginHeight, 0xff203040 + static_cast<uint32_t>(i));
    if (!sink) return state.SkipWithError(sink.error().c_str());
    instance->sink = std::move(*sink);
    instance->state = browser::PluginInstanceState::kRunning;
    instance->rect.set_x(100 + (i % 4) * 440);
    instance->rect.set_y(150 + (i / 4) * 300);
    instance->rect.set_width(kPluginWidth);
    instance->rect.set_height(kPluginHeight);
    instances.push_back(instance.get());
    owned.push_back(std::move(instance));
  }
  Image image;
  Compositor::ComposePage(ViewOf(**page), 0, instances, image);  // the first frame sizes it
  FrameCounters counters(state);
  for (auto _ : state) counters.Time([&] { Compose(**page, instances, image); });
  counters.Report(state);
}

// What ComposeTab does for a screenshot: a fresh image every frame, so the
// vector's allocation and zeroing (and faults, when the allocator hands
// back fresh pages) come on top of the copy.
void BM_ComposePageFreshImage(benchmark::State& state) {
  auto page = PresentedSink(kWidth, kHeight, 0xff7f6f5f);
  if (!page) return state.SkipWithError(page.error().c_str());
  FrameCounters counters(state);
  for (auto _ : state) {
    counters.Time([&] {
      Image image;
      Compose(**page, {}, image);
    });
  }
  counters.Report(state);
}

// The floor and the plain page in turn, one of each per iteration, each
// timed on its own: the rows above run one after the other, and a burst on
// this shared machine during one of them (the floor once read 641 us
// against its usual ~290, for 0.2 s) moves their ratio; samples taken side
// by side see the same machine. Both read slower in turn (~390-480 us
// here): each finds its destination evicted by the other's 8 MB.
void BM_ComposeVsMemcpyInterleaved(benchmark::State& state) {
  auto page = PresentedSink(kWidth, kHeight, 0xff7f6f5f);
  if (!page) return state.SkipWithError(page.error().c_str());
  FrameCopy copy(**page);
  Image image;
  Compositor::ComposePage(ViewOf(**page), 0, {}, image);
  Latencies floor(state.max_iterations), composed(state.max_iterations);
  for (auto _ : state) {
    auto start = Clock::now();
    copy.Run();
    auto middle = Clock::now();
    Compose(**page, {}, image);
    floor.Add(std::chrono::duration<double, std::nano>(middle - start).count());
    composed.Add(std::chrono::duration<double, std::nano>(Clock::now() - middle).count());
  }
  state.counters["floor_p50_us"] = floor.QuantileMicros(0.5);
  state.counters["p50_us"] = composed.QuantileMicros(0.5);
}

}  // namespace

BENCHMARK(BM_FrameMemcpy)->Name("compose/memcpy")->UseRealTime();
BENCHMARK(BM_ComposePage)->Name("compose/page")->Arg(0)->Arg(4)->UseRealTime();
BENCHMARK(BM_ComposePageFreshImage)->Name("compose/page_fresh_image")->UseRealTime();
BENCHMARK(BM_ComposeVsMemcpyInterleaved)->Name("compose/page_vs_memcpy_interleaved")->UseRealTime();

}  // namespace sandtab::bench
