#include "browser/common/trace_recorder.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "browser/common/json_writer.h"
#include "browser/common/terminal_text.h"

namespace sandtab::browser {

void TraceRecorder::Start() {
  events_.clear();
  detail_bytes_ = 0;
  origin_ = std::chrono::steady_clock::now();
  recording_ = true;
}

int64_t TraceRecorder::Micros(std::chrono::steady_clock::time_point t) const {
  return std::chrono::duration_cast<std::chrono::microseconds>(t - origin_).count();
}

void TraceRecorder::Instant(const char* name, pid_t pid, const std::string& detail) {
  if (!recording_ || events_.size() >= kMaxEvents) return;
  events_.push_back(
      {name, 'i', pid, Micros(std::chrono::steady_clock::now()), 0, TruncateText(detail, kMaxDetailBytes)});
  detail_bytes_ += events_.back().detail.size();
}

void TraceRecorder::Complete(const char* name, pid_t pid, std::chrono::steady_clock::time_point start,
                             const std::string& detail) {
  if (!recording_ || events_.size() >= kMaxEvents) return;
  const int64_t begin = Micros(start);
  events_.push_back(
      {name, 'X', pid, begin, Micros(std::chrono::steady_clock::now()) - begin, TruncateText(detail, kMaxDetailBytes)});
  detail_bytes_ += events_.back().detail.size();
}

Status TraceRecorder::StopAndWrite(const std::string& path) {
  if (!recording_) return Error{"no trace is being recorded (trace start)"};
  recording_ = false;
  JsonWriter json;
  json.BeginObject().BeginArray("traceEvents");
  // Name each process's track, so Perfetto shows "renderer 1234", not a number.
  json.BeginObject()
      .Field("name", "process_name")
      .Field("ph", "M")
      .Field("pid", static_cast<int64_t>(::getpid()))
      .BeginObject("args")
      .Field("name", "browser")
      .EndObject()
      .EndObject();
  for (const Event& event : events_) {
    json.BeginObject()
        .Field("name", event.name)
        .Field("cat", "sandtab")
        .Field("ph", std::string(1, event.phase))
        .Field("ts", event.ts_us)
        .Field("pid", static_cast<int64_t>(event.pid))
        .Field("tid", static_cast<int64_t>(event.pid));
    if (event.phase == 'X') json.Field("dur", event.dur_us);
    if (event.phase == 'i') json.Field("s", "p");
    if (!event.detail.empty()) json.BeginObject("args").Field("detail", event.detail).EndObject();
    json.EndObject();
  }
  json.EndArray().EndObject();
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  out << json.text() << "\n";
  if (!out.flush()) return Error{"cannot write " + path};
  return OkStatus();
}

}  // namespace sandtab::browser
