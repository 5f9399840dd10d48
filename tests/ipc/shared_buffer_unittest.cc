#include "ipc/shared_buffer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>

#include <cerrno>
#include <string>

#include "tests/support/fd_helpers.h"

namespace sandtab::ipc {
namespace {

constexpr size_t kSize = 64 * 1024;
constexpr int kAllSeals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL;

TEST(SharedBufferTest, AdoptsASealedMemfdOfTheRightSize) {
  UniqueFd fd = test::MakeMemfd(kSize, kAllSeals);
  auto buffer = SharedBuffer::Adopt(std::move(fd), kSize, Access::kReadOnly);
  ASSERT_TRUE(buffer) << buffer.error();
  EXPECT_EQ(buffer->size(), kSize);
  EXPECT_EQ(buffer->bytes().size(), kSize);
  EXPECT_TRUE(buffer->writable_bytes().empty()) << "a read-only mapping offers no writable span";
}

TEST(SharedBufferTest, RefusesAnUnsealedMemfd) {
  const int before = test::CountOpenFds();
  auto buffer = SharedBuffer::Adopt(test::MakeMemfd(kSize, 0), kSize, Access::kReadOnly);
  ASSERT_FALSE(buffer);
  EXPECT_NE(buffer.error().find("not sealed"), std::string::npos) << buffer.error();
  EXPECT_EQ(test::CountOpenFds(), before) << "the refused fd is closed";
}

TEST(SharedBufferTest, RefusesAPartlySealedMemfd) {
  auto buffer = SharedBuffer::Adopt(test::MakeMemfd(kSize, F_SEAL_GROW | F_SEAL_SEAL), kSize, Access::kReadOnly);
  ASSERT_FALSE(buffer);
  EXPECT_NE(buffer.error().find("not sealed"), std::string::npos) << buffer.error();
}

TEST(SharedBufferTest, RefusesATooSmallMemfd) {
  auto buffer = SharedBuffer::Adopt(test::MakeMemfd(kSize - 1, kAllSeals), kSize, Access::kReadOnly);
  ASSERT_FALSE(buffer);
  EXPECT_NE(buffer.error().find("expected 65536"), std::string::npos) << buffer.error();
}

TEST(SharedBufferTest, RefusesATooLargeMemfd) {
  auto buffer = SharedBuffer::Adopt(test::MakeMemfd(kSize + 4096, kAllSeals), kSize, Access::kReadOnly);
  ASSERT_FALSE(buffer);
  EXPECT_NE(buffer.error().find("expected 65536"), std::string::npos) << buffer.error();
}

TEST(SharedBufferTest, RefusesAFileThatIsNotAMemfd) {
  auto file = SharedBuffer::Adopt(test::MakeTempFile(kSize), kSize, Access::kReadOnly);
  ASSERT_FALSE(file);
  EXPECT_NE(file.error().find("memfd"), std::string::npos) << file.error();
  test::SocketPair pair = test::MakeSocketPair();
  EXPECT_FALSE(SharedBuffer::Adopt(std::move(pair.a), kSize, Access::kReadOnly));
  EXPECT_FALSE(SharedBuffer::Adopt(UniqueFd(), kSize, Access::kReadOnly));
}

TEST(SharedBufferTest, RefusesZeroSize) {
  EXPECT_FALSE(SharedBuffer::Create(0, "zero", Access::kReadWrite));
  EXPECT_FALSE(SharedBuffer::Adopt(test::MakeMemfd(0, kAllSeals), 0, Access::kReadOnly));
}

TEST(SharedBufferTest, CreatedBufferCannotBeResizedOrUnsealed) {
  auto buffer = SharedBuffer::Create(kSize, "sealed", Access::kReadWrite);
  ASSERT_TRUE(buffer) << buffer.error();
  EXPECT_EQ(::fcntl(buffer->fd(), F_GET_SEALS) & kAllSeals, kAllSeals);
  errno = 0;
  EXPECT_EQ(::ftruncate(buffer->fd(), kSize / 2), -1);
  EXPECT_EQ(errno, EPERM) << "shrinking a sealed buffer";
  errno = 0;
  EXPECT_EQ(::ftruncate(buffer->fd(), kSize * 2), -1);
  EXPECT_EQ(errno, EPERM) << "growing a sealed buffer";
  errno = 0;
  EXPECT_EQ(::fcntl(buffer->fd(), F_ADD_SEALS, F_SEAL_WRITE), -1);
  EXPECT_EQ(errno, EPERM) << "changing the seals";
  EXPECT_TRUE(test::IsCloseOnExec(buffer->fd()));
}

// A fetch body: the browser writes it once, then nobody can change it, not
// through the fd the renderer receives (write, a writable mapping) and not
// through the renderer's own read-only mapping (mprotect).
TEST(SharedBufferTest, AFrozenBufferCannotBeWrittenByAnyHolder) {
  const std::string text(kSize + 123, 'b');
  auto body = SharedBuffer::CreateFrozen({reinterpret_cast<const uint8_t*>(text.data()), text.size()}, "body");
  ASSERT_TRUE(body) << body.error();
  EXPECT_EQ(::fcntl(body->fd(), F_GET_SEALS), kFrozenSeals);
  auto sent = body->Duplicate();
  ASSERT_TRUE(sent) << sent.error();
  errno = 0;
  EXPECT_EQ(::pwrite(sent->get(), "x", 1, 0), -1);
  EXPECT_EQ(errno, EPERM) << "write through the received fd";
  errno = 0;
  EXPECT_EQ(::mmap(nullptr, text.size(), PROT_READ | PROT_WRITE, MAP_SHARED, sent->get(), 0), MAP_FAILED);
  EXPECT_EQ(errno, EPERM) << "a writable shared mapping of the received fd";
  auto received = SharedBuffer::AdoptFrozen(std::move(*sent), text.size());
  ASSERT_TRUE(received) << received.error();
  EXPECT_TRUE(received->writable_bytes().empty());
  EXPECT_TRUE(std::equal(received->bytes().begin(), received->bytes().end(), text.begin()));
  auto* mapping = const_cast<uint8_t*>(received->bytes().data());
  errno = 0;
  EXPECT_EQ(::mprotect(mapping, 4096, PROT_READ | PROT_WRITE), -1) << "the reader's mapping made writable";
  EXPECT_EQ(errno, EACCES);
}

// The reader refuses a body anyone could still write: only sealed against
// resizing (what every shared buffer carries) is not enough.
TEST(SharedBufferTest, AdoptFrozenRefusesABufferNotSealedAgainstWrites) {
  const int before = test::CountOpenFds();
  auto writable = SharedBuffer::AdoptFrozen(test::MakeMemfd(kSize, kAllSeals), kSize);
  ASSERT_FALSE(writable);
  EXPECT_NE(writable.error().find("not sealed against writes"), std::string::npos) << writable.error();
  EXPECT_EQ(test::CountOpenFds(), before) << "the refused fd is closed";
  EXPECT_TRUE(SharedBuffer::AdoptFrozen(test::MakeMemfd(kSize, kAllSeals | F_SEAL_WRITE), kSize));
  EXPECT_FALSE(SharedBuffer::AdoptFrozen(test::MakeMemfd(kSize, F_SEAL_WRITE | F_SEAL_SEAL), kSize));
  EXPECT_FALSE(SharedBuffer::CreateFrozen({}, "empty"));
}

TEST(SharedBufferTest, DuplicateSharesTheSameMemory) {
  auto writer = SharedBuffer::Create(kSize, "shared", Access::kReadWrite);
  ASSERT_TRUE(writer) << writer.error();
  auto copy = writer->Duplicate();
  ASSERT_TRUE(copy) << copy.error();
  EXPECT_TRUE(test::IsCloseOnExec(copy->get()));
  auto reader = SharedBuffer::Adopt(std::move(*copy), kSize, Access::kReadOnly);
  ASSERT_TRUE(reader) << reader.error();
  writer->writable_bytes()[kSize - 1] = 0xab;
  EXPECT_EQ(reader->bytes()[kSize - 1], 0xab);
}

// Minor page faults this process took so far.
long MinorFaults() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Reads, then writes, one byte per page, counting the minor faults of each
// pass. The read pass also maps anything else an access needs
// (AddressSanitizer's shadow pages, say), so the write pass counts only
// pages that were absent or mapped read-only.
struct Faults {
  long reading;
  long writing;
};
Faults TouchEveryPage(std::span<uint8_t> bytes) {
  const long start = MinorFaults();
  uint8_t sum = 0;
  for (size_t i = 0; i < bytes.size(); i += 4096) sum += static_cast<volatile uint8_t&>(bytes[i]);
  const long read = MinorFaults();
  for (size_t i = 0; i < bytes.size(); i += 4096) static_cast<volatile uint8_t&>(bytes[i]) = 0x5a + (sum & 0);
  return {read - start, MinorFaults() - read};
}

constexpr size_t kPrefaultBytes = 1 << 20;  // 256 pages
constexpr long kPages = kPrefaultBytes / 4096;

TEST(SharedBufferTest, WithoutPrefaultEveryPageFaults) {
  auto buffer = SharedBuffer::Create(kPrefaultBytes, "cold", Access::kReadWrite);
  ASSERT_TRUE(buffer) << buffer.error();
  const Faults faults = TouchEveryPage(buffer->writable_bytes());
  EXPECT_GE(faults.reading + faults.writing, kPages / 2);
}

TEST(SharedBufferTest, PrefaultOfFreshPagesLeavesNothingToFault) {
  auto buffer = SharedBuffer::Create(kPrefaultBytes, "fresh", Access::kReadWrite);
  ASSERT_TRUE(buffer) << buffer.error();
  buffer->PrefaultForWriting(SharedBuffer::Pages::kFresh);
  const Faults faults = TouchEveryPage(buffer->writable_bytes());
  // (AddressSanitizer's shadow of the buffer is 32 pages.)
  EXPECT_LT(faults.reading, kPages / 4);
  EXPECT_LE(faults.writing, 2);
}

// A restarted renderer's case: another mapping wrote the pages, then a new
// mapping prefaults them with read faults. They must come out writable, or
// the paint would take a write fault per page after all.
TEST(SharedBufferTest, PrefaultOfExistingPagesMapsThemWritable) {
  auto first = SharedBuffer::Create(kPrefaultBytes, "painted", Access::kReadWrite);
  ASSERT_TRUE(first) << first.error();
  std::fill(first->writable_bytes().begin(), first->writable_bytes().end(), 0x11);
  auto fd = first->Duplicate();
  ASSERT_TRUE(fd) << fd.error();
  auto second = SharedBuffer::Adopt(std::move(*fd), kPrefaultBytes, Access::kReadWrite);
  ASSERT_TRUE(second) << second.error();
  const long before = MinorFaults();
  second->PrefaultForWriting(SharedBuffer::Pages::kExisting);
  // Fault-around maps many pages per fault.
  EXPECT_LT(MinorFaults() - before, kPages / 4);
  const Faults faults = TouchEveryPage(second->writable_bytes());
  EXPECT_LT(faults.reading, kPages / 4);
  EXPECT_LE(faults.writing, 2);
  EXPECT_EQ(first->bytes()[4096], 0x5a);
}

TEST(SharedBufferTest, MoveLeavesAnEmptyBuffer) {
  auto buffer = SharedBuffer::Create(kSize, "moved", Access::kReadWrite);
  ASSERT_TRUE(buffer) << buffer.error();
  SharedBuffer moved = std::move(*buffer);
  EXPECT_EQ(moved.size(), kSize);
  EXPECT_EQ(buffer->size(), 0u);
  EXPECT_TRUE(buffer->bytes().empty());
}

// Blocks (512 bytes each) the memfd behind `fd` holds: what its pages cost.
long long AllocatedBlocks(int fd) {
  struct stat st {};
  EXPECT_EQ(::fstat(fd, &st), 0);
  return static_cast<long long>(st.st_blocks);
}

TEST(SharedBufferTest, DiscardPagesFreesTheMemoryForEveryMapping) {
  constexpr size_t kSize = 64 * 4096;
  auto writer = SharedBuffer::Create(kSize, "discard-test", Access::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.error();
  auto fd = writer->Duplicate();
  ASSERT_TRUE(fd.ok()) << fd.error();
  auto reader = SharedBuffer::Adopt(std::move(*fd), kSize, Access::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.error();
  std::fill(writer->writable_bytes().begin(), writer->writable_bytes().end(), 0x5a);
  ASSERT_EQ(reader->bytes()[kSize - 1], 0x5a);
  ASSERT_GE(AllocatedBlocks(writer->fd()), static_cast<long long>(kSize / 512));

  ASSERT_TRUE(writer->DiscardPages().ok());
  EXPECT_EQ(AllocatedBlocks(writer->fd()), 0) << "the pages went back to the kernel";
  EXPECT_EQ(reader->bytes()[0], 0) << "the other mapping reads the hole as zeros";
  EXPECT_EQ(reader->bytes()[kSize - 1], 0);
  // Still a buffer: written again, it is allocated again, the same size.
  writer->writable_bytes()[7] = 9;
  EXPECT_EQ(reader->bytes()[7], 9);
  EXPECT_GT(AllocatedBlocks(writer->fd()), 0);
  EXPECT_EQ(writer->size(), kSize);
}

TEST(SharedBufferTest, DiscardPagesOfAReadOnlyMappingTouchesNothing) {
  constexpr size_t kSize = 4 * 4096;
  auto writer = SharedBuffer::Create(kSize, "discard-test", Access::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.error();
  writer->writable_bytes()[0] = 1;
  auto fd = writer->Duplicate();
  ASSERT_TRUE(fd.ok()) << fd.error();
  auto reader = SharedBuffer::Adopt(std::move(*fd), kSize, Access::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.error();
  EXPECT_TRUE(reader->DiscardPages().ok());
  EXPECT_EQ(writer->writable_bytes()[0], 1) << "a reader never empties its writer's buffer";
}

}  // namespace
}  // namespace sandtab::ipc
