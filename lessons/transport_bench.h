#ifndef SANDTAB_LESSONS_TRANSPORT_BENCH_H_
#define SANDTAB_LESSONS_TRANSPORT_BENCH_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"

namespace sandtab::lessons {

class IpcJanitor;

// The comparison's measurement: a parent hands a child `size` bytes and
// waits for a one-byte answer, `count` times, the two pinned to different
// CPUs (DESIGN section 9: compare like with like). The child copies the
// bytes into memory of its own in every transport, so each row pays for
// delivering the data, not merely for a signal.
class TransportBench {
 public:
  enum class Kind { kSocketPair, kPipe, kMessageQueue, kSharedMemory };
  static constexpr Kind kKinds[] = {Kind::kSocketPair, Kind::kPipe, Kind::kMessageQueue, Kind::kSharedMemory};
  static const char* Name(Kind kind);
  static std::optional<Kind> FromName(const std::string& name);

  struct Measurement {
    double median_us = 0;  // one exchange: the bytes there, the answer back
    double mib_per_second = 0;
  };

  explicit TransportBench(IpcJanitor& janitor) : janitor_(janitor) {}
  Result<Measurement> Measure(Kind kind, size_t size, int count);

 private:
  IpcJanitor& janitor_;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_TRANSPORT_BENCH_H_
