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

namespace sandtab::ipc {
namespace {

const size_t kPage = static_cast<size_t>(::sysconf(_SC_PAGESIZE));

std::vector<bool> Resident(const PageBuffer& buffer) {
  std::vector<unsigned char> pages(buffer.size() / kPage);
  EXPECT_EQ(::mincore(buffer.data(), buffer.size(), pages.data()), 0);
  std::vector<bool> out;
  for (unsigned char page : pages) out.push_back(page & 1);
  return out;
}

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
  {
    std::vector<std::unique_ptr<uint8_t[]>> written;
    for (int i = 0; i < 64; ++i) {
      written.push_back(std::make_unique<uint8_t[]>(4096));
      std::memset(written.back().get(), 0x5a, 4096);
    }
  }
  PageBuffer buffer(16 * kPage);
  for (bool page : Resident(buffer)) EXPECT_FALSE(page);
  buffer[3 * kPage + 5] = 1;
  const std::vector<bool> resident = Resident(buffer);
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
