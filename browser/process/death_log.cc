#include "browser/process/death_log.h"

namespace sandtab::browser {

void DeathLog::Record(const proto::DeathRecord& record) {
  ++total_;
  records_.push_back(record);
  if (records_.size() > kCapacity) records_.pop_front();
}

}  // namespace sandtab::browser
