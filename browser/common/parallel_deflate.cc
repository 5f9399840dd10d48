#include "browser/common/parallel_deflate.h"

#include <pthread.h>
#include <sched.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace sandtab::browser {

namespace {

// One run of rows compressed to raw deflate (no zlib header or trailer).
struct Run {
  size_t first_row = 0;
  size_t row_count = 0;
  bool last = false;
  std::string deflated;
  uLong adler = 0;
  bool ok = false;
};

// Feeds the stream's whole input to deflate with `flush`, growing `out`
// whenever deflate fills it. Written bytes are out[0, stream.total_out).
bool Deflate(z_stream& stream, int flush, std::string& out) {
  while (true) {
    if (stream.avail_out == 0) out.resize(out.size() * 2);
    stream.next_out = reinterpret_cast<Bytef*>(out.data()) + stream.total_out;
    stream.avail_out = static_cast<uInt>(out.size() - stream.total_out);
    const int status = deflate(&stream, flush);
    if (status == Z_STREAM_END) return true;
    if (status != Z_OK && status != Z_BUF_ERROR) return false;
    // Stopped with room to spare: deflate took all the input and wrote all
    // this flush asks for (a finish with room would have ended the stream).
    if (stream.avail_out != 0) return flush != Z_FINISH && stream.avail_in == 0;
  }
}

// Compresses `run` with `stream`, a raw deflate stream fresh or reset.
void Compress(const ByteRows& rows, z_stream& stream, std::vector<uint8_t>& row, Run& run) {
  // Screenshots compress 20-40 to 1: a buffer of deflateBound's worst
  // case would be page faults for nothing. It grows when full instead.
  run.deflated.resize(std::max<size_t>(4096, run.row_count * rows.row_bytes / 16));
  run.adler = adler32(0, nullptr, 0);
  bool ok = true;
  for (size_t i = 0; i < run.row_count && ok; ++i) {
    rows.fill(run.first_row + i, row.data());
    run.adler = adler32(run.adler, row.data(), static_cast<uInt>(row.size()));
    stream.next_in = row.data();
    stream.avail_in = static_cast<uInt>(row.size());
    const bool end = i + 1 == run.row_count;
    const int flush = !end ? Z_NO_FLUSH : run.last ? Z_FINISH : Z_SYNC_FLUSH;
    ok = Deflate(stream, flush, run.deflated);
  }
  if (run.row_count == 0) ok = Deflate(stream, run.last ? Z_FINISH : Z_SYNC_FLUSH, run.deflated);
  run.deflated.resize(stream.total_out);
  run.ok = ok;
}

// One thread's share: runs taken from `next` until none is left, all with
// one stream (a reset clears its tables; a new one would allocate and
// fault in ~300 KiB again).
void CompressRuns(const ByteRows& rows, int level, std::vector<Run>& runs, std::atomic<size_t>& next) {
  z_stream stream{};
  // Negative window bits: raw deflate, so the runs can be concatenated.
  if (deflateInit2(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
  std::vector<uint8_t> row(rows.row_bytes);
  for (size_t i = next++; i < runs.size(); i = next++) {
    Compress(rows, stream, row, runs[i]);
    deflateReset(&stream);
  }
  deflateEnd(&stream);
}

// The CPUs this thread may run on (its affinity mask).
std::optional<cpu_set_t> AllowedCpus() {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return std::nullopt;
  return allowed;
}

// The CPUs this thread may run on but is not running on now, if any. A
// new thread starts on the CPU that made it, and, on the screenshot's path
// (the other CPU busy with the killed renderer's exit for 1-2 ms), Linux
// left it there, time-sharing with its maker, for its whole 3 ms while the
// other CPU went idle (perf sched traces on 2 vCPUs): the helpers are put
// elsewhere at once.
std::optional<cpu_set_t> OtherCpus() {
  const int here = sched_getcpu();
  std::optional<cpu_set_t> allowed = AllowedCpus();
  if (here < 0 || !allowed) return std::nullopt;
  CPU_CLR(here, &*allowed);
  if (CPU_COUNT(&*allowed) == 0) return std::nullopt;
  return allowed;
}

}  // namespace

int UsableCpus() {
  const std::optional<cpu_set_t> allowed = AllowedCpus();
  return allowed ? CPU_COUNT(&*allowed) : static_cast<int>(std::thread::hardware_concurrency());
}

int DeflateThreadsFor(size_t rows) {
  const size_t threads = std::clamp<size_t>(static_cast<size_t>(std::max(UsableCpus(), 1)), 1, 4);
  const size_t runs = (rows + kRowsPerDeflateRun - 1) / kRowsPerDeflateRun;
  return static_cast<int>(std::clamp<size_t>(runs, 1, threads));
}

Result<std::string> DeflateRows(const ByteRows& rows, int level, int threads) {
  if (!rows.fill && rows.rows > 0) return Error{"no rows to compress"};
  std::vector<Run> runs(std::max<size_t>(1, (rows.rows + kRowsPerDeflateRun - 1) / kRowsPerDeflateRun));
  for (size_t i = 0; i < runs.size(); ++i) {
    runs[i].first_row = i * kRowsPerDeflateRun;
    runs[i].row_count = std::min(rows.rows, (i + 1) * kRowsPerDeflateRun) - std::min(rows.rows, runs[i].first_row);
    runs[i].last = i + 1 == runs.size();
  }
  threads = static_cast<int>(std::clamp<size_t>(threads, 1, runs.size()));
  std::atomic<size_t> next = 0;
  std::vector<std::thread> helpers;
  helpers.reserve(static_cast<size_t>(threads - 1));  // no reallocation once threads run
  const std::optional<cpu_set_t> elsewhere = threads > 1 ? OtherCpus() : std::nullopt;
  for (int i = 1; i < threads; ++i) {
    try {
      helpers.emplace_back([&] { CompressRuns(rows, level, runs, next); });
      if (elsewhere) pthread_setaffinity_np(helpers.back().native_handle(), sizeof(*elsewhere), &*elsewhere);
    } catch (const std::system_error&) {
      break;  // no thread to be had (a process at its limit): fewer do it
    }
  }
  CompressRuns(rows, level, runs, next);
  for (std::thread& helper : helpers) helper.join();

  // The zlib header: deflate with a 32 KiB window (CMF 0x78), the level's
  // hint in FLEVEL as zlib's own deflate sets it, and FCHECK making the
  // 16-bit header a multiple of 31.
  const unsigned cmf = 0x78;
  const int effective = level == Z_DEFAULT_COMPRESSION ? 6 : level;
  unsigned flg = (effective < 2 ? 0u : effective < 6 ? 1u : effective == 6 ? 2u : 3u) << 6;
  flg += 31 - (cmf * 256 + flg) % 31;
  std::string out;
  size_t size = 6;
  for (const Run& run : runs) size += run.deflated.size();
  out.reserve(size);
  out.push_back(static_cast<char>(cmf));
  out.push_back(static_cast<char>(flg));
  uLong adler = adler32(0, nullptr, 0);
  for (const Run& run : runs) {
    if (!run.ok) return Error{"zlib failed compressing the rows"};
    out.append(run.deflated);
    adler = adler32_combine(adler, run.adler, static_cast<z_off_t>(run.row_count * rows.row_bytes));
  }
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((adler >> shift) & 0xff));
  return out;
}

}  // namespace sandtab::browser
