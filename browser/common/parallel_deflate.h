#ifndef SANDTAB_BROWSER_COMMON_PARALLEL_DEFLATE_H_
#define SANDTAB_BROWSER_COMMON_PARALLEL_DEFLATE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "base/result.h"

namespace sandtab::browser {

// Rows of bytes to compress. `fill(row, out)` writes row `row`'s
// `row_bytes` bytes to `out`; it is called from several threads at once,
// each with rows of its own, so it must not share scratch between calls.
struct ByteRows {
  size_t rows = 0;
  size_t row_bytes = 0;
  std::function<void(size_t row, uint8_t* out)> fill;
};

// How many rows each run of DeflateRows holds (the last may hold fewer).
inline constexpr size_t kRowsPerDeflateRun = 64;

// One zlib stream (RFC 1950) of all the rows, compressed as pigz does: in
// runs of kRowsPerDeflateRun rows, which `threads` threads (the calling one
// among them) take in turn from a shared counter, so a thread slowed by
// other work on its CPU takes fewer. Every run but the last ends with a
// sync flush, which leaves the deflate stream byte-aligned and open, so the
// runs' outputs simply follow each other; their Adler-32s are combined.
// Each run starts with an empty window, which costs a few hundred bytes
// per run on a page's screenshot. The bytes depend on the rows and the
// level only, not on the threads. A PNG's IDAT data is such a stream
// (docs/performance.md, "The one-shot's PNG").
Result<std::string> DeflateRows(const ByteRows& rows, int level, int threads);

// How many threads DeflateRows should use for `rows` here: one per CPU
// this process may run on (a browser pinned to one CPU makes no helper),
// at most four, and no more than there are runs.
int DeflateThreadsFor(size_t rows);

// The CPUs this process may run on (its affinity mask), at least 1.
int UsableCpus();

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_PARALLEL_DEFLATE_H_
