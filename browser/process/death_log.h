#ifndef SANDTAB_BROWSER_PROCESS_DEATH_LOG_H_
#define SANDTAB_BROWSER_PROCESS_DEATH_LOG_H_

#include <cstddef>
#include <cstdint>
#include <deque>

#include "proto/death_record.pb.h"

namespace sandtab::browser {

// How children ended, browser-wide (`deaths`, and `stats`' count): renderers,
// plugins, spares and zygotes alike, each record as its owner completed it
// (the restart decision included). Keeps the newest kCapacity records and
// counts every one.
class DeathLog {
 public:
  static constexpr size_t kCapacity = 200;

  void Record(const proto::DeathRecord& record);

  // Oldest first.
  const std::deque<proto::DeathRecord>& records() const { return records_; }
  // Every record ever made, the dropped ones included.
  uint64_t total() const { return total_; }

 private:
  std::deque<proto::DeathRecord> records_;
  uint64_t total_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_DEATH_LOG_H_
