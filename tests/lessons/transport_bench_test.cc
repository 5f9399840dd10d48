// TransportBench: every transport delivers every size, in chunks where the
// transport needs them (a message queue past msgmax), and leaves nothing.
#include "lessons/transport_bench.h"

#include <gtest/gtest.h>

#include "lessons/ipc_janitor.h"

namespace sandtab::lessons {
namespace {

TEST(TransportBenchTest, EveryTransportDeliversSmallAndLargeMessages) {
  IpcJanitor janitor;
  TransportBench bench(janitor);
  for (TransportBench::Kind kind : TransportBench::kKinds) {
    for (size_t size : {size_t{64}, size_t{100'000}}) {
      auto measured = bench.Measure(kind, size, 20);
      ASSERT_TRUE(measured.ok()) << TransportBench::Name(kind) << " " << size << ": " << measured.error();
      EXPECT_GT(measured->median_us, 0) << TransportBench::Name(kind);
      EXPECT_GT(measured->mib_per_second, 0) << TransportBench::Name(kind);
    }
  }
  EXPECT_EQ(janitor.QueuesLeft(), 0);
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 0);
}

TEST(TransportBenchTest, NamesRoundTrip) {
  for (TransportBench::Kind kind : TransportBench::kKinds) {
    auto back = TransportBench::FromName(TransportBench::Name(kind));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, kind);
  }
  EXPECT_FALSE(TransportBench::FromName("carrier pigeon").has_value());
}

}  // namespace
}  // namespace sandtab::lessons
