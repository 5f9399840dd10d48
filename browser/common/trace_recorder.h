#ifndef SANDTAB_BROWSER_COMMON_TRACE_RECORDER_H_
#define SANDTAB_BROWSER_COMMON_TRACE_RECORDER_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace sandtab::browser {

// `trace start` / `trace stop FILE.json`: what the browser saw happen, in
// Chrome's trace-event format (opens in Perfetto and chrome://tracing).
// Off by default; while off every call is one branch.
class TraceRecorder {
 public:
  static constexpr size_t kMaxEvents = 200000;
  // Details name a URL or a title that a renderer chose (up to 2 MiB): the
  // head identifies it. Events x detail bound the trace at about 60 MB.
  static constexpr size_t kMaxDetailBytes = 200;

  void Start();
  bool recording() const { return recording_; }
  // Writes {"traceEvents": [...]} and stops.
  Status StopAndWrite(const std::string& path);

  // An instant event ("i") on the track of `pid` (a renderer, plugin or the browser).
  void Instant(const char* name, pid_t pid, const std::string& detail = {});
  // A complete event ("X") from `start` until now.
  void Complete(const char* name, pid_t pid, std::chrono::steady_clock::time_point start,
                const std::string& detail = {});
  size_t events() const { return events_.size(); }
  size_t detail_bytes() const { return detail_bytes_; }

 private:
  struct Event {
    const char* name;
    char phase;
    pid_t pid;
    int64_t ts_us;
    int64_t dur_us;
    std::string detail;
  };
  int64_t Micros(std::chrono::steady_clock::time_point t) const;

  bool recording_ = false;
  std::chrono::steady_clock::time_point origin_;
  std::vector<Event> events_;
  size_t detail_bytes_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_TRACE_RECORDER_H_
