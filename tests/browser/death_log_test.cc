// DeathLog: the newest records, oldest first, and a count of all of them.
#include "browser/process/death_log.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

proto::DeathRecord Death(int pid, proto::ProcessType type) {
  proto::DeathRecord record;
  record.set_pid(pid);
  record.set_process_type(type);
  return record;
}

TEST(DeathLogTest, StartsEmpty) {
  DeathLog log;
  EXPECT_TRUE(log.records().empty());
  EXPECT_EQ(log.total(), 0u);
}

TEST(DeathLogTest, KeepsEveryKindOfChildInOrder) {
  DeathLog log;
  log.Record(Death(1, proto::PROCESS_TYPE_RENDERER));
  log.Record(Death(2, proto::PROCESS_TYPE_PLUGIN));
  log.Record(Death(3, proto::PROCESS_TYPE_ZYGOTE));
  ASSERT_EQ(log.records().size(), 3u);
  EXPECT_EQ(log.records()[0].pid(), 1);
  EXPECT_EQ(log.records()[1].process_type(), proto::PROCESS_TYPE_PLUGIN);
  EXPECT_EQ(log.records()[2].pid(), 3);
  EXPECT_EQ(log.total(), 3u);
}

TEST(DeathLogTest, DropsTheOldestPastItsCapacityAndStillCountsThem) {
  DeathLog log;
  const int records = static_cast<int>(DeathLog::kCapacity) + 5;
  for (int pid = 1; pid <= records; ++pid) log.Record(Death(pid, proto::PROCESS_TYPE_RENDERER));
  ASSERT_EQ(log.records().size(), DeathLog::kCapacity);
  EXPECT_EQ(log.records().front().pid(), 6);
  EXPECT_EQ(log.records().back().pid(), records);
  EXPECT_EQ(log.total(), static_cast<uint64_t>(records));
}

}  // namespace
}  // namespace sandtab::browser
