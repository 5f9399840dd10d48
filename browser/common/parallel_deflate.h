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

// One zlib stream (RFC 1950) of all the rows, compressed as `parts` runs of
// rows at once, one thread each (the calling thread takes the last), as
// pigz does: every run but the last ends with a sync flush, which leaves
// the deflate stream byte-aligned and open, so the runs' outputs simply
// follow each other; the Adler-32s are combined. Each run starts with an
// empty window, which costs a few hundred bytes per run on a page's
// screenshot. A PNG's IDAT data is such a stream, so a screenshot's ~3 MB
// compress in about 1/parts of the time (docs/performance.md, "The
// one-shot's PNG").
Result<std::string> DeflateRows(const ByteRows& rows, int level, int parts);

// How many runs DeflateRows should make of `rows` on this machine: one per
// hardware thread, at most four, and no run shorter than 64 rows.
int DeflatePartsFor(size_t rows);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_PARALLEL_DEFLATE_H_
