// DeflateRows' streams read back with zlib's own inflate.
#include "browser/common/parallel_deflate.h"

#include <sched.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace sandtab::browser {
namespace {

// Rows that are neither constant nor random: text-like runs that deflate
// finds matches in, and that differ from row to row.
ByteRows TestRows(size_t count, size_t bytes) {
  return {count, bytes, [bytes](size_t row, uint8_t* out) {
            for (size_t i = 0; i < bytes; ++i) out[i] = static_cast<uint8_t>((i / 7 + row * 13) % 251 ^ (row & 3));
          }};
}

std::string Concatenated(const ByteRows& rows) {
  std::string all(rows.rows * rows.row_bytes, '\0');
  for (size_t r = 0; r < rows.rows; ++r) rows.fill(r, reinterpret_cast<uint8_t*>(&all[r * rows.row_bytes]));
  return all;
}

// zlib's uncompress checks the header and the Adler-32 trailer too.
std::string Inflated(const std::string& stream, size_t expected) {
  std::string out(expected + 1, '\0');
  uLongf size = out.size();
  const int status = uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                                reinterpret_cast<const Bytef*>(stream.data()), stream.size());
  if (status != Z_OK) return "uncompress failed: " + std::to_string(status);
  out.resize(size);
  return out;
}

TEST(ParallelDeflateTest, EveryNumberOfThreadsInflatesToTheRowsAndMakesTheSameBytes) {
  const ByteRows rows = TestRows(300, 3841);  // five runs, the last short
  const std::string want = Concatenated(rows);
  for (int level : {1, 3, 9}) {
    Result<std::string> alone = DeflateRows(rows, level, 1);
    ASSERT_TRUE(alone.ok()) << alone.error();
    EXPECT_TRUE(Inflated(*alone, want.size()) == want) << "level " << level;
    EXPECT_LT(alone->size(), want.size() / 4) << "compressed at all";
    for (int threads : {2, 3, 4, 7}) {
      Result<std::string> stream = DeflateRows(rows, level, threads);
      ASSERT_TRUE(stream.ok()) << stream.error();
      EXPECT_TRUE(*stream == *alone) << threads << " threads at level " << level;
    }
  }
}

// The two header bytes say the window and the level's class as zlib's own
// deflate writes them for the same level.
TEST(ParallelDeflateTest, TheHeaderIsZlibsOwnForTheLevel) {
  const ByteRows rows = TestRows(10, 100);
  const std::string raw = Concatenated(rows);
  for (int level : {Z_DEFAULT_COMPRESSION, 0, 1, 2, 3, 5, 6, 7, 9}) {
    std::string theirs(compressBound(raw.size()), '\0');
    uLongf size = theirs.size();
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(theirs.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                        raw.size(), level),
              Z_OK);
    Result<std::string> ours = DeflateRows(rows, level, 2);
    ASSERT_TRUE(ours.ok()) << ours.error();
    EXPECT_EQ(ours->substr(0, 2), theirs.substr(0, 2)) << "level " << level;
    EXPECT_EQ(Inflated(*ours, raw.size()), raw) << "level " << level;
  }
}

TEST(ParallelDeflateTest, MoreThreadsThanRowsAndNoRowsAtAll) {
  const ByteRows three = TestRows(3, 100);
  Result<std::string> stream = DeflateRows(three, 3, 8);
  ASSERT_TRUE(stream.ok()) << stream.error();
  EXPECT_EQ(Inflated(*stream, 300), Concatenated(three));

  Result<std::string> empty = DeflateRows(TestRows(0, 100), 3, 2);
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_EQ(Inflated(*empty, 0), "");
}

TEST(ParallelDeflateTest, ABufferThatMustGrowIsNotCutShort) {
  // Random bytes do not compress: the first guess of the output's size
  // (a sixteenth of the input) is far too small.
  std::vector<uint8_t> noise(64 * 1000);
  uint32_t state = 12345;
  for (uint8_t& byte : noise) byte = static_cast<uint8_t>((state = state * 1103515245 + 12345) >> 24);
  const ByteRows rows{64, 1000, [&noise](size_t row, uint8_t* out) {
                        std::copy_n(noise.begin() + static_cast<long>(row * 1000), 1000, out);
                      }};
  Result<std::string> stream = DeflateRows(rows, 3, 2);
  ASSERT_TRUE(stream.ok()) << stream.error();
  EXPECT_GT(stream->size(), noise.size());
  EXPECT_TRUE(Inflated(*stream, noise.size()) == std::string(noise.begin(), noise.end()));
}

// Each run's first row waits (bounded) until three threads hold a run, so
// the test cannot pass by one thread taking every run before the others
// start, nor hang if they never come.
TEST(ParallelDeflateTest, RunsAreTakenByThreadsOfTheirOwn) {
  std::mutex mutex;
  std::condition_variable three_seen;
  std::set<std::thread::id> threads;
  const ByteRows base = TestRows(4 * kRowsPerDeflateRun, 64);
  const ByteRows rows{base.rows, base.row_bytes, [&](size_t row, uint8_t* out) {
                        if (row % kRowsPerDeflateRun == 0) {
                          std::unique_lock lock(mutex);
                          threads.insert(std::this_thread::get_id());
                          three_seen.notify_all();
                          three_seen.wait_for(lock, std::chrono::seconds(5), [&] { return threads.size() >= 3; });
                        }
                        base.fill(row, out);
                      }};
  Result<std::string> stream = DeflateRows(rows, 3, 3);
  ASSERT_TRUE(stream.ok()) << stream.error();
  EXPECT_EQ(Inflated(*stream, rows.rows * rows.row_bytes), Concatenated(base));
  EXPECT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 1u) << "the caller takes runs too";
}

TEST(ParallelDeflateTest, ThreadsForAScreenshotFollowTheCpusThisProcessMayUse) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  ASSERT_EQ(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
  EXPECT_EQ(UsableCpus(), CPU_COUNT(&allowed));
  EXPECT_EQ(DeflateThreadsFor(800), std::clamp(CPU_COUNT(&allowed), 1, 4));
  EXPECT_EQ(DeflateThreadsFor(kRowsPerDeflateRun), 1) << "one run, one thread";
  EXPECT_EQ(DeflateThreadsFor(0), 1);

  // Pinned to one CPU (on a thread of its own, whose mask is its own).
  std::thread([] {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    ASSERT_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
    EXPECT_EQ(UsableCpus(), 1);
    EXPECT_EQ(DeflateThreadsFor(800), 1);
  }).join();
}

}  // namespace
}  // namespace sandtab::browser
