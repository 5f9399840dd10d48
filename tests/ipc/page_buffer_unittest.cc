// PageBuffer: whole pages of its own mapping, resident only where written,
// and a guard page after them.
#include "ipc/page_buffer.h"

#include <sys/mman.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <new>
#include <memory>
#include <vector>

#include "tests/support/fd_helpers.h"

namespace sandtab::ipc {
namespace {

const size_t kPage = static_cast<size_t>(::sysconf(_SC_PAGESIZE));

std::vector<bool> Resident(const PageBuffer& buffer) { return test::ResidentPagesAt(buffer.data(), buffer.size()); }

TEST(PageBufferTest, IsWholePagesAndEmptyForNothing) {
  EXPECT_EQ(PageBuffer(1).size(), kPage);
  EXPECT_EQ(PageBuffer(kPage).size(), kPage);
  EXPECT_EQ(PageBuffer(kPage + 1).size(), 2 * kPage);
  EXPECT_THROW(PageBuffer(SIZE_MAX), std::bad_alloc);
  PageBuffer none(0);
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.data(), nullptr);
}

// Unlike a heap block, whatever the heap wrote and freed just before.
TEST(PageBufferTest, OnlyWrittenPagesAreResident) {
  test::LeaveWrittenMemoryInTheHeap();
  PageBuffer buffer(16 * kPage);
  EXPECT_EQ(Resident(buffer), std::vector<bool>(16, false));
  buffer[3 * kPage + 5] = 1;
  const std::vector<bool> resident = Resident(buffer);
  ASSERT_EQ(resident.size(), 16u);
  for (size_t page = 0; page < resident.size(); ++page) EXPECT_EQ(resident[page], page == 3) << "page " << page;
}

TEST(PageBufferTest, MovingHandsOverTheMapping) {
  PageBuffer first(kPage);
  first[0] = 7;
  uint8_t* const bytes = first.data();
  PageBuffer second(std::move(first));
  EXPECT_EQ(first.data(), nullptr);
  EXPECT_EQ(first.size(), 0u);
  EXPECT_EQ(second.data(), bytes);
  EXPECT_EQ(second[0], 7);
  PageBuffer third(2 * kPage);
  third = std::move(second);
  EXPECT_EQ(third.data(), bytes);
  EXPECT_EQ(third.size(), kPage);
}

TEST(PageBufferDeathTest, AWritePastTheEndFaults) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  PageBuffer buffer(kPage);
  buffer[kPage - 1] = 1;  // the last byte is the buffer's
  EXPECT_DEATH(buffer[kPage] = 1, "");
}

}  // namespace
}  // namespace sandtab::ipc
