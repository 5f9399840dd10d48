#ifndef SANDTAB_RENDERER_THREAD_CPU_TIME_H_
#define SANDTAB_RENDERER_THREAD_CPU_TIME_H_

#include <time.h>

#include <cstdint>

namespace sandtab::renderer {

// What this thread has run, in nanoseconds. The renderer's core is shared
// (with the browser, the plugin process, other renderers; in the benchmarks
// all are pinned to one core), so wall time would count their work as this
// page's; FrameReady.work_us is the renderer's own.
inline uint64_t ThreadCpuNanos() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(now.tv_nsec);
}

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_THREAD_CPU_TIME_H_
