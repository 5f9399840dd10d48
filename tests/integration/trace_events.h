// Reading back what `trace stop FILE.json` wrote (Chrome trace event format).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sandtab::integration {

struct TraceInstant {
  std::string name;
  int64_t ts = 0;  // microseconds
  pid_t pid = 0;   // the track: the process the event is about
  std::string detail;
};

// The instant events ("ph": "i") of a trace file, in file order.
std::vector<TraceInstant> ReadTraceInstants(const std::string& path);

}  // namespace sandtab::integration
